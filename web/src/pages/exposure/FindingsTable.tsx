import { Code, Group, Stack, Table, Text } from '@mantine/core';
import type { Finding } from '../../api/exposure.js';
import {
  ExposureStatusBadge,
  KnownExploitedBadge,
  SeverityRatingBadge,
} from '../../components/ExposureBadges.js';
import { AnchorLink } from '../../components/RouterLinks.js';
import { formatDay } from '../vendors/labels.js';
import { ageLabel, componentLabel } from './exposureText.js';

/**
 * Findings in the order the server gives them: known-exploited first, then by score, then the
 * oldest. The advisory id opens the finding; the vendor column is left out on a vendor's tab.
 */
export function FindingsTable({
  findings,
  showVendor = true,
}: {
  findings: Finding[];
  showVendor?: boolean;
}) {
  return (
    <Table.ScrollContainer minWidth={showVendor ? 960 : 860}>
      <Table verticalSpacing="sm" fz="sm" data-testid="exposure-findings-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Advisory</Table.Th>
            {showVendor && <Table.Th scope="col">Vendor</Table.Th>}
            <Table.Th scope="col">Component</Table.Th>
            <Table.Th scope="col">Severity</Table.Th>
            <Table.Th scope="col">Fixed in</Table.Th>
            <Table.Th scope="col">Age</Table.Th>
            <Table.Th scope="col">Status</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {findings.map((finding) => (
            <Table.Tr key={finding.id}>
              <Table.Td maw={280}>
                <Stack gap={2} align="flex-start">
                  <AnchorLink
                    to="/exposure/findings/$findingId"
                    params={{ findingId: finding.id }}
                    fw={500}
                    size="sm"
                    aria-label={`Open finding ${finding.advisoryId} in ${componentLabel(finding)}`}
                  >
                    {finding.advisoryId}
                  </AnchorLink>
                  {finding.summary && (
                    <Text size="xs" c="dimmed" lineClamp={2}>
                      {finding.summary}
                    </Text>
                  )}
                </Stack>
              </Table.Td>
              {showVendor && (
                <Table.Td>
                  <AnchorLink
                    to="/vendors/$vendorId"
                    params={{ vendorId: finding.vendorId }}
                    search={{ tab: 'software' }}
                    size="sm"
                  >
                    {finding.vendorName}
                  </AnchorLink>
                </Table.Td>
              )}
              <Table.Td maw={220}>
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {componentLabel(finding)}
                </Text>
                {finding.ecosystem && (
                  <Text size="xs" c="dimmed">
                    {finding.ecosystem}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {finding.knownExploited && (
                    <KnownExploitedBadge ransomware={finding.kev?.ransomware ?? false} />
                  )}
                  <SeverityRatingBadge severity={finding.severity} score={finding.score} />
                </Group>
              </Table.Td>
              <Table.Td>
                {finding.fixedVersion ? (
                  <Code>{finding.fixedVersion}</Code>
                ) : (
                  <Text size="sm" c="dimmed">
                    no fix known
                  </Text>
                )}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{ageLabel(finding.ageDays)}</Table.Td>
              <Table.Td miw={120}>
                <ExposureStatusBadge status={finding.status} />
                {finding.status === 'risk_accepted' && finding.acceptedUntil && (
                  <Text size="xs" c="dimmed">
                    until {formatDay(finding.acceptedUntil)}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
