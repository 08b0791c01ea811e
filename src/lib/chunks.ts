/** Helpers for working through long lists in bounded pieces. */

/** Values per `IN (…)` list: well under both dialects' bound-parameter limits. */
export const IN_LIST_CHUNK = 2000;

/** A select over `IN (…)` a list of any length, one statement per chunk, rows in order. */
export async function selectInChunks<T, R>(
  items: readonly T[],
  run: (chunk: T[]) => Promise<R[]>,
): Promise<R[]> {
  const rows: R[] = [];
  for (const chunk of chunked(items, IN_LIST_CHUNK)) rows.push(...(await run(chunk)));
  return rows;
}

export function* chunked<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}

/** Map.groupBy, which Node 20 lacks. */
export function groupBy<T, K>(items: Iterable<T>, keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
