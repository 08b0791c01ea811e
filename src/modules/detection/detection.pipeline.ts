import type { DetectionSettings } from '../../contracts/detection.js';
import type { Db } from '../../db/database.js';
import { createDetectionEngine, type DetectionEngine } from './detection.engine.js';
import type { DetectionEvent } from './detection.events.js';
import { eventFromRow, type EventStore } from './detection.events.store.js';
import type { Signal } from './detection.signals.js';

/** Detector state is rebuilt from the events of this long before the newest one. */
const REPLAY_HORIZON_MS = 3 * 3_600_000;
const REPLAY_PAGE = 20_000;
/** Baselines learn from this many weeks of 5-minute totals. */
const HISTORY_WEEKS = 8;

/**
 * Owns the one detector engine of this process and feeds it in order. Batches are processed
 * one at a time (the engine and the alert fold behind it are not re-entrant). After a restart
 * the engine is rebuilt before its first batch: baselines from the stored series, windows by
 * replaying the last hours of events. Replayed signals fold into the same ongoing alerts, so a
 * crash between storing a batch and raising its alert loses nothing.
 */
export function createDetectionPipeline(deps: {
  db: Db;
  events: EventStore;
  settings: () => Promise<DetectionSettings>;
  onSignals: (signals: Signal[]) => Promise<void>;
}) {
  let engine: DetectionEngine | null = null;
  let declared = new Map<string, ReadonlySet<string>>();
  let queue: Promise<unknown> = Promise.resolve();

  async function loadDeclared(): Promise<void> {
    const rows = await deps.db.kysely
      .selectFrom('integrations')
      .select(['id', 'declared_categories'])
      .execute();
    declared = new Map(
      rows.map((row) => [row.id, new Set(JSON.parse(row.declared_categories) as string[])]),
    );
  }

  /** Builds the engine from storage, leaving out the batch about to be pushed (stored already). */
  async function build(pending: ReadonlySet<string>): Promise<DetectionEngine> {
    await loadDeclared();
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
    const replayed: DetectionEvent[] = [];
    for (let after = 0; ;) {
      const page = await deps.events.page(since, after, REPLAY_PAGE);
      for (const row of page) if (!pending.has(row.event_key)) replayed.push(eventFromRow(row));
      if (page.length < REPLAY_PAGE) break;
      after = page[page.length - 1]!.seq;
    }
    replayed.sort((a, b) => a.time - b.time);
    for (const event of replayed) built.push(event);
    await deps.onSignals(built.drain());
    return built;
  }

  function serial<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  }

  return {
    /**
     * Runs newly stored events through the detectors (in event-time order) and folds the
     * signals. `key` is each event's stored key, so a rebuild does not replay them twice.
     */
    process(
      batch: { key: string; event: DetectionEvent }[],
    ): Promise<{ signals: number; late: number }> {
      return serial(async () => {
        engine ??= await build(new Set(batch.map((item) => item.key)));
        const events = batch.map((item) => item.event);
        if (
          events.some((event) => event.kind === 'api_access' && !declared.has(event.integrationId))
        )
          await loadDeclared();
        const ordered = events.sort((a, b) => a.time - b.time);
        const lateBefore = engine.stats().late;
        for (const event of ordered) engine.push(event);
        const signals = engine.drain();
        const late = engine.stats().late - lateBefore;
        try {
          await deps.onSignals(signals);
        } catch (error) {
          // The events are stored but their signals were not: the next batch rebuilds the
          // engine from storage, and the replay raises them again.
          engine = null;
          throw error;
        }
        return { signals: signals.length, late };
      });
    },
    /** Drops the engine so the next batch rebuilds it, e.g. after the settings changed. */
    reset(): Promise<void> {
      return serial(async () => {
        engine = null;
      });
    },
    /** Declared categories changed (an integration was edited): reload them. */
    refreshDeclared: () => serial(loadDeclared),
    stats: () => engine?.stats() ?? null,
  };
}

export type DetectionPipeline = ReturnType<typeof createDetectionPipeline>;
