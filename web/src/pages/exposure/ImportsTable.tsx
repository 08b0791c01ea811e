import { Loader, Table, Text, Title } from '@mantine/core';
import { useImports } from '../../api/exposure.js';
import { formatCount } from '../../components/counts.js';
import { LocalTime } from '../../components/LocalTime.js';
import { QueryError } from '../../components/QueryError.js';

const kindLabels = { osv: 'OSV', kev: 'CISA KEV', nvd: 'NVD' } as const;

/** Past advisory imports, newest first. */
export function ImportsTable() {
  const imports = useImports();
  return (
    <>
      <Title order={3} size="h5">
        Past imports
      </Title>
      {imports.isPending && <Loader size="sm" aria-label="Loading imports" />}
      {imports.isError && (
        <QueryError error={imports.error} onRetry={() => void imports.refetch()} />
      )}
      {imports.data?.items.length === 0 && (
        <Text size="sm" c="dimmed">
          No advisories imported yet: until one is, nothing can match.
        </Text>
      )}
      {imports.data && imports.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={860}>
          <Table verticalSpacing="xs" fz="sm" data-testid="advisory-imports-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Imported</Table.Th>
                <Table.Th scope="col">Kind</Table.Th>
                <Table.Th scope="col">File</Table.Th>
                <Table.Th scope="col" ta="right">
                  Records
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  New
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  Updated
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  Unchanged
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  Findings opened
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {imports.data.items.map((item) => (
                <Table.Tr key={item.id}>
                  <Table.Td>
                    <LocalTime iso={item.importedAt} />
                    <Text size="xs" c="dimmed">
                      {item.importedBy ? 'uploaded' : 'scheduled sync'}
                    </Text>
                  </Table.Td>
                  <Table.Td>{kindLabels[item.kind]}</Table.Td>
                  <Table.Td maw={220} style={{ overflowWrap: 'anywhere' }}>
                    {item.fileName}
                  </Table.Td>
                  <Table.Td ta="right">{formatCount(item.records)}</Table.Td>
                  <Table.Td ta="right">{formatCount(item.added)}</Table.Td>
                  <Table.Td ta="right">{formatCount(item.updated)}</Table.Td>
                  <Table.Td ta="right">{formatCount(item.unchanged)}</Table.Td>
                  <Table.Td ta="right">{formatCount(item.findingsOpened)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </>
  );
}
