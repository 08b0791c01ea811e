import { randomUUID } from 'node:crypto';
import type { SharingIngestResult } from '../../contracts/datamap.js';
import type { DailyRow, LedgerRow } from './datamap.ledger.store.js';
import { BadRequest, NotFound, RowsRejected } from '../../lib/errors.js';
import { authorize, type CallContext } from '../../lib/principal.js';
import type { CategoryService } from './datamap.categories.service.js';
import type { DatamapDeps } from './datamap.deps.js';
import { aggregateEvents } from './datamap.ledger.aggregate.js';
import {
  parseSharingBatch,
  type LedgerEvent,
  type LedgerIntegration,
} from './datamap.ledger.parse.js';
import { createLedgerStore } from './datamap.ledger.store.js';

/** A refused batch lists at most this many bad lines; the total is always given. */
const MAX_REPORTED_ISSUES = 1000;

/**
 * Pending rows this process appends before it settles them into the ledger. Larger merges
 * touch each ledger page for more rows (a settle rewrites at most every page once); smaller
 * ones bound how long the batch that triggers one, or a read that finds rows pending, waits.
 */
export const SETTLE_AFTER_ROWS = 200_000;

/**
 * Ingest of what the shop actually sent to each integration. At-least-once delivery is safe:
 * an event id counts once per integration, however often it is redelivered.
 */
export function createLedgerService({
  db,
  clock,
  audit,
  categories,
  settleAfterRows = SETTLE_AFTER_ROWS,
}: DatamapDeps & { categories: Pick<CategoryService, 'index'>; settleAfterRows?: number }) {
  const store = createLedgerStore(db);
  // Only a trigger: other processes append too, and every reader settles first anyway.
  let appendedSinceSettle = 0;

  async function settle(): Promise<void> {
    appendedSinceSettle = 0;
    if (await store.hasPending()) await store.settle();
  }

  async function integrationsById(index: Awaited<ReturnType<CategoryService['index']>>) {
    const rows = await store.integrations();
    return new Map<string, LedgerIntegration>(
      rows.map((row) => [
        row.id,
        {
          id: row.id,
          ledgerNo: row.ledger_no,
          declaredMask: index.maskOf(JSON.parse(row.declared_categories) as string[]).mask,
        },
      ]),
    );
  }

  return {
    async ingest(
      ctx: CallContext,
      text: string,
      options: { partial: boolean },
    ): Promise<SharingIngestResult> {
      authorize(ctx, { role: 'analyst', scope: 'ingest' });
      const index = await categories.index();
      const now = clock.now();
      const batch = parseSharingBatch(text, {
        integrations: await integrationsById(index),
        categories: index,
        nowSeconds: Math.floor(now.getTime() / 1000),
      });
      const errors = batch.issues.slice(0, MAX_REPORTED_ISSUES);
      if (batch.issues.length > 0 && !options.partial) {
        throw new RowsRejected(
          `${batch.issues.length} of ${batch.lines} events are not valid; nothing was recorded (send ?partial=true to record the valid ones)`,
          errors,
          batch.issues.length,
        );
      }
      const unique = new Map<string, LedgerEvent>();
      for (const event of batch.events)
        if (!unique.has(event.digest)) unique.set(event.digest, event);

      const accepted = await db.kysely.transaction().execute(async (trx) => {
        // In key order, so inserts walk the B-tree forwards instead of jumping around it.
        const fresh = await store.claimDigests(
          [...unique.keys()].sort(),
          Math.floor(now.getTime() / 1000),
          trx,
        );
        const counted = [...unique.values()].filter((event) => fresh.has(event.digest));
        const rows = aggregateEvents(counted, index, randomUUID);
        await store.appendPending(rows.ledger, trx);
        appendedSinceSettle += rows.ledger.length;
        await store.upsertDaily(rows.daily, trx);
        await store.upsertAlerts(rows.alerts, now.toISOString(), trx);
        // One event per batch (not per sharing event): who reported how much, and when.
        await audit.record(
          ctx,
          {
            action: 'datamap.sharing.ingest',
            details: {
              accepted: counted.length,
              duplicates: batch.events.length - counted.length,
              rejected: batch.issues.length,
              alerts: rows.alerts.length,
            },
          },
          trx,
        );
        return counted.length;
      });
      if (appendedSinceSettle >= settleAfterRows) await settle();
      return {
        accepted,
        duplicates: batch.events.length - accepted,
        rejected: batch.issues.length,
        errors,
      };
    },

    /**
     * Merges what ingest has queued into the ledger. Every read of the ledger calls this first,
     * so what an ingest call acknowledged is always counted; it writes nothing when nothing is
     * pending. Not audited: it changes how rows are stored, not what the ledger says.
     */
    settle,

    /**
     * Loads already-aggregated history, merged like live events (so loading twice doubles the
     * counts: callers load once). Admin only; each chunk commits on its own, and the whole load
     * is audited once at the end with its row count.
     */
    async loadHistory(ctx: CallContext, history: LedgerHistory): Promise<number> {
      authorize(ctx, { role: 'admin', scope: 'admin' });
      const index = await categories.index();
      const integration = (await integrationsById(index)).get(history.integrationId);
      if (!integration) throw new NotFound('Integration', history.integrationId);
      const ledgerNo = integration.ledgerNo;
      const maskOf = (keys: string[]) => {
        const { mask, unknown } = index.maskOf(keys);
        if (unknown.length > 0)
          throw new BadRequest(`Unknown data categories: ${unknown.join(', ')}`);
        return mask;
      };
      let loaded = 0;
      for await (const chunk of history.rows) {
        const rows = chunk.map(({ categories: keys, ...row }) => ({
          ...row,
          ledgerNo,
          mask: maskOf(keys),
        }));
        await db.kysely.transaction().execute((trx) => store.upsertLedger(rows, trx));
        loaded += rows.length;
      }
      const daily = history.daily.map(({ categories: keys, ...day }) => ({
        ...day,
        ledgerNo,
        mask: maskOf(keys),
      }));
      await db.kysely.transaction().execute(async (trx) => {
        await store.upsertDaily(daily, trx);
        await audit.record(
          ctx,
          {
            action: 'datamap.ledger.load-history',
            objectType: 'integration',
            objectId: history.integrationId,
            details: { rows: loaded, days: daily.length },
          },
          trx,
        );
      });
      return loaded;
    },
  };
}

/** Aggregated history from before Cordon (a warehouse export, or the demo's generator). */
export interface LedgerHistory {
  integrationId: string;
  /** Chunks of rows, one per customer: categories as keys, instants as epoch seconds. */
  rows: AsyncIterable<HistoryRow[]>;
  daily: (Omit<DailyRow, 'ledgerNo' | 'mask'> & { categories: string[] })[];
}

export type HistoryRow = Omit<LedgerRow, 'ledgerNo' | 'mask'> & { categories: string[] };

export type LedgerService = ReturnType<typeof createLedgerService>;
