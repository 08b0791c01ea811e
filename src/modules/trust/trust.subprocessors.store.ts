import type { Executor } from '../../db/database.js';
import type {
  TrustSubprocessorChangesTable,
  TrustSubprocessorsTable,
} from '../../db/schema.trust.js';
import type { Subprocessor, SubprocessorChange } from './trust.types.js';

export type SubprocessorRow = TrustSubprocessorsTable;
export type ChangeRow = TrustSubprocessorChangesTable;

export function toSubprocessor(row: SubprocessorRow): Subprocessor {
  return {
    id: row.id,
    vendorId: row.vendor_id,
    name: row.name,
    purpose: row.purpose,
    categories: JSON.parse(row.categories) as string[],
    location: row.location,
    state: row.state as Subprocessor['state'],
    goLiveOn: row.go_live_on,
    announcedAt: row.announced_at,
    liveSince: row.live_since,
    removedAt: row.removed_at,
  };
}

export function toChange(row: ChangeRow): SubprocessorChange {
  return {
    id: row.id,
    subprocessorId: row.subprocessor_id,
    name: row.name,
    kind: row.kind as SubprocessorChange['kind'],
    summary: row.summary,
    at: row.at,
  };
}

/** The published subprocessor list (one row per vendor, ever) and its append-only change log. */
export function createSubprocessorStore(db: Executor) {
  return {
    all: (trx: Executor = db) =>
      trx.selectFrom('trust_subprocessors').selectAll().orderBy('name').execute(),

    inState: (state: string, trx: Executor = db) =>
      trx
        .selectFrom('trust_subprocessors')
        .selectAll()
        .where('state', '=', state)
        .orderBy('name')
        .execute(),

    find: (id: string, trx: Executor = db) =>
      trx.selectFrom('trust_subprocessors').selectAll().where('id', '=', id).executeTakeFirst(),

    findByVendor: (vendorId: string, trx: Executor = db) =>
      trx
        .selectFrom('trust_subprocessors')
        .selectAll()
        .where('vendor_id', '=', vendorId)
        .executeTakeFirst(),

    /** Upcoming entries whose go-live date has come. */
    due: (today: string, trx: Executor = db) =>
      trx
        .selectFrom('trust_subprocessors')
        .selectAll()
        .where('state', '=', 'upcoming')
        .where('go_live_on', '<=', today)
        .execute(),

    async insert(row: SubprocessorRow, trx: Executor = db) {
      await trx.insertInto('trust_subprocessors').values(row).execute();
    },

    /** Applies only if the row is still in `from`, so a job and a person never both move it. */
    async move(
      id: string,
      from: string,
      patch: Partial<Omit<SubprocessorRow, 'id' | 'vendor_id' | 'created_at'>>,
      trx: Executor = db,
    ): Promise<boolean> {
      const result = await trx
        .updateTable('trust_subprocessors')
        .set(patch)
        .where('id', '=', id)
        .where('state', '=', from)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async logChange(row: ChangeRow, trx: Executor = db) {
      await trx.insertInto('trust_subprocessor_changes').values(row).execute();
    },

    changes: (limit: number, trx: Executor = db) =>
      trx
        .selectFrom('trust_subprocessor_changes')
        .selectAll()
        .orderBy('at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute(),

    findChange: (id: string, trx: Executor = db) =>
      trx
        .selectFrom('trust_subprocessor_changes')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst(),
  };
}

export type SubprocessorStore = ReturnType<typeof createSubprocessorStore>;
