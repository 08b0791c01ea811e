import { Anchor, Group, Loader, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPaperclip } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type ChangeEvent } from 'react';
import { isApiError } from '../../api/client.js';
import {
  deleteEvidence,
  evidenceDownloadUrl,
  portalKey,
  uploadEvidence,
  type PortalEvidence,
  type PortalView,
} from '../../api/portal.js';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { formatBytes } from '../vendors/labels.js';
import { ACCEPTED_FILE_TYPES, MAX_FILE_BYTES, type QuestionSpec } from './answers.js';

/** A hint for the file picker only; the server checks the content itself. */
const accept =
  '.pdf,.png,.jpg,.jpeg,.docx,.xlsx,.txt,.csv,application/pdf,image/png,image/jpeg,text/plain';

/** The files already given for a question: download each, and remove it while answers are open. */
export function PortalEvidenceList({
  token,
  evidence,
  onRemove,
}: {
  token: string;
  evidence: readonly PortalEvidence[];
  onRemove?: (item: PortalEvidence) => Promise<void>;
}) {
  if (evidence.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No files uploaded yet.
      </Text>
    );
  return (
    <Stack gap={4} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
      {evidence.map((item) => (
        <Group key={item.id} component="li" gap="xs" wrap="nowrap">
          <IconPaperclip size={14} aria-hidden style={{ flexShrink: 0 }} />
          <Anchor
            href={evidenceDownloadUrl(token, item.id)}
            download={item.fileName}
            size="sm"
            aria-label={`Download ${item.fileName}`}
            style={{ overflowWrap: 'anywhere' }}
          >
            {item.fileName}
          </Anchor>
          <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            {formatBytes(item.byteSize)}
          </Text>
          {onRemove && (
            <ConfirmButton
              size="compact-xs"
              variant="subtle"
              aria-label={`Remove ${item.fileName}`}
              title={`Remove ${item.fileName}?`}
              message="The file is deleted from this questionnaire. You can upload it again later."
              confirmLabel="Remove file"
              onConfirm={() => onRemove(item)}
            >
              Remove
            </ConfirmButton>
          )}
        </Group>
      ))}
    </Stack>
  );
}

/** Upload control for a file question, one file per pick, with the files given so far. */
export function PortalEvidenceField({
  token,
  question,
  evidence,
  describedBy,
  invalid,
  onChange,
}: {
  token: string;
  question: QuestionSpec;
  evidence: readonly PortalEvidence[];
  describedBy: string;
  invalid: boolean;
  onChange: () => void;
}) {
  const queryClient = useQueryClient();
  const hintId = useId();
  const [error, setError] = useState<string | null>(null);

  const updateEvidence = (change: (items: PortalEvidence[]) => PortalEvidence[]) =>
    queryClient.setQueryData<PortalView>(
      portalKey(token),
      (view) => view && { ...view, evidence: change(view.evidence) },
    );
  const reread = () => queryClient.invalidateQueries({ queryKey: portalKey(token) });

  const upload = useMutation({
    mutationFn: (file: File) => uploadEvidence(token, question.key, file),
    onSuccess: async (item) => {
      updateEvidence((items) => [...items, item]);
      onChange();
      notifications.show({ color: 'teal', message: `${item.fileName} was uploaded.` });
      await reread();
    },
    onError: (caught) => {
      setError(isApiError(caught) ? caught.message : 'The upload failed. Please try again.');
      if (isApiError(caught) && [404, 409, 410].includes(caught.status)) void reread();
    },
  });

  function pick(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const file = input.files?.[0];
    // Cleared so that choosing the same file again (after removing it) still uploads it.
    input.value = '';
    if (!file) return;
    setError(null);
    if (file.size > MAX_FILE_BYTES) setError(`${file.name} is larger than 25 MB.`);
    else if (file.size === 0) setError(`${file.name} is empty.`);
    else upload.mutate(file);
  }

  async function remove(item: PortalEvidence) {
    await deleteEvidence(token, item.id);
    updateEvidence((items) => items.filter((entry) => entry.id !== item.id));
    notifications.show({ color: 'teal', message: `${item.fileName} was removed.` });
    await reread();
  }

  return (
    <Stack gap="xs" mt={4}>
      <PortalEvidenceList token={token} evidence={evidence} onRemove={remove} />
      <Group gap="sm" wrap="nowrap">
        <input
          type="file"
          accept={accept}
          aria-label={`Upload evidence for: ${question.text}`}
          aria-describedby={[hintId, describedBy].filter(Boolean).join(' ')}
          aria-invalid={invalid || undefined}
          onChange={pick}
          style={{ font: 'inherit', fontSize: 'var(--mantine-font-size-sm)', maxWidth: '100%' }}
        />
        {upload.isPending && <Loader size="xs" aria-label="Uploading" />}
      </Group>
      <Text id={hintId} size="xs" c="dimmed">
        One file at a time: {ACCEPTED_FILE_TYPES}, at most 25 MB.
      </Text>
      {error && (
        <Text size="sm" c="red" role="alert">
          {error}
        </Text>
      )}
    </Stack>
  );
}
