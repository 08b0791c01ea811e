import { Button, Checkbox, FileInput, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import {
  useSendMessage,
  useUploadReportAttachment,
  type TeamReportView,
} from '../../api/reports.js';
import { FormError } from '../../components/FormError.js';
import { severityOptions } from './labels.js';
import { Card } from './ReportCard.js';
import { useMessageDraft } from './thread.js';

export function ReportText({ view }: { view: TeamReportView }) {
  return (
    <Card title="Report">
      {/* descriptionHtml and stepsHtml are the researcher's Markdown, sanitised by the server. */}
      <div className="report-markdown" dangerouslySetInnerHTML={{ __html: view.descriptionHtml }} />
      {view.stepsHtml && (
        <>
          <Title order={3} size="h5">
            Steps to reproduce
          </Title>
          <div className="report-markdown" dangerouslySetInnerHTML={{ __html: view.stepsHtml }} />
        </>
      )}
      <Text size="sm" c="dimmed">
        Suggested severity:{' '}
        {view.suggestedSeverity
          ? severityOptions.find((o) => o.value === view.suggestedSeverity)?.label
          : 'none given'}
      </Text>
    </Card>
  );
}

export function Composer({ id }: { id: string }) {
  const send = useSendMessage(id);
  const [internal, setInternal] = useState(false);
  const { body, setBody, error, submit } = useMessageDraft((text, callbacks) =>
    send.mutate({ body: text, internal }, callbacks),
  );
  return (
    <form onSubmit={submit} noValidate aria-label="New message">
      <Stack gap="sm">
        <Textarea
          label={internal ? 'Internal note' : 'Message to the researcher'}
          description="Markdown is supported."
          autosize
          minRows={3}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          error={error}
        />
        <Checkbox
          label="Internal note (the researcher never sees it)"
          checked={internal}
          onChange={(e) => setInternal(e.currentTarget.checked)}
        />
        <Group>
          <Button type="submit" loading={send.isPending}>
            {internal ? 'Add note' : 'Send to researcher'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function TeamUpload({ id }: { id: string }) {
  const upload = useUploadReportAttachment(id);
  const [file, setFile] = useState<File | null>(null);
  const [internal, setInternal] = useState(false);
  return (
    <Stack gap="xs">
      <FormError message={upload.error?.message} title="The file was not uploaded" />
      <Group align="flex-end">
        <FileInput
          label="Add a file"
          placeholder="Choose a file"
          value={file}
          onChange={setFile}
          clearable
          w={280}
        />
        <Button
          variant="light"
          disabled={!file}
          loading={upload.isPending}
          onClick={() =>
            file && upload.mutate({ file, internal }, { onSuccess: () => setFile(null) })
          }
        >
          Upload
        </Button>
      </Group>
      <Checkbox
        label="Internal (not shown to the researcher)"
        checked={internal}
        onChange={(e) => setInternal(e.currentTarget.checked)}
      />
    </Stack>
  );
}
