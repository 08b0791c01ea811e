import { Badge, Code, Table, Text, Tooltip } from '@mantine/core';
import type { AuditEvent } from '../../api/audit.js';
import { LocalTime } from '../../components/LocalTime.js';

const outcomeColors: Record<AuditEvent['outcome'], string> = {
  success: 'teal',
  failure: 'red',
  denied: 'orange',
};

function describeActor(event: AuditEvent): string {
  if (event.actorLabel) return event.actorLabel;
  if (event.actorType === 'anonymous') return 'anonymous';
  if (event.actorType === 'system') return 'system';
  return event.actorId ?? event.actorType;
}

/** UUIDs are unreadable in a table; the first block tells rows apart, the title holds the rest. */
function shortId(id: string): string {
  return id.length > 13 ? `${id.slice(0, 8)}…` : id;
}

function describeDetails(details: Record<string, unknown>): string {
  const entries = Object.entries(details);
  if (entries.length === 0) return '';
  return entries
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ');
}

export function AuditTable({ events }: { events: AuditEvent[] }) {
  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table verticalSpacing="xs" striped data-testid="audit-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">#</Table.Th>
            <Table.Th scope="col">Time</Table.Th>
            <Table.Th scope="col">Action</Table.Th>
            <Table.Th scope="col">Outcome</Table.Th>
            <Table.Th scope="col">Actor</Table.Th>
            <Table.Th scope="col">Object</Table.Th>
            <Table.Th scope="col">IP</Table.Th>
            <Table.Th scope="col">Details</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((event) => {
            const details = describeDetails(event.details);
            return (
              <Table.Tr key={event.seq}>
                <Table.Td>
                  <Text size="xs" c="dimmed">
                    {event.seq}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    <LocalTime iso={event.occurredAt} />
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Code fz="xs">{event.action}</Code>
                </Table.Td>
                <Table.Td>
                  <Badge size="sm" variant="light" color={outcomeColors[event.outcome]}>
                    {event.outcome}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{describeActor(event)}</Text>
                  <Text size="xs" c="dimmed">
                    {event.actorType}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {event.objectType ? (
                    <Text size="sm">
                      {event.objectType}
                      {event.objectId && (
                        <Text
                          span
                          size="xs"
                          c="dimmed"
                          display="block"
                          ff="monospace"
                          title={event.objectId}
                        >
                          {shortId(event.objectId)}
                        </Text>
                      )}
                    </Text>
                  ) : (
                    '—'
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="xs">{event.ip ?? '—'}</Text>
                </Table.Td>
                <Table.Td maw={280}>
                  {details && (
                    <Tooltip label={details} multiline maw={400}>
                      <Text size="xs" ff="monospace" lineClamp={2} tabIndex={0}>
                        {details}
                      </Text>
                    </Tooltip>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
