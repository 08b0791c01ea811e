import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { ExposureFindingsTable } from '../../db/schema.exposure.js';
import type { FindingQuery } from '../../contracts/exposure.js';
import { type FindingRow } from './exposure.types.js';
import { chunked, IN_LIST_CHUNK, selectInChunks } from '../../lib/chunks.js';

/** A finding row with what lists show beside it. */
export type ListedFindingRow = FindingRow & {
  vendor_name: string;
  summary: string | null;
  kev_date_added: string | null;
  kev_due_date: string | null;
  kev_ransomware: string | null;
};

export function createFindingStore(db: Executor) {
  function listed(trx: Executor) {
    return trx
      .selectFrom('exposure_findings as f')
      .innerJoin('vendors as v', 'v.id', 'f.vendor_id')
      .innerJoin('exposure_advisories as a', 'a.key', 'f.advisory_key')
      .leftJoin('exposure_kev as k', 'k.cve_id', 'f.kev_cve')
      .selectAll('f')
      .select([
        'v.legal_name as vendor_name',
        'a.summary',
        'k.date_added as kev_date_added',
        'k.due_date as kev_due_date',
        'k.ransomware as kev_ransomware',
      ]);
  }

  return {
    async forScope(scopeKey: string, origin: string, trx: Executor = db): Promise<FindingRow[]> {
      return trx
        .selectFrom('exposure_findings')
        .selectAll()
        .where('scope_key', '=', scopeKey)
        .where('origin', '=', origin)
        .execute();
    },

    async forAdvisories(keys: readonly string[], trx: Executor = db): Promise<FindingRow[]> {
      return selectInChunks(keys, (chunk) =>
        trx
          .selectFrom('exposure_findings')
          .selectAll()
          .where('advisory_key', 'in', chunk)
          .execute(),
      );
    },

    async insert(rows: readonly Insertable<ExposureFindingsTable>[], trx: Executor): Promise<void> {
      // 31 columns a row: 800 rows stay under SQLite's 32,766 bound parameters.
      for (const chunk of chunked(rows, 800))
        await trx.insertInto('exposure_findings').values(chunk).execute();
    },

    async update(id: string, changes: Updateable<ExposureFindingsTable>, trx: Executor) {
      await trx.updateTable('exposure_findings').set(changes).where('id', '=', id).execute();
    },

    async touch(ids: readonly string[], now: string, trx: Executor): Promise<void> {
      for (const chunk of chunked(ids, IN_LIST_CHUNK))
        await trx
          .updateTable('exposure_findings')
          .set({ last_seen_at: now })
          .where('id', 'in', chunk)
          .execute();
    },

    async get(id: string, trx: Executor = db): Promise<ListedFindingRow | undefined> {
      return listed(trx).where('f.id', '=', id).executeTakeFirst();
    },

    async list(query: FindingQuery, trx: Executor = db) {
      let base = trx.selectFrom('exposure_findings as f');
      if (query.vendorId) base = base.where('f.vendor_id', '=', query.vendorId);
      if (query.status) base = base.where('f.status', '=', query.status);
      if (query.severity) base = base.where('f.severity_rating', '=', query.severity);
      if (query.knownExploited !== undefined)
        base = base.where('f.known_exploited', '=', query.knownExploited ? 1 : 0);
      const ids = base.select('f.id');
      const [items, total] = await Promise.all([
        listed(trx)
          .where('f.id', 'in', ids)
          // Known-exploited first, then by score, then the oldest: what to fix first.
          .orderBy('f.known_exploited', 'desc')
          .orderBy('f.severity_score', (ob) => ob.desc().nullsLast())
          .orderBy('f.first_seen_at')
          .orderBy('f.id')
          .limit(query.limit)
          .offset(query.offset)
          .execute(),
        base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items, total: Number(total.n) };
    },

    /** Accepted risks past their date are open again; returns how many. */
    async reopenExpired(today: string, now: string, trx: Executor = db): Promise<number> {
      const result = await trx
        .updateTable('exposure_findings')
        .set({
          status: 'open',
          status_reason: 'risk acceptance expired',
          status_by: 'system',
          accepted_until: null,
          updated_at: now,
        })
        .where('status', '=', 'risk_accepted')
        .where('accepted_until', '<', today)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    async openCount(vendorId: string, trx: Executor = db): Promise<number> {
      const row = await trx
        .selectFrom('exposure_findings')
        .where('vendor_id', '=', vendorId)
        .where('status', '=', 'open')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async revision(trx: Executor = db): Promise<string> {
      const row = await trx
        .selectFrom('exposure_findings')
        .select((eb) => [eb.fn.max('updated_at').as('last'), eb.fn.countAll<number>().as('n')])
        .executeTakeFirstOrThrow();
      return `${String(row.last)}|${Number(row.n)}`;
    },
  };
}

export type FindingStore = ReturnType<typeof createFindingStore>;
