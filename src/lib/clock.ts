/** Time source. Services take a clock so tests can pin "now" without faking timers. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock for tests and replays; advance it explicitly. */
export function createManualClock(
  start: Date,
): Clock & { advance(ms: number): void; set(at: Date): void } {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance: (ms) => {
      current += ms;
    },
    set: (at) => {
      current = at.getTime();
    },
  };
}

/**
 * The system clock moved by an offset that can change while the process runs (a browser test
 * moves a server's "now" forward). The offset is re-read at most once a second.
 */
export function createShiftedClock(readOffsetSeconds: () => number): Clock {
  let offsetMs = 0;
  let readAt = -Infinity;
  return {
    now: () => {
      const real = Date.now();
      if (real - readAt >= 1000) {
        offsetMs = readOffsetSeconds() * 1000;
        readAt = real;
      }
      return new Date(real + offsetMs);
    },
  };
}

/** Instants are stored as ISO-8601 UTC strings so both SQL dialects sort and compare them alike. */
export function toIso(date: Date): string {
  return date.toISOString();
}
