import { Anchor, Button, FileButton, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileUpload, IconPaperclip } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../../api/client.js';
import {
  deleteAgreementDocument,
  documentUrl,
  uploadAgreementDocument,
  vendorKeys,
  type Agreement,
} from '../../../api/vendors.js';
import { ConfirmButton } from '../../../components/ConfirmButton.js';
import { LocalTime } from '../../../components/LocalTime.js';
import { formatBytes } from '../labels.js';

const accepted =
  '.pdf,.png,.jpg,.jpeg,.docx,.xlsx,.txt,application/pdf,image/png,image/jpeg,text/plain';

const maxBytes = 25 * 1024 * 1024;

/** The signed copies of one agreement: download, upload (≤ 25 MB), remove. */
export function AgreementDocuments({
  agreement,
  canWrite,
}: {
  agreement: Agreement;
  canWrite: boolean;
}) {
  const queryClient = useQueryClient();
  const key = vendorKeys.part(agreement.vendorId, 'agreements');
  const upload = useMutation({
    mutationFn: (file: File) => uploadAgreementDocument(agreement.vendorId, agreement.id, file),
    onSuccess: async (document) => {
      notifications.show({ color: 'teal', message: `${document.fileName} was uploaded.` });
      await queryClient.invalidateQueries({ queryKey: key });
    },
    onError: (error) =>
      notifications.show({
        color: 'red',
        title: 'Upload failed',
        message: error instanceof ApiError ? error.message : 'Please try again.',
      }),
  });

  function send(file: File) {
    if (file.size > maxBytes) {
      notifications.show({
        color: 'red',
        title: 'Upload failed',
        message: `${file.name} is larger than 25 MB.`,
      });
      return;
    }
    upload.mutate(file);
  }

  async function remove(documentId: string, fileName: string) {
    await deleteAgreementDocument(agreement.vendorId, agreement.id, documentId);
    notifications.show({ color: 'teal', message: `${fileName} was removed.` });
    await queryClient.invalidateQueries({ queryKey: key });
  }

  return (
    <Stack gap={6}>
      <Text size="xs" c="dimmed" fw={500}>
        Documents
      </Text>
      {agreement.documents.length === 0 && (
        <Text size="sm" c="dimmed">
          No documents uploaded.
        </Text>
      )}
      {agreement.documents.map((document) => (
        <Group key={document.id} gap="xs" wrap="nowrap">
          <IconPaperclip size={14} aria-hidden />
          <Anchor
            href={documentUrl(agreement.vendorId, agreement.id, document.id)}
            download={document.fileName}
            size="sm"
            aria-label={`Download ${document.fileName}`}
          >
            {document.fileName}
          </Anchor>
          <Text size="xs" c="dimmed">
            {formatBytes(document.byteSize)}, uploaded <LocalTime iso={document.uploadedAt} />
          </Text>
          {canWrite && (
            <ConfirmButton
              size="compact-xs"
              variant="subtle"
              aria-label={`Remove document ${document.fileName}`}
              title={`Remove ${document.fileName}?`}
              message="The file is deleted from Cordon."
              confirmLabel="Remove document"
              onConfirm={() => remove(document.id, document.fileName)}
            >
              Remove
            </ConfirmButton>
          )}
        </Group>
      ))}
      {canWrite && (
        <FileButton onChange={(file) => file && send(file)} accept={accepted}>
          {(props) => (
            <Button
              {...props}
              size="xs"
              variant="light"
              w="fit-content"
              loading={upload.isPending}
              leftSection={<IconFileUpload size={14} aria-hidden />}
              aria-label={`Upload a document for ${agreement.title}`}
            >
              Upload document
            </Button>
          )}
        </FileButton>
      )}
    </Stack>
  );
}
