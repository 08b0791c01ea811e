import { hash } from 'node:crypto';

/**
 * Ids that make re-ingesting a file harmless: the same line gets the same id every run, so the
 * ingest service counts it once. The id is the first 32 hex digits of SHA-256(format + "\n" +
 * line) plus ":n", n counting the earlier identical lines of this run, because two identical
 * lines (two failures in the same second) are two events. A line that stands for several events
 * ("message repeated 5 times") takes one n per event.
 *
 * Memory is bounded: counts are kept for the last GENERATION_SIZE to 2×GENERATION_SIZE distinct
 * lines. Identical log lines carry the same timestamp, so they sit next to each other; two
 * identical lines further apart than that get the same id and count once.
 */
const GENERATION_SIZE = 100_000;

export interface EventIds {
  /** The id for the next event from this line. */
  next(line: string): string;
}

export function createEventIds(format: string): EventIds {
  let current = new Map<string, number>();
  let previous = new Map<string, number>();
  let lastLine: string | undefined;
  let lastDigest = '';

  return {
    next(line) {
      if (line !== lastLine) {
        lastLine = line;
        lastDigest = hash('sha256', `${format}\n${line}`, 'hex').slice(0, 32);
      }
      const seen = current.get(lastDigest) ?? previous.get(lastDigest) ?? 0;
      if (current.size >= GENERATION_SIZE && !current.has(lastDigest)) {
        previous = current;
        current = new Map();
      }
      current.set(lastDigest, seen + 1);
      return `${lastDigest}:${seen}`;
    },
  };
}
