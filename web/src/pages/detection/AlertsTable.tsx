import { Stack, Table, Text } from '@mantine/core';
import type { DetectionAlert } from '../../api/detection.js';
import { SeverityBadge } from '../../components/AssessmentBadges.js';
import { formatCount } from '../../components/counts.js';
import { LocalTime } from '../../components/LocalTime.js';
import { AnchorLink } from '../../components/RouterLinks.js';
import { AlertStatusBadge } from './AlertStatusBadge.js';
import { detectorLabels, streamLabel } from './labels.js';

/** Alerts in the order given; the title opens the alert with its evidence. */
export function AlertsTable({ alerts, testId }: { alerts: DetectionAlert[]; testId: string }) {
  return (
    <Table.ScrollContainer minWidth={880}>
      <Table verticalSpacing="sm" fz="sm" data-testid={testId}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Alert</Table.Th>
            <Table.Th scope="col">Detector</Table.Th>
            <Table.Th scope="col">Severity</Table.Th>
            <Table.Th scope="col">Status</Table.Th>
            <Table.Th scope="col">First seen</Table.Th>
            <Table.Th scope="col">Last seen</Table.Th>
            <Table.Th scope="col" ta="right">
              Signals
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {alerts.map((alert) => (
            <Table.Tr key={alert.id}>
              <Table.Td maw={360}>
                <Stack gap={2} align="flex-start">
                  <AnchorLink
                    to="/detection/alerts/$alertId"
                    params={{ alertId: alert.id }}
                    fw={500}
                    size="sm"
                    style={{ overflowWrap: 'anywhere' }}
                  >
                    {alert.title}
                  </AnchorLink>
                  <Text size="xs" c="dimmed">
                    {streamLabel(alert.stream)}
                  </Text>
                </Stack>
              </Table.Td>
              <Table.Td>{detectorLabels[alert.detector]}</Table.Td>
              <Table.Td miw={100}>
                <SeverityBadge severity={alert.severity} />
              </Table.Td>
              <Table.Td miw={140}>
                <AlertStatusBadge status={alert.status} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <LocalTime iso={alert.firstSeenAt} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <LocalTime iso={alert.lastSeenAt} />
              </Table.Td>
              <Table.Td ta="right">{formatCount(alert.signals)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
