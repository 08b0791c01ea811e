import { Paper, Table, Text, Title } from '@mantine/core';
import { formatCount } from '../../components/counts.js';

/** The top sources or accounts of an alert, with how often each was seen. */
export function RankedCard({
  id,
  title,
  column,
  items,
  empty,
}: {
  id: string;
  title: string;
  column: string;
  items: { value: string; count: number }[];
  empty: string;
}) {
  return (
    <Paper withBorder radius="md" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" p="md" pb="xs" id={id}>
        {title}
      </Title>
      {items.length === 0 ? (
        <Text p="md" pt={0} size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        <Table verticalSpacing={4} fz="sm" aria-labelledby={id}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{column}</Table.Th>
              <Table.Th scope="col" ta="right">
                Count
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((item) => (
              <Table.Tr key={item.value}>
                <Table.Td
                  style={{
                    overflowWrap: 'anywhere',
                    fontFamily: 'var(--mantine-font-family-monospace)',
                  }}
                >
                  {item.value}
                </Table.Td>
                <Table.Td ta="right">{formatCount(item.count)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
