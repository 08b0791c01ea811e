import { Button, Group, Loader, Paper, Select, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { useIncidents, type IncidentFilter } from '../../api/incidents.js';
import { ListFooter } from '../../components/ListFooter.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryError } from '../../components/QueryError.js';
import type { IncidentsSearch } from '../../router.js';
import { useVendorRole } from '../vendors/useVendorRole.js';
import { IncidentsTable } from './IncidentsTable.js';
import { incidentStatusOptions, incidentTypeOptions } from './labels.js';
import { NewIncidentModal } from './NewIncidentModal.js';

const route = getRouteApi('/signed-in/incidents');
const pageSize = 50;

/** Every incident the reader may see, the most recently changed first; filters in the URL. */
export function IncidentsPage() {
  const { canWrite } = useVendorRole();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const [creating, setCreating] = useState(false);
  const page = search.page ?? 1;
  // A new filter starts again at page 1.
  const setFilter = (next: Partial<IncidentsSearch>) =>
    void navigate({ search: (prev) => ({ ...prev, ...next, page: undefined }), replace: true });
  const setPage = (next: number) => void navigate({ search: (prev) => ({ ...prev, page: next }) });

  const filter: IncidentFilter = {
    status: search.status,
    type: search.type,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  };
  const incidents = useIncidents(filter);
  const total = incidents.data?.total ?? 0;
  const filtered = Boolean(search.status ?? search.type);

  return (
    <>
      <PageHeader
        title="Incidents"
        description="Each incident is the record of a breach from detection to closure: its trigger times, what it concerns, and a timeline no one can quietly rewrite."
        actions={
          canWrite && (
            <Button
              leftSection={<IconPlus size={16} aria-hidden />}
              onClick={() => setCreating(true)}
            >
              New incident
            </Button>
          )
        }
      />
      <Stack gap="md">
        <Group align="flex-end" gap="sm" wrap="wrap">
          <Select
            label="Status"
            placeholder="Any status"
            data={incidentStatusOptions}
            value={search.status ?? null}
            onChange={(value) => setFilter({ status: value ?? undefined })}
            clearable
            w={170}
          />
          <Select
            label="Type"
            placeholder="Any type"
            data={incidentTypeOptions}
            value={search.type ?? null}
            onChange={(value) => setFilter({ type: value ?? undefined })}
            clearable
            w={240}
          />
        </Group>
        <Paper withBorder radius="md">
          {incidents.isPending && <Loader m="md" aria-label="Loading incidents" />}
          {incidents.isError && (
            <QueryError error={incidents.error} onRetry={() => void incidents.refetch()} />
          )}
          {incidents.data?.items.length === 0 && (
            <Text p="md" c="dimmed" size="sm">
              {filtered ? 'No incident matches these filters.' : 'No incidents yet.'}
            </Text>
          )}
          {incidents.data && incidents.data.items.length > 0 && (
            <IncidentsTable incidents={incidents.data.items} />
          )}
        </Paper>
        {incidents.data && (
          <ListFooter
            total={total}
            noun={['incident', 'incidents']}
            updating={incidents.isFetching && !incidents.isPending}
            page={page}
            pages={Math.max(1, Math.ceil(total / pageSize))}
            onPage={setPage}
          />
        )}
      </Stack>
      {canWrite && <NewIncidentModal opened={creating} onClose={() => setCreating(false)} />}
    </>
  );
}
