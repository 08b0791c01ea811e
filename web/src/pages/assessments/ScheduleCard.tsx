import { Badge, Group, Loader, Paper, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { assessmentKeys, fetchSchedule, type ScheduleEntry } from '../../api/assessments.js';
import { LocalTime } from '../../components/LocalTime.js';
import { QueryError } from '../../components/QueryError.js';
import { AnchorLink } from '../../components/RouterLinks.js';
import { RiskTierBadge } from '../../components/VendorBadges.js';
import { formatDay, humanize } from '../vendors/labels.js';

type State = ScheduleEntry['state'];

const stateColors: Record<State, string> = {
  overdue: 'red',
  never_assessed: 'orange',
  due_soon: 'yellow',
  current: 'teal',
  on_change: 'gray',
};

/** Most urgent first: late ones, then vendors nobody has looked at, then those coming up. */
const needsAction: State[] = ['overdue', 'never_assessed', 'due_soon'];
const shown = 8;

function ScheduleStateBadge({ state }: { state: State }) {
  return (
    <Badge color={stateColors[state]} variant="light">
      {humanize(state)}
    </Badge>
  );
}

export function ScheduleCard() {
  const schedule = useQuery({ queryKey: assessmentKeys.schedule, queryFn: fetchSchedule });
  const entries = schedule.data ?? [];
  const count = (state: State) => entries.filter((entry) => entry.state === state).length;
  const pending = entries
    .filter((entry) => needsAction.includes(entry.state))
    .sort(
      (a, b) =>
        needsAction.indexOf(a.state) - needsAction.indexOf(b.state) ||
        (a.nextDue ?? '').localeCompare(b.nextDue ?? ''),
    );

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="schedule-heading">
      <Title order={2} size="h4" mb="sm" id="schedule-heading">
        Reassessment schedule
      </Title>
      {schedule.isPending && <Loader size="sm" aria-label="Loading the schedule" />}
      {schedule.isError && (
        <QueryError error={schedule.error} onRetry={() => void schedule.refetch()} />
      )}
      {schedule.data && (
        <>
          <Group gap="xl" mb="sm" data-testid="schedule-counts">
            {(['never_assessed', 'overdue', 'due_soon'] as const).map((state) => (
              <div key={state}>
                <Text size="xs" c="dimmed">
                  {humanize(state)}
                </Text>
                <Text fw={600} size="xl" c={count(state) > 0 ? stateColors[state] : undefined}>
                  {count(state)}
                </Text>
              </div>
            ))}
          </Group>
          {pending.length === 0 ? (
            <Text size="sm" c="dimmed">
              Every vendor is assessed and none is due soon.
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={520}>
              <Table verticalSpacing={4} fz="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Vendor</Table.Th>
                    <Table.Th scope="col">Tier</Table.Th>
                    <Table.Th scope="col">Last submitted</Table.Th>
                    <Table.Th scope="col">Next due</Table.Th>
                    <Table.Th scope="col">State</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {pending.slice(0, shown).map((entry) => (
                    <Table.Tr key={entry.vendorId}>
                      <Table.Td>
                        <AnchorLink
                          to="/vendors/$vendorId"
                          params={{ vendorId: entry.vendorId }}
                          search={{ tab: 'assessments' }}
                          size="sm"
                        >
                          {entry.vendorName}
                        </AnchorLink>
                      </Table.Td>
                      <Table.Td>
                        <RiskTierBadge tier={entry.tier} />
                      </Table.Td>
                      <Table.Td>
                        <LocalTime iso={entry.lastSubmittedAt} fallback="Never" />
                      </Table.Td>
                      <Table.Td>{formatDay(entry.nextDue)}</Table.Td>
                      <Table.Td>
                        <ScheduleStateBadge state={entry.state} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          {pending.length > shown && (
            <Text size="xs" c="dimmed" mt="xs">
              and {pending.length - shown} more needing an assessment.
            </Text>
          )}
        </>
      )}
    </Paper>
  );
}
