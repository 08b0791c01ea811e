import { Group, Loader, Paper, Select, Stack, Text } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import { REPORT_STATES } from '@contracts/disclosure.js';
import { useReports } from '../../api/reports.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryError } from '../../components/QueryError.js';
import { AnchorLink } from '../../components/RouterLinks.js';
import { reportStateLabels } from './labels.js';
import { ReportTable } from './ReportTable.js';

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
            <ReportTable
              reports={reports.data}
              label="Vulnerability reports"
              withAsset
              overdueHeading="SLA"
              highlightOnHover
            />
          )}
        </Paper>
      </Stack>
    </>
  );
}
