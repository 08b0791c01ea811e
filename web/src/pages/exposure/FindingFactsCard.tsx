import { Code, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { FindingDetail } from '../../api/exposure.js';
import { fetchIntegrations, vendorKeys } from '../../api/vendors.js';
import { LocalTime } from '../../components/LocalTime.js';
import { AnchorLink } from '../../components/RouterLinks.js';
import { formatDay, humanize } from '../vendors/labels.js';
import { ageLabel } from './exposureText.js';

/** What is affected, where, since when, and the triage on record. */
export function FindingFactsCard({ finding }: { finding: FindingDetail }) {
  const integrations = useQuery({
    queryKey: vendorKeys.part(finding.vendorId, 'integrations'),
    queryFn: () => fetchIntegrations(finding.vendorId),
    enabled: finding.integrationId !== null,
  });
  const integration = integrations.data?.find((item) => item.id === finding.integrationId);
  const rows: [string, ReactNode][] = [
    [
      'Vendor',
      <AnchorLink
        key="vendor"
        to="/vendors/$vendorId"
        params={{ vendorId: finding.vendorId }}
        search={{ tab: 'software' }}
        size="sm"
      >
        {finding.vendorName}
      </AnchorLink>,
    ],
    ['Scope', finding.integrationId ? (integration?.name ?? 'An integration') : 'Whole vendor'],
    [
      'Component',
      <Stack key="component" gap={2}>
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {finding.componentName} {finding.componentVersion ?? '(no version)'}
        </Text>
        {finding.purl && (
          <Code fz="xs" style={{ overflowWrap: 'anywhere' }}>
            {finding.purl}
          </Code>
        )}
      </Stack>,
    ],
    ['Ecosystem', finding.ecosystem ?? '—'],
    ['Known from', finding.origin === 'declared' ? 'A declared product' : 'An SBOM'],
    [
      'Fixed in',
      finding.fixedVersion ? <Code key="fixed">{finding.fixedVersion}</Code> : 'No fix known',
    ],
    ['First seen', <LocalTime key="first" iso={finding.firstSeenAt} />],
    ['Last seen', <LocalTime key="last" iso={finding.lastSeenAt} />],
    [
      'Age',
      finding.resolvedAt
        ? `${ageLabel(finding.ageDays)} until resolved`
        : `${ageLabel(finding.ageDays)}, still unresolved`,
    ],
  ];
  if (finding.resolvedAt)
    rows.push(['Resolved', <LocalTime key="resolved" iso={finding.resolvedAt} />]);
  if (finding.statusReason)
    rows.push([
      `${humanize(finding.status)} because`,
      <Text key="reason" size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {finding.statusReason}
        {finding.statusBy && (
          <Text span size="xs" c="dimmed">
            {' '}
            ({finding.statusBy})
          </Text>
        )}
      </Text>,
    ]);
  if (finding.acceptedUntil) rows.push(['Risk accepted until', formatDay(finding.acceptedUntil)]);

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="facts-heading">
      <Title order={2} size="h4" mb="sm" id="facts-heading">
        Affected component
      </Title>
      <Table variant="vertical" layout="fixed" fz="sm" withRowBorders={false}>
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
