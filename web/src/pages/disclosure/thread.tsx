import { Anchor, Badge, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { Attachment, ThreadMessage } from '../../api/reports.js';
import { LocalTime } from '../../components/LocalTime.js';
import { fieldErrorsOf } from './labels.js';

const authorLabels: Record<ThreadMessage['author'], string> = {
  researcher: 'Researcher',
  team: 'Security team',
  note: 'Internal note',
};

/** The thread, oldest first; `ownSide` is who is reading, whose messages are "You". */
export function MessageList({
  messages,
  ownSide,
}: {
  messages: ThreadMessage[];
  ownSide: 'researcher' | 'team';
}) {
  if (messages.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No messages yet.
      </Text>
    );
  return (
    <Stack
      gap="sm"
      component="ol"
      style={{ listStyle: 'none', padding: 0, margin: 0 }}
      aria-label="Messages"
    >
      {messages.map((message) => {
        const mine =
          ownSide === 'researcher'
            ? message.author === 'researcher'
            : message.author !== 'researcher';
        return (
          <Paper
            key={message.id}
            component="li"
            withBorder
            radius="md"
            p="sm"
            data-author={message.author}
            bg={
              message.author === 'note'
                ? 'var(--mantine-color-yellow-light)'
                : mine
                  ? 'var(--mantine-color-blue-light)'
                  : undefined
            }
          >
            <Group justify="space-between" gap="xs" mb={4}>
              <Group gap="xs">
                <Badge
                  size="sm"
                  variant="light"
                  color={
                    message.author === 'note'
                      ? 'yellow'
                      : message.author === 'team'
                        ? 'blue'
                        : 'grape'
                  }
                >
                  {authorLabels[message.author]}
                </Badge>
                {message.authorName && (
                  <Text size="sm" fw={500}>
                    {message.authorName}
                  </Text>
                )}
              </Group>
              <Text size="xs" c="dimmed">
                <LocalTime iso={message.createdAt} />
              </Text>
            </Group>
            {/* `html` is the message's Markdown rendered and sanitised by the server. */}
            <div className="report-markdown" dangerouslySetInnerHTML={{ __html: message.html }} />
          </Paper>
        );
      })}
    </Stack>
  );
}

export function formatBytes(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KB`;
  return `${(size / 1024 / 1024).toFixed(1)} MB`;
}

export function AttachmentsTable({
  attachments,
  urlOf,
}: {
  attachments: Attachment[];
  urlOf: (id: string) => string;
}) {
  if (attachments.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No files yet.
      </Text>
    );
  return (
    <Table aria-label="Files">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>File</Table.Th>
          <Table.Th>Size</Table.Th>
          <Table.Th>From</Table.Th>
          <Table.Th>Added</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {attachments.map((file) => (
          <Table.Tr key={file.id}>
            <Table.Td>
              <Group gap="xs" wrap="nowrap">
                <Anchor href={urlOf(file.id)} download={file.fileName}>
                  {file.fileName}
                </Anchor>
                {file.internal && (
                  <Badge size="sm" variant="light" color="yellow">
                    Internal
                  </Badge>
                )}
              </Group>
            </Table.Td>
            <Table.Td>{formatBytes(file.size)}</Table.Td>
            <Table.Td>{file.uploadedBy === 'team' ? 'Security team' : 'Researcher'}</Table.Td>
            <Table.Td>
              <LocalTime iso={file.createdAt} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

type SendCallbacks = { onSuccess: () => void; onError: (error: Error) => void };

/** A message being written: a blank one is refused, and the box empties once it is sent. */
export function useMessageDraft(send: (body: string, callbacks: SendCallbacks) => void) {
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  function submit(event: FormEvent) {
    event.preventDefault();
    if (!body.trim()) return setError('is required');
    setError(null);
    send(body, {
      onSuccess: () => setBody(''),
      onError: (e) => setError(fieldErrorsOf(e, ['body']).fields.body ?? e.message),
    });
  }
  return { body, setBody, error, submit };
}
