import { randomUUID } from 'node:crypto';
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { DisclosureReportsTable } from '../../db/schema.disclosure.js';

export type ReportRow = Selectable<DisclosureReportsTable>;
export type NewReport = Omit<Insertable<DisclosureReportsTable>, 'number'>;

export interface ReportFilter {
  status?: string | undefined;
  /** Reports still open: not closed by a verdict or by disclosure. */
  open?: boolean;
}

/** Reports, their capability links and their event log. Only this file writes those tables. */
export function createReportStore(db: Executor) {
  return {
    /** Numbers are taken under the insert's own transaction, so two reports never share one. */
    async insert(report: NewReport, trx: Executor): Promise<ReportRow> {
      const last = await trx
        .selectFrom('disclosure_reports')
        .select((eb) => eb.fn.max('number').as('number'))
        .executeTakeFirst();
      const number = Number(last?.number ?? 0) + 1;
      return trx
        .insertInto('disclosure_reports')
        .values({ ...report, number })
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    /**
     * The report, locked until the transaction ends (a no-op update: the same row lock on
     * PostgreSQL and SQLite), so its thread and events are numbered one writer at a time.
     */
    async lock(id: string, trx: Executor): Promise<ReportRow | undefined> {
      await trx
        .updateTable('disclosure_reports')
        .set((eb) => ({ number: eb.ref('number') }))
        .where('id', '=', id)
        .execute();
      return trx
        .selectFrom('disclosure_reports')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
    },

    async find(id: string, trx: Executor = db): Promise<ReportRow | undefined> {
      return trx
        .selectFrom('disclosure_reports')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
    },

    async findMany(ids: string[], trx: Executor = db): Promise<ReportRow[]> {
      if (ids.length === 0) return [];
      return trx.selectFrom('disclosure_reports').selectAll().where('id', 'in', ids).execute();
    },

    async duplicatesOf(id: string, trx: Executor = db) {
      return trx
        .selectFrom('disclosure_reports')
        .select(['id', 'number'])
        .where('duplicate_of', '=', id)
        .orderBy('number')
        .execute();
    },

    async list(filter: ReportFilter, trx: Executor = db): Promise<ReportRow[]> {
      let query = trx.selectFrom('disclosure_reports').selectAll().orderBy('number', 'desc');
      if (filter.status) query = query.where('status', '=', filter.status);
      if (filter.open) query = query.where('closed_at', 'is', null);
      return query.execute();
    },

    async update(id: string, changes: Updateable<DisclosureReportsTable>, trx: Executor) {
      return trx
        .updateTable('disclosure_reports')
        .set(changes)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    async challengeUsed(challenge: string, trx: Executor = db): Promise<boolean> {
      const row = await trx
        .selectFrom('disclosure_reports')
        .select('id')
        .where('challenge', '=', challenge)
        .executeTakeFirst();
      return row !== undefined;
    },

    /** Numbered per report; the caller holds the report's lock. */
    async addEvent(
      event: { reportId: string; kind: string; detail: object; actor: string; at: string },
      trx: Executor,
    ): Promise<void> {
      const last = await trx
        .selectFrom('disclosure_report_events')
        .select((eb) => eb.fn.max('seq').as('seq'))
        .where('report_id', '=', event.reportId)
        .executeTakeFirst();
      await trx
        .insertInto('disclosure_report_events')
        .values({
          id: randomUUID(),
          report_id: event.reportId,
          seq: Number(last?.seq ?? 0) + 1,
          kind: event.kind,
          detail: JSON.stringify(event.detail),
          actor: event.actor,
          at: event.at,
        })
        .execute();
    },

    async events(reportId: string, trx: Executor = db) {
      return trx
        .selectFrom('disclosure_report_events')
        .select(['kind', 'detail', 'actor', 'at'])
        .where('report_id', '=', reportId)
        .orderBy('seq')
        .execute();
    },

    async insertLink(
      link: { tokenHash: string; reportId: string; createdAt: string; expiresAt: string },
      trx: Executor,
    ): Promise<void> {
      await trx
        .insertInto('disclosure_report_links')
        .values({
          token_hash: link.tokenHash,
          report_id: link.reportId,
          created_at: link.createdAt,
          expires_at: link.expiresAt,
          revoked_at: null,
          last_used_at: null,
        })
        .execute();
    },

    async revokeLinks(reportId: string, at: string, trx: Executor): Promise<number> {
      const result = await trx
        .updateTable('disclosure_report_links')
        .set({ revoked_at: at })
        .where('report_id', '=', reportId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    async findLink(tokenHash: string, trx: Executor = db) {
      return trx
        .selectFrom('disclosure_report_links')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
    },

    async links(reportId: string, trx: Executor = db) {
      return trx
        .selectFrom('disclosure_report_links')
        .select(['created_at', 'expires_at', 'revoked_at', 'last_used_at'])
        .where('report_id', '=', reportId)
        .orderBy('created_at')
        .execute();
    },

    /** At most once a minute per link, so reading the thread stays a read. */
    async touchLink(tokenHash: string, at: string, trx: Executor = db): Promise<void> {
      const minuteAgo = new Date(Date.parse(at) - 60_000).toISOString();
      await trx
        .updateTable('disclosure_report_links')
        .set({ last_used_at: at })
        .where('token_hash', '=', tokenHash)
        .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', minuteAgo)]))
        .execute();
    },

    /** Records an escalation once; false when it was already recorded. */
    async recordEscalation(
      entry: { reportId: string; clock: string; percent: number; at: string },
      trx: Executor = db,
    ): Promise<boolean> {
      const inserted = await trx
        .insertInto('disclosure_escalations')
        .values({
          report_id: entry.reportId,
          clock: entry.clock,
          percent: entry.percent,
          sent_at: entry.at,
        })
        .onConflict((oc) => oc.columns(['report_id', 'clock', 'percent']).doNothing())
        .returning('report_id')
        .executeTakeFirst();
      return inserted !== undefined;
    },

    async escalations(reportId: string, trx: Executor = db) {
      return trx
        .selectFrom('disclosure_escalations')
        .select(['clock', 'percent'])
        .where('report_id', '=', reportId)
        .execute();
    },
  };
}

export type ReportStore = ReturnType<typeof createReportStore>;
