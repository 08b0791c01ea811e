/**
 * Space-Saving heavy hitters (Metwally et al., 2005): the k most frequent keys of a stream in
 * O(k) memory. A key's count is over-estimated by at most the count it inherited when it took
 * an evicted slot, which is reported as `error`, so evidence never claims more than it knows.
 * Keys may be numbers (network keys), named only when the top is read.
 */
export class TopK<K extends string | number = string> {
  private readonly counts = new Map<K, { count: number; error: number }>();

  constructor(private readonly capacity = 32) {}

  add(key: K, increment = 1): void {
    const entry = this.counts.get(key);
    if (entry) {
      entry.count += increment;
      return;
    }
    if (this.counts.size < this.capacity) {
      this.counts.set(key, { count: increment, error: 0 });
      return;
    }
    let minKey: K | undefined;
    let min = Infinity;
    for (const [candidate, value] of this.counts)
      if (value.count < min) {
        min = value.count;
        minKey = candidate;
      }
    this.counts.delete(minKey!);
    this.counts.set(key, { count: min + increment, error: min });
  }

  top(limit = 10, nameOf: (key: K) => string = String): { value: string; count: number }[] {
    return [...this.counts]
      .map(([key, { count, error }]) => ({ value: nameOf(key), count, error }))
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1))
      .slice(0, limit)
      .map(({ value, count, error }) => ({ value, count: count - error }));
  }

  clear(): void {
    this.counts.clear();
  }
}
