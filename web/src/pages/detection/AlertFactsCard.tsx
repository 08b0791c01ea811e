import { Code, Paper, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { DetectionAlert } from '../../api/detection.js';
import { CategoryBadges } from '../../components/CategoryBadges.js';
import { formatCount } from '../../components/counts.js';
import { LocalTime } from '../../components/LocalTime.js';
import { AnchorLink } from '../../components/RouterLinks.js';
import {
  alertStatusLabels,
  countLabel,
  detectorLabels,
  formatNumber,
  streamLabel,
} from './labels.js';

/** Which detector, on what, when, the counts behind it, and the triage on record. */
export function AlertFactsCard({ alert }: { alert: DetectionAlert }) {
  const rows: [string, ReactNode][] = [
    ['Detector', detectorLabels[alert.detector]],
    ['Stream', streamLabel(alert.stream)],
    ['First seen', <LocalTime key="first" iso={alert.firstSeenAt} />],
    ['Last seen', <LocalTime key="last" iso={alert.lastSeenAt} />],
    ['Signals', formatCount(alert.signals)],
  ];
  if (alert.integrationId)
    rows.push(['Integration', <Code key="integration">{alert.integrationId}</Code>]);
  for (const [key, value] of Object.entries(alert.counts))
    rows.push([countLabel(key), formatNumber(value)]);
  rows.push(['Data categories', <CategoryBadges key="categories" keys={alert.categories} />]);
  if (alert.statusChangedAt)
    rows.push([
      `${alertStatusLabels[alert.status]} on`,
      <LocalTime key="changed" iso={alert.statusChangedAt} />,
    ]);
  if (alert.statusReason)
    rows.push([
      'Reason given',
      <Text key="reason" size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {alert.statusReason}
      </Text>,
    ]);
  if (alert.incidentId)
    rows.push([
      'Incident',
      <AnchorLink
        key="incident"
        to="/incidents/$incidentId"
        params={{ incidentId: alert.incidentId }}
        size="sm"
      >
        <Code>{alert.incidentId}</Code>
      </AnchorLink>,
    ]);

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="alert-facts-heading">
      <Title order={2} size="h4" mb="sm" id="alert-facts-heading">
        Facts and counts
      </Title>
      <Table
        variant="vertical"
        layout="fixed"
        fz="sm"
        withRowBorders={false}
        data-testid="alert-facts"
      >
        <Table.Tbody>
          {rows.map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Th w={170}>{label}</Table.Th>
              <Table.Td>{value}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
