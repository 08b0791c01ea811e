import { Group, Loader, Paper, Select, Stack, Table, Text } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import { REPORT_STATES } from '@contracts/disclosure.js';
import { useReports } from '../../api/reports.js';
import { LocalTime } from '../../components/LocalTime.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryError } from '../../components/QueryError.js';
import { AnchorLink } from '../../components/RouterLinks.js';
import { OverdueBadges, reportStateLabels, SeverityBadge, StatusBadge } from './labels.js';

const route = getRouteApi('/signed-in/disclosure/reports');

const statusOptions = REPORT_STATES.map((value) => ({ value, label: reportStateLabels[value] }));

/** Researchers' vulnerability reports, newest first; the status filter lives in the URL. */
export function ReportsPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const reports = useReports(search.status);

  return (
    <>
      <PageHeader
        title="Vulnerability reports"
        description="What researchers reported through the public form at /report, with the SLA clocks that are running late."
        actions={
          <Group gap="sm">
            <AnchorLink to="/disclosure/sla">SLA dashboard</AnchorLink>
            <AnchorLink to="/disclosure/advisories">Advisories</AnchorLink>
          </Group>
        }
      />
      <Stack gap="md">
        <Group>
          <Select
            label="Status"
            placeholder="Any status"
            data={statusOptions}
            value={search.status ?? null}
            onChange={(value) =>
              void navigate({
                search: { status: value ?? undefined },
                replace: true,
              })
            }
            clearable
            w={200}
          />
        </Group>
        <Paper withBorder radius="md">
          {reports.isPending && <Loader m="md" aria-label="Loading reports" />}
          {reports.isError && (
            <QueryError error={reports.error} onRetry={() => void reports.refetch()} />
          )}
          {reports.data?.length === 0 && (
            <Text p="md" c="dimmed" size="sm">
              {search.status ? 'No report has this status.' : 'No reports yet.'}
            </Text>
          )}
          {reports.data && reports.data.length > 0 && (
            <Table aria-label="Vulnerability reports" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>#</Table.Th>
                  <Table.Th>Title</Table.Th>
                  <Table.Th>Asset</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Severity</Table.Th>
                  <Table.Th>Received</Table.Th>
                  <Table.Th>SLA</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {reports.data.map((report) => (
                  <Table.Tr key={report.id}>
                    <Table.Td>{report.number}</Table.Td>
                    <Table.Td>
                      <AnchorLink
                        to="/disclosure/reports/$reportId"
                        params={{ reportId: report.id }}
                      >
                        {report.title}
                      </AnchorLink>
                    </Table.Td>
                    <Table.Td>{report.asset}</Table.Td>
                    <Table.Td>
                      <StatusBadge status={report.status} />
                    </Table.Td>
                    <Table.Td>
                      <SeverityBadge severity={report.severity} />
                    </Table.Td>
                    <Table.Td>
                      <LocalTime iso={report.receivedAt} />
                    </Table.Td>
                    <Table.Td>
                      <OverdueBadges clocks={report.overdue} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
      </Stack>
    </>
  );
}
