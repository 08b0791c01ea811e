import type { EventLine, IngestResult } from '../../contracts/detection.js';
import { RateLimited } from '../../lib/errors.js';
import { authorize, type CallContext } from '../../lib/principal.js';
import type { DetectionDeps } from './detection.deps.js';
import { identityOf, type DeclaredScopes, type EventStore } from './detection.events.store.js';
import {
  parseEventBatch,
  parseEventValues,
  seriesOf,
  type BatchContext,
  type ParsedBatch,
} from './detection.ingest.js';
import type { DetectionPipeline } from './detection.pipeline.js';
import { ACCESS } from './detection.access.js';

/** A response lists at most this many bad lines; the count is always complete. */
const MAX_REPORTED_ISSUES = 100;
/**
 * Batches being written at once. The database takes one writer at a time, so more in flight
 * only queue in memory; past this the caller is told to come back (429 with Retry-After),
 * which is the backpressure a log shipper understands.
 */
const MAX_IN_FLIGHT = 4;

/**
 * Event ingest. At-least-once delivery is safe: each event's key is stored with it, and an
 * event already stored is counted as a duplicate, not again. Events are committed before the
 * detectors see them, so an acknowledged event is never lost to a crash; the pipeline replays
 * recent events when it starts.
 */
export function createIngestService(
  deps: Pick<DetectionDeps, 'db' | 'clock' | 'audit'> & {
    events: EventStore;
    pipeline: DetectionPipeline;
    accountKey: () => Promise<Buffer>;
  },
) {
  let inFlight = 0;

  /** Stores what is new of a validated batch and runs it through the detectors. */
  function record(
    ctx: CallContext,
    { accepted, issues }: ParsedBatch,
    declared: DeclaredScopes,
  ): Promise<IngestResult> {
    const items = [...new Map(accepted.map((item) => [identityOf(item.row), item])).values()];
    return deps.pipeline.process(
      () =>
        deps.db.kysely.transaction().execute(async (trx) => {
          const isNew = await deps.events.insertNew(
            items.map((item) => item.row),
            trx,
          );
          const fresh = items.filter((_, n) => isNew[n]).map((item) => item.event);
          await deps.events.addSeries(seriesOf(fresh), trx);
          const totals = {
            accepted: fresh.length,
            duplicates: accepted.length - fresh.length,
            rejected: issues.length,
          };
          // One audit event per batch, not per event: who reported how much, and when.
          await deps.audit.record(ctx, { action: 'detection.events.ingest', details: totals }, trx);
          return {
            fresh,
            seq: await deps.events.maxSeq(trx),
            result: { ...totals, errors: issues.slice(0, MAX_REPORTED_ISSUES) },
          };
        }),
      declared,
    );
  }

  async function batchContext(): Promise<BatchContext> {
    return {
      accountKey: await deps.accountKey(),
      integrations: await deps.events.integrations(),
      now: deps.clock.now().getTime(),
    };
  }

  /** Parses and records one batch, or refuses it while MAX_IN_FLIGHT are being written. */
  async function run(
    ctx: CallContext,
    parse: (context: BatchContext) => ParsedBatch,
  ): Promise<IngestResult> {
    authorize(ctx, ACCESS.ingest);
    if (inFlight >= MAX_IN_FLIGHT)
      throw new RateLimited(1, 'Ingest is busy with other batches; retry after the given delay');
    inFlight++;
    try {
      const context = await batchContext();
      return await record(ctx, parse(context), context.integrations);
    } finally {
      inFlight--;
    }
  }

  return {
    /** Ingests one NDJSON batch; bad lines are reported and the rest recorded. */
    ingest: (ctx: CallContext, text: string): Promise<IngestResult> =>
      run(ctx, (context) => parseEventBatch(text, context)),

    /** The same for event objects built in this process (`cordon ingest`), each with an id. */
    ingestLines: (ctx: CallContext, lines: readonly EventLine[]): Promise<IngestResult> =>
      run(ctx, (context) => parseEventValues(lines, context)),
  };
}
