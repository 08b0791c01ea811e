import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ancestorsOf, cyclePath, type SubprocessorEdge } from './vendors.subprocessors.graph.js';

const edge = (vendorId: string, subprocessorId: string, categories: string[]) => ({
  vendorId,
  subprocessorId,
  categories,
});

/** Random edge lists over a few vendors and categories, self-links and cycles included. */
const graphs = fc
  .array(
    fc.record({
      vendorId: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
      subprocessorId: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
      categories: fc.subarray(['email', 'name', 'phone', 'order_history']),
    }),
    { maxLength: 14 },
  )
  .map((edges) => edges as SubprocessorEdge[]);

/** The oracle: every simple path upwards, enumerated by brute force (fine for 6 vendors). */
function bruteForce(edges: readonly SubprocessorEdge[], target: string) {
  const result = new Map<string, Set<string>>();
  const walk = (at: string, passed: string[] | null, seen: Set<string>) => {
    for (const e of edges.filter((candidate) => candidate.subprocessorId === at)) {
      if (seen.has(e.vendorId)) continue;
      const here = e.categories.filter((c) => passed === null || passed.includes(c));
      const known = result.get(e.vendorId) ?? new Set<string>();
      for (const c of here) known.add(c);
      result.set(e.vendorId, known);
      walk(e.vendorId, here, new Set([...seen, e.vendorId]));
    }
  };
  walk(target, null, new Set([target]));
  return new Map([...result].map(([id, set]) => [id, [...set].sort()]));
}

describe('ancestorsOf', () => {
  it('passes down only what every link on a path shares, and unions over paths', () => {
    const edges = [
      edge('shop-vendor', 'vendor-x', ['email', 'order_history', 'phone']),
      edge('vendor-x', 'cloudhost', ['email', 'order_history']),
      edge('authenticator', 'cloudhost', ['name']),
      edge('other', 'shop-vendor', ['phone']),
    ];
    expect(ancestorsOf(edges, 'cloudhost')).toEqual([
      { vendorId: 'vendor-x', categories: ['email', 'order_history'], depth: 1 },
      { vendorId: 'authenticator', categories: ['name'], depth: 1 },
      { vendorId: 'shop-vendor', categories: ['email', 'order_history'], depth: 2 },
      // Reached, though nothing it passes on gets this far down.
      { vendorId: 'other', categories: [], depth: 3 },
    ]);
  });

  it('returns nothing for a vendor no one uses', () => {
    expect(ancestorsOf([edge('a', 'b', ['email'])], 'a')).toEqual([]);
  });

  it('stops on a cycle and never lists the subprocessor as its own ancestor', () => {
    const edges = [edge('a', 'b', ['email']), edge('b', 'a', ['email'])];
    expect(ancestorsOf(edges, 'a')).toEqual([{ vendorId: 'b', categories: ['email'], depth: 1 }]);
  });

  it('terminates on any graph and agrees with brute-force path enumeration', () => {
    fc.assert(
      fc.property(graphs, fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), (edges, target) => {
        const ancestors = ancestorsOf(edges, target);
        const expected = bruteForce(edges, target);
        expect(new Map(ancestors.map((a) => [a.vendorId, a.categories]))).toEqual(expected);
        // Every ancestor really reaches the target going down (a path from it exists).
        for (const ancestor of ancestors)
          expect(cyclePath(edges, target, ancestor.vendorId), ancestor.vendorId).not.toBeNull();
      }),
    );
  });
});

describe('cyclePath', () => {
  const edges = [edge('a', 'b', []), edge('b', 'c', []), edge('x', 'c', [])];

  it('names the path a new link would close', () => {
    expect(cyclePath(edges, 'c', 'a')).toEqual(['a', 'b', 'c']);
    expect(cyclePath(edges, 'a', 'a')).toEqual(['a']);
  });

  it('allows links that keep the graph acyclic', () => {
    expect(cyclePath(edges, 'a', 'c')).toBeNull();
    expect(cyclePath(edges, 'x', 'a')).toBeNull();
  });

  it('keeps any sequence of accepted links acyclic', () => {
    fc.assert(
      fc.property(graphs, (candidates) => {
        const accepted: SubprocessorEdge[] = [];
        for (const link of candidates)
          if (!cyclePath(accepted, link.vendorId, link.subprocessorId)) accepted.push(link);
        // Acyclic: no link's subprocessor can reach back up to the link's vendor.
        for (const link of accepted) {
          const others = accepted.filter((other) => other !== link);
          expect(cyclePath(others, link.vendorId, link.subprocessorId)).toBeNull();
        }
      }),
    );
  });
});
