/**
 * Sliding windows at the cost of tumbling ones. A key keeps counts for the current fixed
 * window and the one before; the sliding total is the current count plus the previous one
 * weighted by how much of it still lies inside the sliding window (the estimate rate limiters
 * use). State per key is two numbers per counter instead of one bucket per minute.
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

/** Counts that roll with a WindowClock. */
export class RollingCount {
  window = -1;
  current = 0;
  previous = 0;

  /** Moves to `window`, returning true when the window changed. */
  roll(window: number): boolean {
    if (window === this.window) return false;
    this.previous = window === this.window + 1 ? this.current : 0;
    this.current = 0;
    this.window = window;
    return true;
  }

  sliding(weight: number): number {
    return this.current + this.previous * weight;
  }
}
