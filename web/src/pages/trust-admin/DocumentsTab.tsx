import {
  Badge,
  Button,
  FileInput,
  Group,
  Paper,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { documentMetadata, type DOCUMENT_ACCESS, DOCUMENT_KINDS } from '@contracts/trust.js';
import { ApiError } from '../../api/client.js';
import { useDeleteDocument, useTrustDocuments, useUploadDocument } from '../../api/trust.js';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { FormError } from '../../components/FormError.js';
import { LocalTime } from '../../components/LocalTime.js';
import { QueryState, TrustTable } from './TrustSection.js';

type Kind = (typeof DOCUMENT_KINDS)[number];
type Access = (typeof DOCUMENT_ACCESS)[number];

export const accessLabels: Record<Access, string> = {
  public: 'Public',
  request: 'On request',
};
const kindLabels: Record<Kind, string> = { certification: 'Certification', document: 'Document' };

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Documents the public page offers: downloadable by anyone, or sent on approved request. */
export function DocumentsTab() {
  const documents = useTrustDocuments();
  const remove = useDeleteDocument();
  const [uploaded, setUploaded] = useState(0);

  return (
    <Stack gap="lg">
      <Paper withBorder radius="md" p="md" component="section" aria-labelledby="trust-documents">
        <Title order={2} size="h4" id="trust-documents" mb="md">
          Documents
        </Title>
        <QueryState query={documents} loadingLabel="Loading the documents" />
        {documents.data?.length === 0 && (
          <Text size="sm" c="dimmed">
            No documents yet.
          </Text>
        )}
        {documents.data && documents.data.length > 0 && (
          <TrustTable
            label="Documents"
            minWidth={640}
            columns={['Title', 'Kind', 'Visibility', 'File', 'Uploaded']}
            withActions
          >
            {documents.data.map((doc) => (
              <Table.Tr key={doc.id}>
                <Table.Th scope="row" fw={500}>
                  {doc.title}
                </Table.Th>
                <Table.Td>{kindLabels[doc.kind]}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={doc.access === 'public' ? 'teal' : 'blue'}>
                    {accessLabels[doc.access]}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{doc.fileName}</Text>
                  <Text size="xs" c="dimmed">
                    {size(doc.byteSize)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <LocalTime iso={doc.createdAt} />
                </Table.Td>
                <Table.Td>
                  <ConfirmButton
                    size="xs"
                    variant="light"
                    aria-label={`Delete ${doc.title}`}
                    title="Delete this document?"
                    message={`"${doc.title}" is removed from the public page, and links already sent for it stop working.`}
                    confirmLabel="Delete document"
                    onConfirm={() => remove.mutateAsync(doc.id)}
                  >
                    Delete
                  </ConfirmButton>
                </Table.Td>
              </Table.Tr>
            ))}
          </TrustTable>
        )}
      </Paper>
      <Paper withBorder radius="md" p="md" component="section" aria-labelledby="trust-upload">
        <Title order={2} size="h4" id="trust-upload" mb="md">
          Upload a document
        </Title>
        <UploadForm key={uploaded} onUploaded={() => setUploaded((n) => n + 1)} />
      </Paper>
    </Stack>
  );
}

type UploadErrors = Partial<Record<'file' | 'title' | 'description' | 'kind' | 'access', string>>;

function UploadForm({ onUploaded }: { onUploaded: () => void }) {
  const upload = useUploadDocument();
  const [file, setFile] = useState<File | null>(null);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [kind, setKind] = useState<Kind>('document');
  const [access, setAccess] = useState<Access>('request');
  const [errors, setErrors] = useState<UploadErrors>({});
  const [formError, setFormError] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    const found: UploadErrors = {};
    const parsed = documentMetadata.safeParse({ title, description, kind, access });
    for (const issue of parsed.error?.issues ?? []) {
      const key = String(issue.path[0]) as keyof UploadErrors;
      found[key] ??= issue.message;
    }
    if (!file) found.file = 'is required';
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0 || !file || !parsed.success) return;
    upload.mutate(
      { file, ...parsed.data },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: `${parsed.data.title} uploaded.` });
          onUploaded();
        },
        onError: (error) => {
          if (!(error instanceof ApiError)) {
            setFormError('Something unexpected went wrong. Please try again.');
            return;
          }
          const fromServer: UploadErrors = {};
          for (const issue of error.issues) {
            const key = issue.field.replace(/^body\./, '').split('.')[0] as keyof UploadErrors;
            if (['file', 'title', 'description', 'kind', 'access'].includes(key))
              fromServer[key] = issue.message;
          }
          setErrors(fromServer);
          if (Object.keys(fromServer).length < error.issues.length || error.issues.length === 0)
            setFormError(error.message);
        },
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Upload a document">
      <Stack gap="sm">
        <FormError message={formError} title="The document was not uploaded" />
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <FileInput
            label="File"
            description="PDF, PNG, JPEG, DOCX, XLSX or plain text; at most 25 MB"
            placeholder="Choose a file"
            required
            clearable
            value={file}
            onChange={setFile}
            error={errors.file}
          />
          <TextInput
            label="Document title"
            required
            maxLength={200}
            value={title}
            onChange={(event) => setTitle(event.currentTarget.value)}
            error={errors.title}
          />
          <Select
            label="Kind"
            data={DOCUMENT_KINDS.map((value) => ({ value, label: kindLabels[value] }))}
            value={kind}
            onChange={(value) => value && setKind(value)}
            allowDeselect={false}
            error={errors.kind}
          />
          <Radio.Group
            label="Visibility"
            value={access}
            onChange={(value) => setAccess(value)}
            error={errors.access}
          >
            <Group mt="xs">
              <Radio value="public" label="Public: anyone may download it" />
              <Radio value="request" label="Request access: sent on approval" />
            </Group>
          </Radio.Group>
        </SimpleGrid>
        <Textarea
          label="Document description"
          autosize
          minRows={2}
          maxRows={6}
          value={description}
          onChange={(event) => setDescription(event.currentTarget.value)}
          error={errors.description}
        />
        <Group>
          <Button type="submit" loading={upload.isPending}>
            Upload document
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
