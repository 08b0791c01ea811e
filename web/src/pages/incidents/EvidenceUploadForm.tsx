import { Button, FileInput, Group, Paper, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileUpload } from '@tabler/icons-react';
import { useState, type ComponentProps } from 'react';
import { z } from 'zod';
import { evidenceFields } from '@contracts/incidents.js';
import { useUploadEvidence } from '../../api/incidents.js';
import { FormError } from '../../components/FormError.js';
import { useZodForm } from '../../hooks/useZodForm.js';
import { formatBytes } from '../vendors/labels.js';
import { localDateTimeToIso, localTimeZone } from '../../lib/format.js';
import { asRecord, nullable, textareaField } from '../vendors/formValues.js';

/** The server's upload limit. */
const maxBytes = 25 * 1024 * 1024;

const evidenceForm = z.preprocess((raw) => {
  const v = asRecord(raw);
  const acquiredAt = nullable(v.acquiredAt);
  return {
    acquiredFrom: v.acquiredFrom ?? '',
    description: v.description ?? '',
    // An unreadable time goes through as typed, so the contract names it.
    ...(acquiredAt ? { acquiredAt: localDateTimeToIso(acquiredAt) ?? acquiredAt } : {}),
  };
}, evidenceFields);

// `file` holds the chosen file's name, so the server's issues about it land on the picker.
const empty = { file: '', acquiredFrom: '', acquiredAt: '', description: '' };

/** Adds an evidence file (any type, at most 25 MB) with where and when it was taken. */
export function EvidenceUploadForm({ incidentId }: { incidentId: string }) {
  const form = useZodForm(evidenceForm, empty);
  const upload = useUploadEvidence(incidentId);
  const [file, setFile] = useState<File | null>(null);

  function submit(input: z.output<typeof evidenceFields>) {
    if (!file) return;
    upload.mutate(
      {
        file,
        acquiredFrom: input.acquiredFrom,
        acquiredAt: input.acquiredAt,
        description: input.description,
      },
      {
        onSuccess: (added) => {
          notifications.show({
            color: 'teal',
            message: `${added.fileName} was added as evidence (SHA-256 ${added.sha256.slice(0, 12)}…).`,
          });
          setFile(null);
          form.reset();
        },
        onError: (error) => form.applyError(error),
      },
    );
  }

  const checkFile = () => {
    if (!file) return { file: 'choose a file' };
    if (file.size > maxBytes)
      return { file: `is ${formatBytes(file.size)}; the most is ${formatBytes(maxBytes)}` };
    return {};
  };

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="add-evidence-heading">
      <Title order={3} size="h4" mb="sm" id="add-evidence-heading">
        Add evidence
      </Title>
      <form
        onSubmit={form.submitWith(submit, checkFile)}
        noValidate
        aria-labelledby="add-evidence-heading"
      >
        <Stack gap="sm">
          <FormError message={form.formError} title="The evidence was not added" />
          <Group align="flex-start" gap="sm" wrap="wrap">
            <FileInput
              label="File"
              description="Any type, at most 25 MB"
              placeholder="Choose a file"
              name="file"
              required
              value={file}
              onChange={(chosen) => {
                setFile(chosen);
                form.setValue('file', chosen?.name ?? '');
              }}
              error={form.errors.file}
              clearable
              leftSection={<IconFileUpload size={16} aria-hidden />}
              fileInputProps={{ 'data-testid': 'evidence-file' } as ComponentProps<'input'>}
              w={300}
            />
            <TextInput
              label="Acquired from"
              description="The person or system it came from"
              required
              maxLength={300}
              w={300}
              {...form.field('acquiredFrom')}
            />
            <TextInput
              label="Acquired at"
              description={`Your time zone (${localTimeZone()}); empty means now`}
              type="datetime-local"
              w={240}
              {...form.field('acquiredAt')}
            />
          </Group>
          <Textarea
            label="Description"
            description="What it is and why it matters"
            autosize
            minRows={2}
            maxLength={2000}
            {...textareaField(form, 'description')}
          />
          <Group>
            <Button
              type="submit"
              loading={upload.isPending}
              leftSection={<IconFileUpload size={16} aria-hidden />}
            >
              Add evidence
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
