import { Table, Text } from '@mantine/core';
import type { JurisdictionCount } from '@contracts/datamap.js';
import { CustomerCountTable, CustomersCell } from './CustomerCountTable.js';
import { countryName, jurisdictionCode, regionName } from './jurisdictions.js';

/** Customers per country and region, with readable names beside the codes. */
export function JurisdictionTable({
  rows,
  caption,
}: {
  rows: readonly JurisdictionCount[];
  caption: string;
}) {
  const sorted = [...rows].sort(
    (a, b) =>
      countryName(a.country).localeCompare(countryName(b.country)) ||
      (a.region ?? '').localeCompare(b.region ?? ''),
  );
  return (
    <CustomerCountTable caption={caption} columns={['Country', 'Region', 'Code']} minWidth={420}>
      {sorted.map((row) => (
        <Table.Tr key={`${row.country ?? '-'}|${row.region ?? '-'}`}>
          <Table.Td>{countryName(row.country)}</Table.Td>
          <Table.Td>
            {regionName(row.country, row.region) ?? (
              <Text span c="dimmed" size="sm">
                —
              </Text>
            )}
          </Table.Td>
          <Table.Td>
            <Text span size="sm" ff="monospace">
              {jurisdictionCode(row.country, row.region)}
            </Text>
          </Table.Td>
          <CustomersCell customers={row.customers} />
        </Table.Tr>
      ))}
    </CustomerCountTable>
  );
}
