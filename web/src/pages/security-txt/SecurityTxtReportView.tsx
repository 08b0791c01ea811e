import { Badge, Code, Group, Table, Text } from '@mantine/core';
import type { SecurityTxtFinding, SecurityTxtReport } from '../../api/disclosure.js';
import { LocalTime } from '../../components/LocalTime.js';

const levelColors: Record<SecurityTxtFinding['level'], string> = {
  error: 'red',
  recommendation: 'yellow',
};
const levelLabels: Record<SecurityTxtFinding['level'], string> = {
  error: 'Error',
  recommendation: 'Recommendation',
};

/**
 * A validator report: the verdict, then every finding with its stable code, so what the page
 * shows can be looked up in the docs and matched against a vendor's posture checks.
 */
export function SecurityTxtReportView({ report }: { report: SecurityTxtReport }) {
  return (
    <>
      {/* A status region, so the verdict is read out when a check finishes. */}
      <Group gap="xs" role="status" wrap="wrap" data-testid="securitytxt-verdict">
        <Badge color={report.valid ? 'teal' : 'red'} variant="filled">
          {report.valid ? 'Valid' : 'Invalid'}
        </Badge>
        <Badge color={report.signed ? 'teal' : 'gray'} variant="light">
          {report.signed ? 'Signed' : 'Not signed'}
        </Badge>
        <Text size="sm" c="dimmed">
          Expires: <LocalTime iso={report.expires} fallback="not given" />
        </Text>
      </Group>
      {report.findings.length === 0 ? (
        <Text size="sm">No findings: the file meets every check.</Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table fz="sm" verticalSpacing="xs" aria-label="Findings">
            <Table.Thead>
              <Table.Tr>
                {/* Wide enough for "Recommendation": a badge cuts longer text short. */}
                <Table.Th w={180}>Level</Table.Th>
                <Table.Th w={210}>Code</Table.Th>
                <Table.Th w={60}>Line</Table.Th>
                <Table.Th>Message</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.findings.map((finding, index) => (
                <Table.Tr key={`${finding.code}-${finding.line ?? 'file'}-${index}`}>
                  <Table.Td>
                    <Badge color={levelColors[finding.level]} variant="light">
                      {levelLabels[finding.level]}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Code>{finding.code}</Code>
                  </Table.Td>
                  <Table.Td>{finding.line ?? '—'}</Table.Td>
                  <Table.Td>{finding.message}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </>
  );
}
