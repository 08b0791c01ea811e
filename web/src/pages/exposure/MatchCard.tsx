import { Alert, Code, Divider, Paper, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconFlame } from '@tabler/icons-react';
import type { FindingDetail } from '../../api/exposure.js';
import { formatDay } from '../vendors/labels.js';

/** Why Cordon thinks this component is affected, and CISA's facts when it is known exploited. */
export function MatchCard({ finding }: { finding: FindingDetail }) {
  const { match } = finding;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="match-heading">
      <Title order={2} size="h4" mb="sm" id="match-heading">
        Why it matched
      </Title>
      <Table variant="vertical" layout="fixed" fz="sm" withRowBorders={false}>
        <Table.Tbody>
          <Table.Tr>
            <Table.Th w={170}>Advisory source</Table.Th>
            <Table.Td style={{ overflowWrap: 'anywhere' }}>{match.source}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>Rule</Table.Th>
            <Table.Td>
              <Code>{match.rule}</Code>
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>Affected range</Table.Th>
            <Table.Td style={{ overflowWrap: 'anywhere' }}>{match.range}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>Version found</Table.Th>
            <Table.Td>
              {finding.componentVersion ? <Code>{finding.componentVersion}</Code> : 'none given'}
            </Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      {!finding.versionComparable && (
        <Alert
          mt="sm"
          color="yellow"
          variant="light"
          icon={<IconAlertTriangle aria-hidden />}
          title="The version could not be compared"
        >
          Cordon could not place {finding.componentVersion ?? 'the missing version'} in the
          advisory&apos;s ranges, so it reports the finding rather than risk missing it. Check the
          version the vendor actually runs.
        </Alert>
      )}
      {finding.kev && (
        <>
          <Divider my="md" />
          <Title order={3} size="h5" mb="xs">
            <IconFlame size={16} aria-hidden style={{ verticalAlign: 'text-bottom' }} /> Known
            exploited ({finding.kev.cveId})
          </Title>
          <Table variant="vertical" layout="fixed" fz="sm" withRowBorders={false}>
            <Table.Tbody>
              <Table.Tr>
                <Table.Th w={170}>Added to KEV</Table.Th>
                <Table.Td>{formatDay(finding.kev.dateAdded)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>CISA due date</Table.Th>
                <Table.Td>{formatDay(finding.kev.dueDate)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>Ransomware</Table.Th>
                <Table.Td>
                  {finding.kev.ransomware ? (
                    <Text span c="red" fw={600} size="sm">
                      Known to be used in ransomware campaigns
                    </Text>
                  ) : (
                    'Not known to be used in ransomware campaigns'
                  )}
                </Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </>
      )}
    </Paper>
  );
}
