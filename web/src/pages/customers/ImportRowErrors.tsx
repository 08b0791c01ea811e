import { Table, Text } from '@mantine/core';
import type { RowError } from '@contracts/datamap.js';
import { formatCount } from '../../components/counts.js';

/** The rows a refused import named, by line, and how many more there were. */
export function ImportRowErrors({ rows, total }: { rows: readonly RowError[]; total: number }) {
  const more = total - rows.length;
  return (
    <>
      <Table.ScrollContainer minWidth={480}>
        <Table verticalSpacing={4} fz="sm">
          <Table.Caption>
            {more > 0 ? `…and ${formatCount(more)} more` : `${formatCount(total)} bad rows in all`}
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Line</Table.Th>
              <Table.Th scope="col">Field</Table.Th>
              <Table.Th scope="col">Reason</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row, index) => (
              <Table.Tr key={`${row.line}-${row.field}-${index}`}>
                <Table.Td>{row.line}</Table.Td>
                <Table.Td>
                  <Text span size="sm" ff="monospace">
                    {row.field || '—'}
                  </Text>
                </Table.Td>
                <Table.Td>{row.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}
