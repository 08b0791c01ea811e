import { Loader, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { datamapKeys, fetchCustomerSummary } from '../../api/datamap.js';
import { formatCount } from '../../components/counts.js';
import { HorizontalBarChart } from '../../components/HorizontalBarChart.js';
import { JurisdictionTable } from '../../components/JurisdictionTable.js';
import { totalsByCountry } from '../../components/jurisdictions.js';
import { QueryError } from '../../components/QueryError.js';

function Stat({ label, value, hint }: { label: string; value: number; hint: string }) {
  return (
    <Paper withBorder radius="md" p="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fz={32} fw={700} lh={1.2}>
        {formatCount(value)}
      </Text>
      <Text size="xs" c="dimmed">
        {hint}
      </Text>
    </Paper>
  );
}

/** How many customers the directory holds, and where they live. */
export function CustomerOverview() {
  const summary = useQuery({
    queryKey: datamapKeys.customerSummary,
    queryFn: fetchCustomerSummary,
  });
  if (summary.isPending) return <Loader aria-label="Loading the customer summary" />;
  if (summary.isError)
    return <QueryError error={summary.error} onRetry={() => void summary.refetch()} />;
  const { total, erased, byJurisdiction } = summary.data;
  const byCountry = totalsByCountry(byJurisdiction);
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
        <Stat label="Customers" value={total} hint="In the customer directory" />
        <Stat label="Erased" value={erased} hint="Erased on request; a tombstone is kept" />
      </SimpleGrid>
      <Paper withBorder radius="md" p="md">
        <Title order={2} size="h4" mb="sm">
          Customers by jurisdiction
        </Title>
        {byCountry.length === 0 ? (
          <Text size="sm" c="dimmed">
            No customers yet. Import them from the shop below.
          </Text>
        ) : (
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg" style={{ alignItems: 'start' }}>
            <HorizontalBarChart data={byCountry} label="Customers by country" />
            <JurisdictionTable rows={byJurisdiction} caption="Customers by country and region" />
          </SimpleGrid>
        )}
      </Paper>
    </Stack>
  );
}
