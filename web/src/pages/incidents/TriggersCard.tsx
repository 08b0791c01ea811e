import { Paper, Stack, Table, Text, Title } from '@mantine/core';
import { TRIGGER_NAMES } from '@contracts/incidents.js';
import type { Incident, TriggerSetting } from '../../api/incidents.js';
import { LocalTime } from '../../components/LocalTime.js';
import { triggerLabels } from './labels.js';
import { TriggerForm } from './TriggerForm.js';

const byLifecycle = (a: TriggerSetting, b: TriggerSetting) =>
  TRIGGER_NAMES.indexOf(a.trigger) - TRIGGER_NAMES.indexOf(b.trigger);

/** The instants legal clocks start from, each with where it comes from and why. */
export function TriggersCard({
  incident,
  names,
  editable,
}: {
  incident: Incident;
  names: ReadonlyMap<string, string>;
  editable: boolean;
}) {
  const triggers = [...incident.triggers].sort(byLifecycle);
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="triggers-heading">
      <Title order={2} size="h4" mb={4} id="triggers-heading">
        Trigger times
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Notification deadlines run from these. Each is a setting with its reason and source, never
        an edit: the timeline keeps every earlier one.
      </Text>
      <Stack gap="md">
        {triggers.length === 0 ? (
          <Text size="sm" c="dimmed">
            No trigger time is set yet.
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={520}>
            <Table fz="sm" verticalSpacing="xs" data-testid="incident-triggers">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Trigger</Table.Th>
                  <Table.Th scope="col">Time</Table.Th>
                  <Table.Th scope="col">Source</Table.Th>
                  <Table.Th scope="col">Reason</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {triggers.map((setting) => (
                  <Table.Tr key={`${setting.trigger}:${setting.vendorId ?? ''}`}>
                    <Table.Th scope="row" fw={500}>
                      {triggerLabels[setting.trigger]}
                      {setting.vendorId && (
                        <Text size="xs" c="dimmed">
                          {names.get(setting.vendorId) ?? setting.vendorId}
                        </Text>
                      )}
                    </Table.Th>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <LocalTime iso={setting.at} fallback="withdrawn" />
                    </Table.Td>
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>{setting.source}</Table.Td>
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>{setting.reason}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {editable && <TriggerForm incident={incident} names={names} />}
      </Stack>
    </Paper>
  );
}
