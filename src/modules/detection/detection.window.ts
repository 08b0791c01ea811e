/**
 * Sliding windows at the cost of tumbling ones. A key keeps counts for the current fixed
 * window and the one before; the sliding total is the current count plus the previous one
 * weighted by how much of it still lies inside the sliding window (the estimate rate limiters
 * use). State per key is two numbers per counter instead of one bucket per minute; this clock
 * says which window an instant is in and what the previous one weighs.
 */
export class WindowClock {
  readonly lengthMs: number;

  constructor(minutes: number) {
    this.lengthMs = minutes * 60_000;
  }

  index(time: number): number {
    return Math.floor(time / this.lengthMs);
  }

  /** Weight of the previous window at `time`: 1 at the start of a window, near 0 at its end. */
  previousWeight(time: number): number {
    return 1 - (time % this.lengthMs) / this.lengthMs;
  }
}
