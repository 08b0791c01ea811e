import { Badge, Table, Text } from '@mantine/core';
import { AnchorLink } from '../../components/RouterLinks.js';
import { CategoryBadges } from '../../components/CategoryBadges.js';
import { formatCount } from '../../components/counts.js';
import type { FilteredMap, MapNode } from './data-map-layout.js';

function NodeName({ node, fallback }: { node: MapNode | undefined; fallback: string }) {
  if (!node) return <>{fallback}</>;
  if (node.type === 'shop') return <>{node.name}</>;
  return (
    <AnchorLink to="/vendors/$vendorId" params={{ vendorId: node.id }} size="sm">
      {node.name}
    </AnchorLink>
  );
}

/** The graph's connections as a table: readable without a mouse, and sortable by eye. */
export function DataMapTable({ map }: { map: FilteredMap }) {
  const byId = new Map(map.nodes.map((node) => [node.id, node]));
  if (map.edges.length === 0)
    return (
      <Text size="sm" c="dimmed" p="md">
        No connections match these filters.
      </Text>
    );
  return (
    <Table.ScrollContainer minWidth={880}>
      <Table verticalSpacing="xs" highlightOnHover>
        <Table.Caption>
          {map.edges.length === 1 ? '1 connection' : `${map.edges.length} connections`}
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">From</Table.Th>
            <Table.Th scope="col">To</Table.Th>
            <Table.Th scope="col">Kind</Table.Th>
            <Table.Th scope="col">Via</Table.Th>
            <Table.Th scope="col">Data categories</Table.Th>
            <Table.Th scope="col" ta="right">
              Customers
            </Table.Th>
            <Table.Th scope="col">Scope</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {map.edges.map((edge) => {
            const target = byId.get(edge.to);
            const search =
              edge.kind === 'subprocessor' ? { subprocessorId: edge.to } : { vendorId: edge.to };
            return (
              <Table.Tr key={edge.id}>
                <Table.Td>
                  <NodeName node={byId.get(edge.from)} fallback={edge.from} />
                </Table.Td>
                <Table.Td>
                  <NodeName node={target} fallback={edge.to} />
                </Table.Td>
                <Table.Td miw={150}>
                  <Badge variant="light" color={edge.kind === 'integration' ? 'blue' : 'grape'}>
                    {edge.kind}
                  </Badge>
                </Table.Td>
                <Table.Td>{edge.label}</Table.Td>
                <Table.Td>
                  <CategoryBadges keys={edge.categories} />
                </Table.Td>
                <Table.Td ta="right">
                  {edge.customers === null ? '—' : formatCount(edge.customers)}
                </Table.Td>
                <Table.Td>
                  <AnchorLink
                    to="/blast-radius"
                    search={search}
                    size="sm"
                    aria-label={`Blast radius of ${target?.name ?? edge.to}`}
                  >
                    Blast radius
                  </AnchorLink>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
