import { Center, Group, Loader, Paper, Select, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useMemo, useState } from 'react';
import { RISK_TIERS } from '@contracts/vendors.js';
import { datamapKeys, fetchDataCategories, fetchDataMap } from '../../api/datamap.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryError } from '../../components/QueryError.js';
import { useSignedInSession } from '../../hooks/useSession.js';
import { roleAtLeast } from '../../lib/roles.js';
import { filterDataMap, type DataMapFilter } from './data-map-layout.js';
import { DataMapLegend } from './DataMapLegend.js';
import { DataMapTable } from './DataMapTable.js';
import { SharingAlertsCard } from './SharingAlertsCard.js';

// React Flow is the heaviest dependency of the app and only this page draws with it.
const DataMapGraph = lazy(() =>
  import('./DataMapGraph.js').then((module) => ({ default: module.DataMapGraph })),
);

const tierOptions = RISK_TIERS.map((tier) => ({ value: tier, label: tier }));

/** Where customer data goes: shop → vendors → subprocessors, as a graph and as a table. */
export function DataMapPage() {
  const { user } = useSignedInSession();
  const map = useQuery({ queryKey: datamapKeys.dataMap, queryFn: fetchDataMap });
  const categories = useQuery({ queryKey: datamapKeys.categories, queryFn: fetchDataCategories });
  const [filter, setFilter] = useState<DataMapFilter>({ category: null, tier: null });
  const filtered = useMemo(
    () => (map.data ? filterDataMap(map.data, filter) : null),
    [map.data, filter],
  );

  return (
    <>
      <PageHeader
        title="Data map"
        description="Which vendors receive which customer data, and who they pass it on to. Solid lines are your integrations; dashed lines are a vendor's subprocessors. Select a vendor to open it."
      />
      <Stack gap="lg">
        <SharingAlertsCard canAcknowledge={roleAtLeast(user.role, 'analyst')} />
        <Group align="end" wrap="wrap">
          <Select
            label="Data category"
            placeholder="All categories"
            data={(categories.data ?? []).map((c) => ({ value: c.key, label: c.name }))}
            value={filter.category}
            onChange={(category) => setFilter((current) => ({ ...current, category }))}
            searchable
            clearable
            w={260}
          />
          <Select
            label="Risk tier"
            placeholder="All tiers"
            data={tierOptions}
            value={filter.tier}
            onChange={(tier) => setFilter((current) => ({ ...current, tier }))}
            clearable
            w={180}
          />
          <DataMapLegend />
        </Group>
        {map.isPending && (
          <Center p="lg">
            <Loader aria-label="Loading the data map" />
          </Center>
        )}
        {map.isError && <QueryError error={map.error} onRetry={() => void map.refetch()} />}
        {filtered && (
          <>
            {filtered.nodes.length <= 1 && filtered.edges.length === 0 ? (
              <Text c="dimmed" size="sm">
                Nothing to draw yet: add a vendor and an integration, or clear the filters.
              </Text>
            ) : (
              <Suspense
                fallback={
                  <Center h={520}>
                    <Loader aria-label="Loading the graph" />
                  </Center>
                }
              >
                <DataMapGraph map={filtered} />
              </Suspense>
            )}
            <Paper withBorder radius="md">
              <DataMapTable map={filtered} />
            </Paper>
          </>
        )}
      </Stack>
    </>
  );
}
