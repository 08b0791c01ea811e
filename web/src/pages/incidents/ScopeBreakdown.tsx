import { SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { ScopeSnapshot } from '../../api/incidents.js';
import { CustomerCountTable, CustomersCell } from '../../components/CustomerCountTable.js';
import { HorizontalBarChart } from '../../components/HorizontalBarChart.js';
import { JurisdictionTable } from '../../components/JurisdictionTable.js';
import { jurisdictionCode } from '../../components/jurisdictions.js';

/** A snapshot's customers by jurisdiction (chart and table) and by data category (table). */
export function ScopeBreakdown({ snapshot }: { snapshot: ScopeSnapshot }) {
  const byJurisdiction = [...snapshot.byJurisdiction]
    .sort((a, b) => b.customers - a.customers)
    .map((row) => ({
      name: row.country ? jurisdictionCode(row.country, row.region) : 'Unknown',
      customers: row.customers,
    }));
  const byCategory = [...snapshot.byCategory].sort(
    (a, b) => b.customers - a.customers || a.name.localeCompare(b.name),
  );

  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg" style={{ alignItems: 'start' }}>
      <Stack gap="xs">
        <Title order={4} size="h6">
          By jurisdiction
        </Title>
        {byJurisdiction.length === 0 ? (
          <Text size="sm" c="dimmed">
            No jurisdiction recorded.
          </Text>
        ) : (
          <>
            <HorizontalBarChart
              data={byJurisdiction}
              label="Affected customers by jurisdiction"
              labelWidth={96}
            />
            <JurisdictionTable
              rows={snapshot.byJurisdiction}
              caption="Affected customers by country and region"
            />
          </>
        )}
      </Stack>
      <Stack gap="xs">
        <Title order={4} size="h6">
          By data category
        </Title>
        {byCategory.length === 0 ? (
          <Text size="sm" c="dimmed">
            No data category recorded.
          </Text>
        ) : (
          <CustomerCountTable
            caption="Affected customers by data category"
            columns={['Category', 'Key']}
            minWidth={320}
            testId="scope-categories"
          >
            {byCategory.map((row) => (
              <Table.Tr key={row.key}>
                <Table.Td>{row.name}</Table.Td>
                <Table.Td>
                  <Text span size="sm" ff="monospace">
                    {row.key}
                  </Text>
                </Table.Td>
                <CustomersCell customers={row.customers} />
              </Table.Tr>
            ))}
          </CustomerCountTable>
        )}
      </Stack>
    </SimpleGrid>
  );
}
