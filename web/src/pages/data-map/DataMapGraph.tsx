import '@xyflow/react/dist/style.css';
import { Box, Text, useComputedColorScheme } from '@mantine/core';
import { Link, useNavigate } from '@tanstack/react-router';
import {
  Background,
  Controls,
  MarkerType,
  Position,
  ReactFlow,
  type Edge,
  type Node,
} from '@xyflow/react';
import { useMemo } from 'react';
import { useCategoryNames } from '../../components/CategoryBadges.js';
import { layoutDataMap, type FilteredMap, type MapNode } from './data-map-layout.js';
import { nodeColor } from './tiers.js';

function NodeLabel({ node }: { node: MapNode }) {
  const detail = node.type === 'shop' ? 'your shop' : `${node.riskTier ?? 'unrated'} risk`;
  return (
    <>
      {node.type === 'vendor' ? (
        <Link
          to="/vendors/$vendorId"
          params={{ vendorId: node.id }}
          style={{ color: 'inherit', fontWeight: 600 }}
        >
          {node.name}
        </Link>
      ) : (
        <Text span fw={700} size="sm">
          {node.name}
        </Text>
      )}
      <Text size="xs" c="dimmed">
        {detail}
        {node.status ? ` · ${node.status}` : ''}
      </Text>
    </>
  );
}

/** Up to three names on the line; the table below lists them all. */
function edgeLabel(names: string[]): string {
  if (names.length === 0) return 'no categories';
  if (names.length <= 3) return names.join(', ');
  return `${names.slice(0, 2).join(', ')} +${names.length - 2} more`;
}

function toFlow(
  map: FilteredMap,
  nameOf: (key: string) => string,
): { nodes: Node[]; edges: Edge[] } {
  const positions = layoutDataMap(map.nodes, map.edges);
  const nodes: Node[] = map.nodes.map((node) => {
    const color = nodeColor(node);
    return {
      id: node.id,
      type: node.type === 'shop' ? 'input' : 'default',
      position: positions.get(node.id) ?? { x: 0, y: 0 },
      data: { label: <NodeLabel node={node} /> },
      sourcePosition: Position.Right,
      targetPosition: Position.Left,
      ariaLabel: node.name,
      style: {
        width: 200,
        border: `2px solid var(--mantine-color-${color}-filled)`,
        background: `color-mix(in srgb, var(--mantine-color-${color}-filled) 18%, var(--mantine-color-body))`,
        color: 'var(--mantine-color-text)',
        opacity: map.context.has(node.id) ? 0.45 : 1,
        cursor: node.type === 'vendor' ? 'pointer' : 'default',
      },
    };
  });
  const edges: Edge[] = map.edges.map((edge) => ({
    id: edge.id,
    source: edge.from,
    target: edge.to,
    label: edgeLabel(edge.categories.map(nameOf)),
    markerEnd: { type: MarkerType.ArrowClosed, color: 'var(--mantine-color-dimmed)' },
    style: {
      stroke: 'var(--mantine-color-dimmed)',
      strokeWidth: 1.5,
      strokeDasharray: edge.kind === 'subprocessor' ? '6 4' : undefined,
    },
    labelStyle: { fill: 'var(--mantine-color-text)', fontSize: 11 },
    labelBgStyle: { fill: 'var(--mantine-color-body)' },
    labelBgPadding: [6, 3],
    labelBgBorderRadius: 4,
  }));
  return { nodes, edges };
}

/** The graph: the shop on the left, its vendors, then their subprocessors. */
export function DataMapGraph({ map }: { map: FilteredMap }) {
  const colorScheme = useComputedColorScheme('light');
  const navigate = useNavigate();
  const nameOf = useCategoryNames();
  const flow = useMemo(() => toFlow(map, nameOf), [map, nameOf]);

  return (
    <Box
      h={520}
      role="figure"
      aria-label="Data map graph: the shop, the vendors it shares customer data with, and their subprocessors. The table below lists the same connections."
      style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 8 }}
    >
      <ReactFlow
        // A new set of nodes (a filter changed) remounts the canvas, so it fits the view again.
        key={flow.nodes.map((node) => node.id).join('|')}
        nodes={flow.nodes}
        edges={flow.edges}
        colorMode={colorScheme}
        fitView
        fitViewOptions={{ padding: 0.2, maxZoom: 1.2 }}
        minZoom={0.2}
        nodesDraggable={false}
        nodesConnectable={false}
        nodesFocusable={false}
        edgesFocusable={false}
        elementsSelectable={false}
        onNodeClick={(event, node) => {
          // A click on the name link navigates by itself.
          if (event.target instanceof Element && event.target.closest('a')) return;
          const source = map.nodes.find((item) => item.id === node.id);
          if (source?.type === 'vendor')
            void navigate({ to: '/vendors/$vendorId', params: { vendorId: node.id } });
        }}
      >
        <Background />
        <Controls showInteractive={false} />
      </ReactFlow>
    </Box>
  );
}
