/**
 * The subprocessor graph: an edge says "vendorId passes these categories to subprocessorId".
 * Links are refused when they would close a cycle, but these functions still terminate on any
 * edge list (a cycle written straight into the database, say), because breach scoping must
 * never hang.
 */
export interface SubprocessorEdge {
  vendorId: string;
  subprocessorId: string;
  categories: readonly string[];
}

export interface Ancestor {
  vendorId: string;
  /** What can reach the subprocessor through this vendor: per path, the categories every link
   * on it passes on (the intersection); over several paths, their union. */
  categories: string[];
  /** Links on the shortest path down to the subprocessor (1 for a direct link). */
  depth: number;
}

function groupBy(edges: readonly SubprocessorEdge[], key: 'vendorId' | 'subprocessorId') {
  const groups = new Map<string, SubprocessorEdge[]>();
  for (const edge of edges) {
    const list = groups.get(edge[key]);
    if (list) list.push(edge);
    else groups.set(edge[key], [edge]);
  }
  return groups;
}

/**
 * Every vendor above `subprocessorId`, nearest first. Walks upwards breadth-first; a vendor is
 * revisited only when a new path brings it categories it did not have, so each vendor is
 * visited at most (number of categories + 1) times, cycles or not.
 */
export function ancestorsOf(
  edges: readonly SubprocessorEdge[],
  subprocessorId: string,
): Ancestor[] {
  const parentsOf = groupBy(edges, 'subprocessorId');
  const found = new Map<string, { categories: Set<string>; depth: number }>();
  // Each entry carries only the categories new to its vendor: intersection distributes over
  // union, so forwarding the increment is enough.
  const queue: { vendorId: string; categories: Set<string> | null; depth: number }[] = [
    { vendorId: subprocessorId, categories: null, depth: 0 },
  ];
  for (let next = queue.shift(); next; next = queue.shift()) {
    for (const edge of parentsOf.get(next.vendorId) ?? []) {
      const passed = edge.categories.filter((c) => !next.categories || next.categories.has(c));
      const known = found.get(edge.vendorId);
      const fresh = passed.filter((c) => !known?.categories.has(c));
      if (edge.vendorId === subprocessorId || (known && fresh.length === 0)) continue;
      if (known) for (const c of fresh) known.categories.add(c);
      else found.set(edge.vendorId, { categories: new Set(fresh), depth: next.depth + 1 });
      queue.push({ vendorId: edge.vendorId, categories: new Set(fresh), depth: next.depth + 1 });
    }
  }
  return [...found].map(([vendorId, { categories, depth }]) => ({
    vendorId,
    categories: [...categories].sort(),
    depth,
  }));
}

/**
 * The path `subprocessorId → … → vendorId` that a new link `vendorId → subprocessorId` would
 * close into a cycle, or null when the link is safe. A self-link is the one-vendor path.
 */
export function cyclePath(
  edges: readonly SubprocessorEdge[],
  vendorId: string,
  subprocessorId: string,
): string[] | null {
  const childrenOf = groupBy(edges, 'vendorId');
  const cameFrom = new Map<string, string | null>([[subprocessorId, null]]);
  const queue = [subprocessorId];
  for (let current = queue.shift(); current !== undefined; current = queue.shift()) {
    if (current === vendorId) {
      const path: string[] = [];
      for (let at: string | null | undefined = current; at; at = cameFrom.get(at)) path.push(at);
      return path.reverse();
    }
    for (const edge of childrenOf.get(current) ?? []) {
      if (cameFrom.has(edge.subprocessorId)) continue;
      cameFrom.set(edge.subprocessorId, current);
      queue.push(edge.subprocessorId);
    }
  }
  return null;
}
