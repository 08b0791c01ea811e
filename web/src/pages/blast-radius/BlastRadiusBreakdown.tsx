import { Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { BlastRadius } from '../../api/datamap.js';
import { HorizontalBarChart } from '../../components/HorizontalBarChart.js';
import { JurisdictionTable } from '../../components/JurisdictionTable.js';
import { totalsByCountry } from '../../components/jurisdictions.js';

/** The affected customers split by data category and by where they live. */
export function BlastRadiusBreakdown({ result }: { result: BlastRadius }) {
  const byCategory = [...result.byCategory]
    .sort((a, b) => b.customers - a.customers)
    .map((row) => ({ name: row.name, customers: row.customers }));
  const byCountry = totalsByCountry(result.byJurisdiction);
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg" style={{ alignItems: 'start' }}>
      <Paper withBorder radius="md" p="md">
        <Title order={2} size="h4" mb="xs">
          By data category
        </Title>
        {byCategory.length === 0 ? (
          <Text size="sm" c="dimmed">
            No data categories recorded.
          </Text>
        ) : (
          <HorizontalBarChart
            data={byCategory}
            label="Affected customers by data category"
            color="red.6"
          />
        )}
      </Paper>
      <Paper withBorder radius="md" p="md">
        <Stack gap="sm">
          <Title order={2} size="h4">
            By jurisdiction
          </Title>
          {byCountry.length === 0 ? (
            <Text size="sm" c="dimmed">
              No affected customers with a known jurisdiction.
            </Text>
          ) : (
            <>
              <HorizontalBarChart data={byCountry} label="Affected customers by country" />
              <JurisdictionTable
                rows={result.byJurisdiction}
                caption="Affected customers by country and region"
              />
            </>
          )}
        </Stack>
      </Paper>
    </SimpleGrid>
  );
}
