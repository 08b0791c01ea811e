import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { DisclosureAdvisoriesTable } from '../../db/schema.disclosure.js';

export type AdvisoryRow = Selectable<DisclosureAdvisoriesTable>;

export function createAdvisoryStore(db: Executor) {
  return {
    async insert(row: Insertable<DisclosureAdvisoriesTable>, trx: Executor): Promise<void> {
      await trx.insertInto('disclosure_advisories').values(row).execute();
    },

    async find(id: string, trx: Executor = db): Promise<AdvisoryRow | undefined> {
      return trx
        .selectFrom('disclosure_advisories')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
    },

    async forReport(reportId: string, trx: Executor = db): Promise<AdvisoryRow | undefined> {
      return trx
        .selectFrom('disclosure_advisories')
        .selectAll()
        .where('report_id', '=', reportId)
        .executeTakeFirst();
    },

    async list(status: string | null, trx: Executor = db): Promise<AdvisoryRow[]> {
      let query = trx.selectFrom('disclosure_advisories').selectAll();
      if (status) query = query.where('status', '=', status);
      return query.orderBy('published_at', 'desc').orderBy('created_at', 'desc').execute();
    },

    /** The highest number after the prefix ("SHOPCO-2026-" → 7 for SHOPCO-2026-0007), or 0. */
    async lastNumber(prefix: string, trx: Executor): Promise<number> {
      const ids = await trx
        .selectFrom('disclosure_advisories')
        .select('id')
        .where('id', 'like', `${prefix}%`)
        .execute();
      return Math.max(0, ...ids.map((row) => Number(row.id.slice(prefix.length)) || 0));
    },

    async update(id: string, changes: Updateable<DisclosureAdvisoriesTable>, trx: Executor) {
      await trx.updateTable('disclosure_advisories').set(changes).where('id', '=', id).execute();
    },
  };
}

export type AdvisoryStore = ReturnType<typeof createAdvisoryStore>;
