import { sql, type Selectable } from 'kysely';
import type { Db, Executor } from '../../db/database.js';
import type {
  BreachCampaignsTable,
  BreachOutboxTable,
  BreachSuppressionsTable,
} from '../../db/schema.breach.js';
import { chunked, IN_LIST_CHUNK, selectInChunks } from '../../lib/chunks.js';

export type CampaignRow = Selectable<BreachCampaignsTable>;
export type OutboxRow = Selectable<BreachOutboxTable>;
export type SuppressionRow = Selectable<BreachSuppressionsTable>;
export type ClaimedRecipient = Pick<
  OutboxRow,
  'seq' | 'customer_ref' | 'categories' | 'attempts' | 'support_code'
>;

/**
 * Campaigns, their outbox and the suppression list. Every change of an outbox row's status
 * and the campaign's matching counter happen in one transaction, so the figures the team
 * sees always add up to the rows.
 */
export function createCampaignStore(database: Db) {
  const db = database.kysely;
  const dialect = database.dialect;

  return {
    async insert(row: CampaignRow, trx: Executor): Promise<void> {
      await trx.insertInto('breach_campaigns').values(row).execute();
    },

    async get(id: string, executor: Executor = db): Promise<CampaignRow | undefined> {
      return executor
        .selectFrom('breach_campaigns')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
    },

    async list(incidentId: string): Promise<CampaignRow[]> {
      return db
        .selectFrom('breach_campaigns')
        .selectAll()
        .where('incident_id', '=', incidentId)
        .orderBy('created_at', 'desc')
        .execute();
    },

    /** Moves a campaign on only from the statuses given: two commands at once cannot both win. */
    async transition(
      id: string,
      from: readonly string[],
      changes: Partial<CampaignRow> & { status: string },
      executor: Executor = db,
    ): Promise<boolean> {
      const result = await executor
        .updateTable('breach_campaigns')
        .set(changes)
        .where('id', '=', id)
        .where('status', 'in', from)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    /**
     * One page of the preparation: its recipients and the campaign's progress, together. The
     * progress is compared first, so a page written by an earlier run is never written twice.
     */
    async appendPage(
      campaign: Pick<CampaignRow, 'id' | 'examined'>,
      page: {
        examined: number;
        rows: Omit<OutboxRow, 'campaign_id'>[];
        suppressed: string;
        recipients: number;
      },
    ): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const moved = await trx
          .updateTable('breach_campaigns')
          .set({
            examined: page.examined,
            recipients: page.recipients,
            suppressed: page.suppressed,
          })
          .where('id', '=', campaign.id)
          .where('examined', '=', campaign.examined)
          .where('status', '=', 'preparing')
          .executeTakeFirst();
        if (moved.numUpdatedRows === 0n) return false;
        for (let start = 0; start < page.rows.length; start += 500)
          await trx
            .insertInto('breach_outbox')
            .values(
              page.rows
                .slice(start, start + 500)
                .map((row) => ({ ...row, campaign_id: campaign.id })),
            )
            .execute();
        return true;
      });
    },

    /** Puts back what a run that ended without recording left "sending" (its letters may be out). */
    async requeueSending(campaignId: string): Promise<number> {
      const result = await db
        .updateTable('breach_outbox')
        .set({ status: 'queued' })
        .where('campaign_id', '=', campaignId)
        .where('status', '=', 'sending')
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    /** The next queued recipients, in order, marked as being sent. */
    async claim(campaignId: string, limit: number): Promise<ClaimedRecipient[]> {
      return db
        .updateTable('breach_outbox')
        .set((eb) => ({ status: 'sending', attempts: eb('attempts', '+', 1) }))
        .where('campaign_id', '=', campaignId)
        .where('seq', 'in', (eb) => {
          const next = eb
            .selectFrom('breach_outbox')
            .select('seq')
            .where('campaign_id', '=', campaignId)
            .where('status', '=', 'queued')
            .orderBy('seq')
            .limit(limit);
          return dialect === 'postgres' ? next.forUpdate().skipLocked() : next;
        })
        .returning(['seq', 'customer_ref', 'categories', 'attempts', 'support_code'])
        .execute()
        .then((rows) => rows.sort((a, b) => Number(a.seq) - Number(b.seq)));
    },

    /**
     * Records what a run learned, in one transaction with the campaign's counters: letters the
     * server accepted, letters that will never go (with why), and letters to try again.
     */
    async record(
      campaignId: string,
      outcome: {
        /** When the server accepted the letters being recorded (within a flush interval). */
        at: string;
        sent: number[];
        failed: { seq: number; reason: string; error: string }[];
        retry: number[];
      },
    ): Promise<void> {
      await db.transaction().execute(async (trx) => {
        let sent = 0;
        for (const chunk of chunked(outcome.sent, IN_LIST_CHUNK)) {
          const result = await trx
            .updateTable('breach_outbox')
            .set({ status: 'sent', sent_at: outcome.at, error: null })
            .where('campaign_id', '=', campaignId)
            .where('status', '=', 'sending')
            .where('seq', 'in', chunk)
            .executeTakeFirst();
          sent += Number(result.numUpdatedRows);
        }
        let failed = 0;
        for (const item of outcome.failed) {
          const result = await trx
            .updateTable('breach_outbox')
            .set({ status: 'failed', reason: item.reason, error: item.error })
            .where('campaign_id', '=', campaignId)
            .where('status', '=', 'sending')
            .where('seq', '=', item.seq)
            .executeTakeFirst();
          failed += Number(result.numUpdatedRows);
        }
        if (outcome.retry.length)
          await trx
            .updateTable('breach_outbox')
            .set({ status: 'queued' })
            .where('campaign_id', '=', campaignId)
            .where('status', '=', 'sending')
            .where('seq', 'in', outcome.retry)
            .execute();
        if (sent + failed > 0)
          await trx
            .updateTable('breach_campaigns')
            .set({ sent: sql`sent + ${sent}`, failed: sql`failed + ${failed}` })
            .where('id', '=', campaignId)
            .execute();
      });
    },

    /**
     * Gives the next letters still without a code one each, in order, with the campaign's
     * count; `seal` binds each code to its row. Returns how many were assigned.
     */
    async assignCodes(
      campaignId: string,
      codes: readonly string[],
      seal: (seq: number, code: string) => string,
      trx: Executor,
    ): Promise<number> {
      const rows = await trx
        .selectFrom('breach_outbox')
        .select('seq')
        .where('campaign_id', '=', campaignId)
        .where('status', '=', 'queued')
        .where('support_code', 'is', null)
        .orderBy('seq')
        .limit(codes.length)
        .execute();
      for (const [i, row] of rows.entries())
        await trx
          .updateTable('breach_outbox')
          .set({ support_code: seal(Number(row.seq), codes[i]!) })
          .where('campaign_id', '=', campaignId)
          .where('seq', '=', row.seq)
          .execute();
      await trx
        .updateTable('breach_campaigns')
        .set({ codes: sql`codes + ${rows.length}` })
        .where('id', '=', campaignId)
        .execute();
      return rows.length;
    },

    /** Letters not yet out: queued, or claimed by a run and not recorded. */
    async remaining(campaignId: string, executor: Executor = db): Promise<number> {
      const row = await executor
        .selectFrom('breach_outbox')
        .select((eb) => eb.fn.countAll<number | string>().as('count'))
        .where('campaign_id', '=', campaignId)
        .where('status', 'in', ['queued', 'sending'])
        .executeTakeFirstOrThrow();
      return Number(row.count);
    },

    async recipients(
      campaignId: string,
      query: { status?: string | undefined; after: number; limit: number },
    ): Promise<OutboxRow[]> {
      let select = db
        .selectFrom('breach_outbox')
        .selectAll()
        .where('campaign_id', '=', campaignId)
        .where('seq', '>', query.after);
      if (query.status) select = select.where('status', '=', query.status);
      return select.orderBy('seq').limit(query.limit).execute();
    },

    async suppressions(): Promise<SuppressionRow[]> {
      return db.selectFrom('breach_suppressions').selectAll().orderBy('added_at', 'desc').execute();
    },

    /** Which of some keyed email hashes are on the list. */
    async suppressed(indexes: readonly string[]): Promise<Set<string>> {
      const rows = await selectInChunks(indexes, (chunk) =>
        db
          .selectFrom('breach_suppressions')
          .select('email_index')
          .where('email_index', 'in', chunk)
          .execute(),
      );
      return new Set(rows.map((row) => row.email_index));
    },

    async suppress(row: SuppressionRow, trx: Executor): Promise<boolean> {
      const inserted = await trx
        .insertInto('breach_suppressions')
        .values(row)
        .onConflict((oc) => oc.column('email_index').doNothing())
        .returning('email_index')
        .executeTakeFirst();
      return inserted !== undefined;
    },

    async unsuppress(emailIndex: string, trx: Executor): Promise<boolean> {
      const result = await trx
        .deleteFrom('breach_suppressions')
        .where('email_index', '=', emailIndex)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
  };
}

export type CampaignStore = ReturnType<typeof createCampaignStore>;
