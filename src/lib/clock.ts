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

/** Instants are stored as ISO-8601 UTC strings so both SQL dialects sort and compare them alike. */
export function toIso(date: Date): string {
  return date.toISOString();
}
