import { Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useCustody, type Evidence } from '../../api/incidents.js';
import { LocalTime } from '../../components/LocalTime.js';
import { QueryError } from '../../components/QueryError.js';
import { CustodyForm } from './CustodyForm.js';
import { custodyActionLabels } from './labels.js';

/** Every hand of one file, oldest first: acquisition, downloads and the hand-overs people record. */
export function CustodyLog({ evidence, editable }: { evidence: Evidence; editable: boolean }) {
  const custody = useCustody(evidence.incidentId, evidence.id);
  const headingId = `custody-${evidence.id}-heading`;
  const events = custody.data?.items ?? [];

  return (
    <Stack gap="sm" component="section" aria-labelledby={headingId}>
      <Title order={4} size="h6" id={headingId}>
        Chain of custody of {evidence.fileName}
      </Title>
      {custody.isPending && <Loader size="sm" aria-label="Loading the chain of custody" />}
      {custody.isError && (
        <QueryError error={custody.error} onRetry={() => void custody.refetch()} />
      )}
      {custody.isSuccess && events.length === 0 && (
        <Text size="sm" c="dimmed">
          No custody event is recorded.
        </Text>
      )}
      {events.length > 0 && (
        <Table.ScrollContainer minWidth={760}>
          <Table fz="xs" verticalSpacing={4} data-testid="evidence-custody">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">When</Table.Th>
                <Table.Th scope="col">Event</Table.Th>
                <Table.Th scope="col">From</Table.Th>
                <Table.Th scope="col">To</Table.Th>
                <Table.Th scope="col">Purpose</Table.Th>
                <Table.Th scope="col">Location</Table.Th>
                <Table.Th scope="col">Entry</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {events.map((event) => (
                <Table.Tr key={event.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <LocalTime iso={event.at} />
                  </Table.Td>
                  <Table.Td>{custodyActionLabels[event.action]}</Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{event.from}</Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{event.to}</Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{event.purpose}</Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{event.location}</Table.Td>
                  <Table.Td>#{event.timelineSeq}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {editable && <CustodyForm evidence={evidence} />}
    </Stack>
  );
}
