/**
 * Space-Saving heavy hitters (Metwally et al., 2005): the k most frequent keys of a stream in
 * O(k) memory. A key's count is over-estimated by at most the count it inherited when it took
 * an evicted slot, which is reported as `error`, so evidence never claims more than it knows.
 * Keys may be numbers (network keys), named only when the top is read. k is small (8 to 32),
 * so the keys sit in a plain array and a linear scan finds them faster than a Map would,
 * without an object per key.
 */
export class TopK<K extends string | number = string> {
  private readonly keys: K[] = [];
  private readonly counts: number[] = [];
  private readonly errors: number[] = [];

  constructor(private readonly capacity = 32) {}

  add(key: K, increment = 1): void {
    const keys = this.keys;
    const found = keys.indexOf(key);
    if (found >= 0) {
      this.counts[found]! += increment;
      return;
    }
    if (keys.length < this.capacity) {
      keys.push(key);
      this.counts.push(increment);
      this.errors.push(0);
      return;
    }
    let least = 0;
    for (let i = 1; i < keys.length; i++) if (this.counts[i]! < this.counts[least]!) least = i;
    const min = this.counts[least]!;
    keys[least] = key;
    this.counts[least] = min + increment;
    this.errors[least] = min;
  }

  top(limit = 10, nameOf: (key: K) => string = String): { value: string; count: number }[] {
    return this.keys
      .map((key, i) => ({ value: nameOf(key), count: this.counts[i]!, error: this.errors[i]! }))
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1))
      .slice(0, limit)
      .map(({ value, count, error }) => ({ value, count: count - error }));
  }

  clear(): void {
    this.keys.length = this.counts.length = this.errors.length = 0;
  }
}
