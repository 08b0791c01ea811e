import { Group, Loader, Paper, Select, Stack, Text } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { getRouteApi } from '@tanstack/react-router';
import { useDetectionAlerts, type AlertFilter } from '../../api/detection.js';
import { ListFooter } from '../../components/ListFooter.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryError } from '../../components/QueryError.js';
import { AnchorLink } from '../../components/RouterLinks.js';
import type { DetectionAlertsSearch } from '../../router.js';
import { AlertsTable } from './AlertsTable.js';
import { alertSeverityOptions, alertStatusOptions, detectorOptions } from './labels.js';

const route = getRouteApi('/signed-in/detection/alerts');
const pageSize = 50;

/** Every alert, the most recently active first; the filters live in the URL. */
export function AlertsPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const page = search.page ?? 1;
  // A new filter starts again at page 1.
  const setFilter = (next: Partial<DetectionAlertsSearch>) =>
    void navigate({ search: (prev) => ({ ...prev, ...next, page: undefined }), replace: true });
  const setPage = (next: number) => void navigate({ search: (prev) => ({ ...prev, page: next }) });

  const filter: AlertFilter = {
    status: search.status,
    detector: search.detector,
    severity: search.severity,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  };
  const alerts = useDetectionAlerts(filter);
  const total = alerts.data?.total ?? 0;
  const filtered = Boolean(search.status ?? search.detector ?? search.severity);

  return (
    <Stack gap={0}>
      <AnchorLink to="/detection" size="sm" mb="xs" w="fit-content">
        <Group gap={4} component="span">
          <IconArrowLeft size={14} aria-hidden />
          Detection
        </Group>
      </AnchorLink>
      <PageHeader
        title="Alerts"
        description="Each alert gathers the signals of one attack, with the evidence for it. Acknowledge what someone is on, close what is dealt with."
      />
      <Stack gap="md">
        <Group align="flex-end" gap="sm" wrap="wrap">
          <Select
            label="Status"
            placeholder="Any status"
            data={alertStatusOptions}
            value={search.status ?? null}
            onChange={(value) => setFilter({ status: value ?? undefined })}
            clearable
            w={170}
          />
          <Select
            label="Detector"
            placeholder="Any detector"
            data={detectorOptions}
            value={search.detector ?? null}
            onChange={(value) => setFilter({ detector: value ?? undefined })}
            clearable
            w={280}
          />
          <Select
            label="Severity"
            placeholder="Any severity"
            data={alertSeverityOptions}
            value={search.severity ?? null}
            onChange={(value) => setFilter({ severity: value ?? undefined })}
            clearable
            w={160}
          />
        </Group>
        <Paper withBorder radius="md">
          {alerts.isPending && <Loader m="md" aria-label="Loading alerts" />}
          {alerts.isError && (
            <QueryError error={alerts.error} onRetry={() => void alerts.refetch()} />
          )}
          {alerts.data?.items.length === 0 && (
            <Text p="md" c="dimmed" size="sm">
              {filtered ? 'No alert matches these filters.' : 'No alerts yet.'}
            </Text>
          )}
          {alerts.data && alerts.data.items.length > 0 && (
            <AlertsTable alerts={alerts.data.items} testId="detection-alerts-table" />
          )}
        </Paper>
        {alerts.data && (
          <ListFooter
            total={total}
            noun={['alert', 'alerts']}
            updating={alerts.isFetching && !alerts.isPending}
            page={page}
            pages={Math.max(1, Math.ceil(total / pageSize))}
            onPage={setPage}
          />
        )}
      </Stack>
    </Stack>
  );
}
