import type { DetectionSettings } from '../../contracts/detection.js';
import { createDetectionEngine, type DetectionEngine } from './detection.engine.js';
import type { DetectionEvent } from './detection.events.js';
import { eventFromRow, type DeclaredScopes, type EventStore } from './detection.events.store.js';
import type { Signal } from './detection.signals.js';

/** Detector state is rebuilt from the events of this long before the newest one. */
const REPLAY_HORIZON_MS = 3 * 3_600_000;
const REPLAY_PAGE = 20_000;
/** Baselines learn from this many weeks of 5-minute totals. */
const HISTORY_WEEKS = 8;

/**
 * Owns the one detector engine of this process and feeds it in order. A batch is stored and
 * detected inside one serial step (the engine and the alert fold behind it are not
 * re-entrant), so no stored batch is ever waiting to be detected while the engine is rebuilt.
 * The fold records the last event it covered; a rebuild (after a restart, new settings or a
 * failed fold) replays the last hours of events, up to that checkpoint for state only and past
 * it with folding, so nothing is raised twice and nothing stored goes undetected.
 */
export function createDetectionPipeline(deps: {
  events: EventStore;
  settings: () => Promise<DetectionSettings>;
  /** Folds signals into alerts and records `foldedSeq`, in one transaction. */
  fold: (signals: Signal[], foldedSeq: number) => Promise<void>;
}) {
  let engine: DetectionEngine | null = null;
  let declared: DeclaredScopes = new Map();
  let queue: Promise<unknown> = Promise.resolve();

  async function build(): Promise<DetectionEngine> {
    declared = await deps.events.integrations();
    const built = createDetectionEngine({
      settings: await deps.settings(),
      declaredCategories: (id) => declared.get(id),
    });
    const latest = await deps.events.latestAt();
    if (!latest) return built;
    const until = Date.parse(latest);
    built.seed(
      await deps.events.hourly(new Date(until - HISTORY_WEEKS * 7 * 86_400_000).toISOString()),
    );
    // From an hour boundary, so each replayed hour closes whole and its baseline stays right.
    const start = until - REPLAY_HORIZON_MS;
    const since = new Date(start - (start % 3_600_000)).toISOString();
    const folded = await deps.events.foldedSeq();
    const seen: DetectionEvent[] = [];
    const unseen: DetectionEvent[] = [];
    for (let after = 0; ;) {
      const page = await deps.events.page(since, after, REPLAY_PAGE);
      for (const row of page) (row.seq <= folded ? seen : unseen).push(eventFromRow(row));
      if (page.length < REPLAY_PAGE) break;
      after = page[page.length - 1]!.seq;
    }
    // Nothing is stored meanwhile: builds run in the serial queue, like every batch.
    const lastSeq = await deps.events.maxSeq();
    for (const event of seen.sort(byTime)) built.push(event);
    built.drain(); // their alerts exist already
    if (unseen.length > 0) {
      for (const event of unseen.sort(byTime)) built.push(event);
      await deps.fold(built.drain(), lastSeq);
    }
    return built;
  }

  function serial<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  }

  return {
    /**
     * Stores a batch and runs what was new through the detectors. `store` commits the events
     * and returns the new ones with the highest sequence number now stored. Declared scopes
     * can change at any time, so each batch brings those it was validated against.
     */
    process<T>(
      store: () => Promise<{ fresh: DetectionEvent[]; seq: number; result: T }>,
      declaredNow: DeclaredScopes,
    ): Promise<T & { signals: number; late: number }> {
      return serial(async () => {
        engine ??= await build();
        const { fresh, seq, result } = await store();
        declared = declaredNow;
        const lateBefore = engine.stats().late;
        for (const event of [...fresh].sort(byTime)) engine.push(event);
        const signals = engine.drain();
        const late = engine.stats().late - lateBefore;
        try {
          await deps.fold(signals, seq);
        } catch (error) {
          // Stored but not folded: the next batch rebuilds the engine, and the replay folds
          // everything past the checkpoint.
          engine = null;
          throw error;
        }
        return { ...result, signals: signals.length, late };
      });
    },
    /** Drops the engine so the next batch rebuilds it, e.g. after the settings changed. */
    reset(): Promise<void> {
      return serial(async () => {
        engine = null;
      });
    },
  };
}

export type DetectionPipeline = ReturnType<typeof createDetectionPipeline>;

const byTime = (a: DetectionEvent, b: DetectionEvent) => a.time - b.time;
