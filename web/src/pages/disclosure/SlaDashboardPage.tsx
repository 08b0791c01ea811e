import { BarChart } from '@mantine/charts';
import { Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useSlaDashboard } from '../../api/reports.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryError } from '../../components/QueryError.js';
import { ReportTable } from './ReportTable.js';

const percent = (value: number) => `${Math.round(value)}%`;

/** Reports running late, and how many each quarter were handled within their SLAs. */
export function SlaDashboardPage() {
  const sla = useSlaDashboard();
  const quarters = (sla.data?.quarters ?? []).map((q) => ({
    quarter: q.quarter,
    // Already a percentage, one decimal; a quarter with nothing decided yet shows as 0.
    share: q.share ?? 0,
    decided: q.decided,
    withinSla: q.withinSla,
  }));
  return (
    <>
      <PageHeader
        title="Disclosure SLAs"
        description="Reports whose first response, triage or fix is overdue, and the share of reports handled within the programme's targets per quarter."
      />
      {sla.isPending && <Loader aria-label="Loading the SLA dashboard" />}
      {sla.isError && <QueryError error={sla.error} onRetry={() => void sla.refetch()} />}
      {sla.data && (
        <Stack gap="lg">
          <Paper withBorder radius="md" p="md">
            <Title order={2} size="h4" mb="sm">
              Overdue reports
            </Title>
            {sla.data.overdue.length === 0 ? (
              <Text size="sm" c="dimmed">
                Nothing is overdue.
              </Text>
            ) : (
              <ReportTable
                reports={sla.data.overdue}
                label="Overdue reports"
                overdueHeading="Overdue"
              />
            )}
          </Paper>
          <Paper withBorder radius="md" p="md">
            <Title order={2} size="h4" mb="sm">
              Handled within SLA, per quarter
            </Title>
            {quarters.length === 0 ? (
              <Text size="sm" c="dimmed">
                No reports yet.
              </Text>
            ) : (
              <Stack gap="md">
                <BarChart
                  role="img"
                  aria-label={`Share handled within SLA: ${quarters.map((q) => `${q.quarter} ${percent(q.share)}`).join('; ')}`}
                  h={240}
                  data={quarters}
                  dataKey="quarter"
                  series={[{ name: 'share', label: 'Within SLA', color: 'teal.6' }]}
                  valueFormatter={percent}
                  yAxisProps={{ domain: [0, 100] }}
                  withBarValueLabel
                  maxBarWidth={48}
                />
                <Table aria-label="Handled within SLA per quarter">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Quarter</Table.Th>
                      <Table.Th>Decided</Table.Th>
                      <Table.Th>Within SLA</Table.Th>
                      <Table.Th>Share</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {sla.data.quarters.map((q) => (
                      <Table.Tr key={q.quarter}>
                        <Table.Td>{q.quarter}</Table.Td>
                        <Table.Td>{q.decided}</Table.Td>
                        <Table.Td>{q.withinSla}</Table.Td>
                        <Table.Td>{q.share === null ? '—' : percent(q.share)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Stack>
            )}
          </Paper>
        </Stack>
      )}
    </>
  );
}
