import { Badge, Loader, Paper, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { datamapKeys, fetchCustomerImports, type CustomerImport } from '../../api/datamap.js';
import { formatCount } from '../../components/counts.js';
import { LocalTime } from '../../components/LocalTime.js';
import { QueryError } from '../../components/QueryError.js';

const statusColors: Record<CustomerImport['status'], string> = {
  running: 'blue',
  committed: 'teal',
  rejected: 'orange',
  failed: 'red',
};

const count = (value: number | null) => (value === null ? '—' : formatCount(value));

/** The last imports, newest first; the list refreshes while one runs. */
export function RecentImports() {
  const imports = useQuery({
    queryKey: datamapKeys.customerImports,
    queryFn: fetchCustomerImports,
    refetchInterval: (query) =>
      query.state.data?.some((item) => item.status === 'running') ? 2000 : false,
  });
  return (
    <Paper withBorder radius="md" p="md">
      <Title order={2} size="h4" mb="xs">
        Recent imports
      </Title>
      {imports.isPending && <Loader size="sm" aria-label="Loading imports" />}
      {imports.isError && (
        <QueryError error={imports.error} onRetry={() => void imports.refetch()} />
      )}
      {imports.data?.length === 0 && (
        <Text size="sm" c="dimmed">
          No imports yet.
        </Text>
      )}
      {imports.data && imports.data.length > 0 && (
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing="xs" fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Started</Table.Th>
                <Table.Th scope="col">Format</Table.Th>
                <Table.Th scope="col">Status</Table.Th>
                <Table.Th scope="col" ta="right">
                  Rows read
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  Invalid
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  Inserted
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  Updated
                </Table.Th>
                <Table.Th scope="col">Finished</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {imports.data.map((item) => (
                <Table.Tr key={item.id}>
                  <Table.Td>
                    <LocalTime iso={item.startedAt} />
                  </Table.Td>
                  <Table.Td>{item.format.toUpperCase()}</Table.Td>
                  <Table.Td miw={110}>
                    <Badge variant="light" color={statusColors[item.status]}>
                      {item.status}
                    </Badge>
                  </Table.Td>
                  <Table.Td ta="right">{formatCount(item.rowsRead)}</Table.Td>
                  <Table.Td ta="right">{formatCount(item.rowsInvalid)}</Table.Td>
                  <Table.Td ta="right">{count(item.inserted)}</Table.Td>
                  <Table.Td ta="right">{count(item.updated)}</Table.Td>
                  <Table.Td>
                    <LocalTime iso={item.finishedAt} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
