import { Button, FileInput, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileImport, IconJson } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { importTemplate, templateKeys } from '../../api/assessments.js';
import { FormError } from '../../components/FormError.js';
import { IssueList } from './IssueList.js';
import { serverIssues } from './issues.js';

export function ImportTemplateButton() {
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button
        variant="default"
        leftSection={<IconFileImport size={16} aria-hidden />}
        onClick={() => setOpened(true)}
      >
        Import JSON
      </Button>
      <Modal
        opened={opened}
        onClose={() => setOpened(false)}
        title="Import a questionnaire from JSON"
        size="lg"
        centered
      >
        {opened && <ImportForm onDone={() => setOpened(false)} />}
      </Modal>
    </>
  );
}

/** Reads the file here so a file that is not JSON at all is named before anything is sent. */
async function readJson(file: File): Promise<unknown> {
  const content = await file.text();
  try {
    return JSON.parse(content) as unknown;
  } catch (error) {
    throw new Error(
      `${file.name} is not valid JSON${error instanceof SyntaxError ? ` (${error.message})` : ''}.`,
      { cause: error },
    );
  }
}

function ImportForm({ onDone }: { onDone: () => void }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | undefined>();
  const mutation = useMutation({
    mutationFn: async (chosen: File) => importTemplate(await readJson(chosen)),
    onSuccess: async (imported) => {
      notifications.show({
        color: 'teal',
        message: `Imported ${imported.name} (${imported.key}) as version ${imported.version}.`,
      });
      await queryClient.invalidateQueries({ queryKey: templateKeys.all });
      onDone();
      await navigate({ to: '/questionnaires/$templateId', params: { templateId: imported.id } });
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) {
      setFileError('choose a JSON file');
      return;
    }
    mutation.mutate(file);
  }

  const issues = serverIssues(mutation.error);
  // Either the server's refusal or readJson's own complaint; both are meant for people.
  const message = mutation.error?.message ?? null;
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm">
          Choose a file written by <strong>Export JSON</strong> (format{' '}
          <code>cordon.questionnaire/1</code>). A new key creates a questionnaire; a key that
          already exists gets the file as its next version. Built-in questionnaires cannot be
          replaced this way.
        </Text>
        <FileInput
          label="JSON file"
          placeholder="Choose a .json file"
          accept=".json,application/json"
          leftSection={<IconJson size={16} aria-hidden />}
          value={file}
          onChange={(chosen) => {
            setFile(chosen);
            setFileError(undefined);
            mutation.reset();
          }}
          error={fileError}
          clearable
          required
        />
        {issues.length > 0 ? (
          <IssueList
            issues={issues}
            title="Nothing was imported"
            intro="The file does not describe a valid questionnaire. Fix these and try again:"
          />
        ) : (
          <FormError message={message} title="Import failed" />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone} disabled={mutation.isPending}>
            Cancel
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            Import
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
