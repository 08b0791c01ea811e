import { Badge, Table, Text } from '@mantine/core';
import type { Action } from '../../api/incidents.js';
import { LocalTime } from '../../components/LocalTime.js';
import { ItemCard, ItemCardHeader } from './ItemCard.js';
import { actionStatusLabels, actionTypeLabels } from './labels.js';

type Message = Action['messages'][number];

const statusColors: Record<Action['status'], string> = {
  sending: 'blue',
  succeeded: 'teal',
  failed: 'red',
  partly_failed: 'orange',
};

const messageStatus: Record<Message['status'], { label: string; color: string }> = {
  pending: { label: 'Pending', color: 'blue' },
  succeeded: { label: 'Succeeded', color: 'teal' },
  failed: { label: 'Failed', color: 'red' },
};

export function ActionStatusBadge({ status }: { status: Action['status'] }) {
  return (
    <Badge
      color={statusColors[status]}
      variant="light"
      aria-label={`Action status ${actionStatusLabels[status]}`}
    >
      {actionStatusLabels[status]}
    </Badge>
  );
}

/** One containment action: what was asked, its outcome, and each message's attempts. */
export function ActionItem({
  action,
  people,
}: {
  action: Action;
  people: ReadonlyMap<string, string>;
}) {
  const headingId = `action-${action.id}`;
  const by = action.requestedBy ? people.get(action.requestedBy) : undefined;
  return (
    <ItemCard headingId={headingId} testId="incident-action">
      <ItemCardHeader
        headingId={headingId}
        title={actionTypeLabels[action.type]}
        wrap="nowrap"
        aside={<ActionStatusBadge status={action.status} />}
      >
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {summaryOf(action)}
        </Text>
        <Text size="xs" c="dimmed">
          Requested <LocalTime iso={action.requestedAt} />
          {by && ` by ${by}`}
        </Text>
      </ItemCardHeader>
      <Table.ScrollContainer minWidth={640}>
        <Table
          fz="xs"
          verticalSpacing={4}
          aria-label={`Messages of ${actionTypeLabels[action.type]}`}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Part</Table.Th>
              <Table.Th scope="col">Status</Table.Th>
              <Table.Th scope="col">Attempts</Table.Th>
              <Table.Th scope="col">Response</Table.Th>
              <Table.Th scope="col">Last error</Table.Th>
              <Table.Th scope="col">Finished</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {action.messages.map((message) => (
              <Table.Tr key={message.id}>
                <Table.Td>
                  {message.part} of {action.messages.length}
                </Table.Td>
                <Table.Td>
                  <Badge size="sm" variant="light" color={messageStatus[message.status].color}>
                    {messageStatus[message.status].label}
                  </Badge>
                </Table.Td>
                <Table.Td>{message.attempts}</Table.Td>
                <Table.Td>
                  {message.responseStatus === null ? '—' : `HTTP ${message.responseStatus}`}
                </Table.Td>
                <Table.Td maw={360} style={{ overflowWrap: 'anywhere' }}>
                  {message.lastError ?? '—'}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <LocalTime iso={message.completedAt} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </ItemCard>
  );
}

const count = (value: unknown, one: string, many: string) => {
  const n = typeof value === 'number' ? value : 0;
  return `${n} ${n === 1 ? one : many}`;
};
const fromLabel = (value: unknown) =>
  value === 'request' ? 'as listed in the request' : 'from the linked alerts';

/** What was asked, from the counts and names the server keeps (never the lists themselves). */
function summaryOf(action: Action): string {
  const summary = action.summary;
  switch (action.type) {
    case 'revoke_credentials': {
      const { integration, vendor } = summary;
      if (typeof integration !== 'string') return 'An integration';
      return typeof vendor === 'string' ? `${integration} (${vendor})` : integration;
    }
    case 'force_password_reset':
      return `${count(summary.accounts, 'account', 'accounts')}${
        typeof summary.takenOver === 'number' && summary.takenOver > 0
          ? `, ${summary.takenOver} taken over`
          : ''
      }, ${fromLabel(summary.from)}`;
    case 'block_sources':
      return `${count(summary.sources, 'address or range', 'addresses and ranges')}, ${fromLabel(summary.from)}`;
  }
}
