import type { DataMap } from '../../api/datamap.js';

export type MapNode = DataMap['nodes'][number];
export type MapEdge = DataMap['edges'][number];

export interface DataMapFilter {
  category: string | null;
  tier: string | null;
}

export interface FilteredMap {
  nodes: MapNode[];
  edges: MapEdge[];
  /** Nodes shown only as context for a kept edge: they do not match the tier filter. */
  context: Set<string>;
}

/**
 * A category filter keeps only edges carrying that category (and their ends); a tier filter keeps
 * edges touching a vendor of that tier, showing the other end as context.
 */
export function filterDataMap(map: DataMap, filter: DataMapFilter): FilteredMap {
  const byId = new Map(map.nodes.map((node) => [node.id, node]));
  const matchesTier = (id: string) => {
    const node = byId.get(id);
    return !filter.tier || node?.type === 'shop' || node?.riskTier === filter.tier;
  };
  const edges = map.edges.filter(
    (edge) =>
      (!filter.category || edge.categories.includes(filter.category)) &&
      (matchesTier(edge.from) || matchesTier(edge.to)),
  );
  const keep = new Set(map.nodes.filter((node) => node.type === 'shop').map((node) => node.id));
  for (const edge of edges) keep.add(edge.from).add(edge.to);
  if (!filter.category) {
    for (const node of map.nodes) if (matchesTier(node.id)) keep.add(node.id);
  }
  const nodes = map.nodes.filter((node) => keep.has(node.id));
  const context = new Set(nodes.filter((node) => !matchesTier(node.id)).map((node) => node.id));
  return { nodes, edges, context };
}

/** Wide enough for an edge label of three category names between two nodes. */
export const COLUMN_WIDTH = 480;
export const ROW_HEIGHT = 120;

/**
 * A layered layout: the shop at depth 0, the vendors it integrates at 1, their subprocessors
 * further right (the longest path decides, so a chain reads left to right). Within a column,
 * nodes sit near the average row of what feeds them, which keeps edges from crossing much.
 */
export function layoutDataMap(
  nodes: readonly MapNode[],
  edges: readonly MapEdge[],
): Map<string, { x: number; y: number }> {
  const depth = new Map<string, number>();
  for (const node of nodes) depth.set(node.id, node.type === 'shop' ? 0 : 1);
  // Relax longest paths; at most one pass per node, so a cycle cannot loop forever.
  for (let pass = 0; pass < nodes.length; pass += 1) {
    let changed = false;
    for (const edge of edges) {
      const from = depth.get(edge.from);
      const to = depth.get(edge.to);
      if (from === undefined || to === undefined || to >= from + 1) continue;
      if (from + 1 > nodes.length) continue;
      depth.set(edge.to, from + 1);
      changed = true;
    }
    if (!changed) break;
  }

  const columns = new Map<number, MapNode[]>();
  for (const node of nodes) {
    const column = depth.get(node.id) ?? 1;
    columns.set(column, [...(columns.get(column) ?? []), node]);
  }
  const row = new Map<string, number>();
  const positions = new Map<string, { x: number; y: number }>();
  for (const column of [...columns.keys()].sort((a, b) => a - b)) {
    const members = columns.get(column) ?? [];
    const weight = (node: MapNode) => {
      const parents = edges
        .filter((edge) => edge.to === node.id && row.has(edge.from))
        .map((edge) => row.get(edge.from) ?? 0);
      return parents.length ? parents.reduce((sum, value) => sum + value, 0) / parents.length : 0;
    };
    members.sort((a, b) => weight(a) - weight(b) || a.name.localeCompare(b.name));
    members.forEach((node, index) => {
      const offset = index - (members.length - 1) / 2;
      row.set(node.id, offset);
      positions.set(node.id, { x: column * COLUMN_WIDTH, y: offset * ROW_HEIGHT });
    });
  }
  return positions;
}
