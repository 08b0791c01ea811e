import { Paper, Table, Text, Title } from '@mantine/core';
import type { BlastRadius } from '../../api/datamap.js';
import { CategoryBadges } from '../../components/CategoryBadges.js';

/** Which integrations carried the data to the target, and which categories went that way. */
export function BlastRadiusPaths({ paths }: { paths: BlastRadius['paths'] }) {
  return (
    <Paper withBorder radius="md" p="md">
      <Title order={2} size="h4" mb="xs">
        Paths
      </Title>
      {paths.length === 0 ? (
        <Text size="sm" c="dimmed">
          No integration carries data to this target.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={520}>
          <Table verticalSpacing="xs">
            <Table.Caption>
              The data left the shop through these integrations before reaching the target.
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Integration</Table.Th>
                <Table.Th scope="col">Vendor</Table.Th>
                <Table.Th scope="col">Data categories</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {paths.map((path) => (
                <Table.Tr key={path.integrationId}>
                  <Table.Td>{path.integrationName}</Table.Td>
                  <Table.Td>{path.vendorName}</Table.Td>
                  <Table.Td>
                    {/* An empty list means nothing was filtered out on the way: everything
                        shared through this integration reached the target. */}
                    {path.categories.length === 0 ? (
                      <Text size="sm">Everything shared through it</Text>
                    ) : (
                      <CategoryBadges keys={path.categories} />
                    )}
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
