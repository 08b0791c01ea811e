import { Table, Text } from '@mantine/core';
import type { JurisdictionCount } from '@contracts/datamap.js';
import { formatCount } from './counts.js';
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
    <Table.ScrollContainer minWidth={420}>
      <Table verticalSpacing="xs" striped>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Country</Table.Th>
            <Table.Th scope="col">Region</Table.Th>
            <Table.Th scope="col">Code</Table.Th>
            <Table.Th scope="col" ta="right">
              Customers
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
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
              <Table.Td ta="right">{formatCount(row.customers)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
