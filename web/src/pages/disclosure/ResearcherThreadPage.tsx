import {
  Anchor,
  Button,
  Code,
  Checkbox,
  FileInput,
  Group,
  Paper,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { isApiError } from '../../api/client.js';
import {
  fetchThread,
  replyToThread,
  savePreferences,
  threadAttachmentUrl,
  threadKey,
  uploadThreadAttachment,
  type Preferences,
  type ResearcherView,
} from '../../api/reports.js';
import { FormError } from '../../components/FormError.js';
import { FullPageLoader } from '../../components/FullPageLoader.js';
import { LocalTime } from '../../components/LocalTime.js';
import { PublicCard } from '../../components/PublicCard.js';
import { formatDate } from '../../lib/format.js';
import { readFragmentParam } from '../../lib/fragment.js';
import { fieldErrorsOf, SeverityBadge, StatusBadge } from './labels.js';
import { PublicShell } from './ReportFormPage.js';
import { AttachmentsTable, MessageList, useMessageDraft } from './thread.js';

/**
 * The researcher's view of their report, opened from the receipt's link
 * `/report/thread#token=…`: the token is the only credential, so no session and no navigation.
 */
export function ResearcherThreadPage() {
  const [token] = useState(() => readFragmentParam('token'));
  const thread = useQuery({
    queryKey: threadKey(token),
    queryFn: () => fetchThread(token),
    enabled: token.length > 0,
    retry: false,
  });
  const error = thread.error;

  if (
    !token ||
    (isApiError(error) &&
      (error.status === 404 || error.status === 410 || error.code === 'VALIDATION'))
  )
    return (
      <PublicCard title="This link is not valid or has expired">
        <Text size="sm">
          Check that you opened the whole link from your receipt or email. A link stops working when
          it expires or when the security team issues a new one; ask them for a new link if you need
          it.
        </Text>
      </PublicCard>
    );
  if (thread.data)
    return (
      <PublicShell>
        <ThreadView token={token} view={thread.data} />
      </PublicShell>
    );
  if (thread.isError)
    return (
      <PublicCard
        title="The report could not be opened"
        description={isApiError(error) ? error.message : 'Please try again in a moment.'}
      >
        <Button variant="light" onClick={() => void thread.refetch()} loading={thread.isFetching}>
          Try again
        </Button>
      </PublicCard>
    );
  return <FullPageLoader label="Loading your report" />;
}

function useThreadUpdate<Input>(token: string, run: (input: Input) => Promise<ResearcherView>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (view) => queryClient.setQueryData(threadKey(token), view),
  });
}

function ThreadView({ token, view }: { token: string; view: ResearcherView }) {
  return (
    <Stack gap="lg">
      <div>
        <Group gap="sm">
          <Text c="dimmed" size="sm">
            Report #{view.number}
          </Text>
          <StatusBadge status={view.status} />
          {view.severity && <SeverityBadge severity={view.severity} />}
        </Group>
        <Title order={1} size="h2" mt={4}>
          {view.title}
        </Title>
        <Text size="sm" c="dimmed" mt={4}>
          Received <LocalTime iso={view.receivedAt} /> · {view.asset}
        </Text>
      </div>
      <Paper withBorder radius="md" p="lg">
        <Stack gap="xs">
          <Title order={2} size="h4">
            Status
          </Title>
          {view.cvss ? (
            <Text size="sm">
              Scored <strong>{view.cvss.score.toFixed(1)}</strong> (CVSS {view.cvss.version}):{' '}
              <Code>{view.cvss.vector}</Code>
            </Text>
          ) : (
            <Text size="sm" c="dimmed">
              Not scored yet.
            </Text>
          )}
          {view.cwe && (
            <Text size="sm">
              Weakness: {view.cwe.id} {view.cwe.name}
            </Text>
          )}
          <Text size="sm">
            Disclosure date:{' '}
            {view.disclosureDate ? (
              <time dateTime={view.disclosureDate}>{formatDate(view.disclosureDate)}</time>
            ) : (
              'not agreed yet'
            )}
          </Text>
          {view.advisory && (
            <Text size="sm">
              Published advisory: <Anchor href={view.advisory.url}>{view.advisory.id}</Anchor>
            </Text>
          )}
        </Stack>
      </Paper>
      <Paper withBorder radius="md" p="lg">
        <Stack gap="sm">
          <Title order={2} size="h4">
            Your report
          </Title>
          {/* descriptionHtml and stepsHtml are rendered and sanitised by the server. */}
          <div
            className="report-markdown"
            dangerouslySetInnerHTML={{ __html: view.descriptionHtml }}
          />
          {view.stepsHtml && (
            <>
              <Title order={3} size="h5">
                Steps to reproduce
              </Title>
              <div
                className="report-markdown"
                dangerouslySetInnerHTML={{ __html: view.stepsHtml }}
              />
            </>
          )}
        </Stack>
      </Paper>
      <Paper withBorder radius="md" p="lg">
        <Stack gap="md">
          <Title order={2} size="h4">
            Conversation
          </Title>
          <MessageList messages={view.messages} ownSide="researcher" />
          <ReplyBox token={token} />
        </Stack>
      </Paper>
      <Paper withBorder radius="md" p="lg">
        <Stack gap="md">
          <Title order={2} size="h4">
            Files
          </Title>
          <AttachmentsTable
            attachments={view.attachments}
            urlOf={(id) => threadAttachmentUrl(token, id)}
          />
          <UploadBox token={token} />
        </Stack>
      </Paper>
      <PreferencesCard token={token} view={view} />
    </Stack>
  );
}

function ReplyBox({ token }: { token: string }) {
  const reply = useThreadUpdate(token, (text: string) => replyToThread(token, text));
  const { body, setBody, error, submit } = useMessageDraft((text, callbacks) =>
    reply.mutate(text, callbacks),
  );
  return (
    <form onSubmit={submit} noValidate aria-label="Reply to the security team">
      <Stack gap="sm">
        <Textarea
          label="Your reply"
          description="Markdown is supported."
          autosize
          minRows={3}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          error={error}
        />
        <Group>
          <Button type="submit" loading={reply.isPending}>
            Send reply
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function UploadBox({ token }: { token: string }) {
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const upload = useMutation({
    mutationFn: (chosen: File) => uploadThreadAttachment(token, chosen),
    onSuccess: () => {
      setFile(null);
      void queryClient.invalidateQueries({ queryKey: threadKey(token) });
    },
  });
  return (
    <Stack gap="sm">
      <FormError
        message={upload.error ? upload.error.message : null}
        title="The file was not uploaded"
      />
      <Group align="flex-end">
        <FileInput
          label="Add a file"
          placeholder="Choose a file"
          description="At most 25 MB"
          value={file}
          onChange={setFile}
          clearable
          w={320}
        />
        <Button
          variant="light"
          disabled={!file}
          loading={upload.isPending}
          onClick={() => file && upload.mutate(file)}
        >
          Upload
        </Button>
      </Group>
    </Stack>
  );
}

function PreferencesCard({ token, view }: { token: string; view: ResearcherView }) {
  const [name, setName] = useState(view.credit?.name ?? '');
  const [optIn, setOptIn] = useState(view.credit?.optIn ?? false);
  const [notify, setNotify] = useState(view.notify);
  const save = useThreadUpdate(token, (input: Preferences) => savePreferences(token, input));
  const [errors, setErrors] = useState<Record<string, string>>({});
  function submit(event: FormEvent) {
    event.preventDefault();
    setErrors({});
    save.mutate(
      { credit: name.trim() ? { name: name.trim(), optIn } : null, notify },
      {
        onSuccess: () => notifications.show({ color: 'teal', message: 'Preferences saved.' }),
        onError: (e) => setErrors(fieldErrorsOf(e, ['credit', 'notify']).fields),
      },
    );
  }
  return (
    <Paper withBorder radius="md" p="lg">
      <form onSubmit={submit} noValidate aria-label="Preferences">
        <Stack gap="sm">
          <Title order={2} size="h4">
            Credit and emails
          </Title>
          <TextInput
            label="Credit name"
            maxLength={100}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.credit}
          />
          <Checkbox
            label="Credit me publicly in the advisory and hall of fame"
            checked={optIn}
            onChange={(e) => setOptIn(e.currentTarget.checked)}
          />
          <Checkbox
            label="Email me updates"
            description={
              view.hasEmail ? undefined : 'You gave no email address, so none can be sent.'
            }
            disabled={!view.hasEmail}
            checked={notify}
            onChange={(e) => setNotify(e.currentTarget.checked)}
            error={errors.notify}
          />
          <Group>
            <Button type="submit" variant="light" loading={save.isPending}>
              Save preferences
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
