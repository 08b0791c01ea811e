import type { SelectQueryBuilder } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import type { Integration, IntegrationInput } from '../../contracts/vendors.js';

/** An integration as stored: the contract shape plus its small ledger key. */
export interface StoredIntegration extends Integration {
  ledgerNo: number;
}

export function createIntegrationStore(db: Executor) {
  function baseQuery(trx: Executor) {
    return trx
      .selectFrom('integrations')
      .innerJoin('vendors', 'vendors.id', 'integrations.vendor_id')
      .selectAll('integrations')
      .select('vendors.legal_name as vendor_name');
  }

  type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

  function toIntegration(row: Row): StoredIntegration {
    return {
      id: row.id,
      vendorId: row.vendor_id,
      vendorName: row.vendor_name,
      ledgerNo: Number(row.ledger_no),
      name: row.name,
      kind: row.kind as Integration['kind'],
      environment: row.environment as Integration['environment'],
      endpoints: JSON.parse(row.endpoints) as string[],
      domains: JSON.parse(row.domains) as string[],
      declaredScopes: JSON.parse(row.declared_scopes) as string[],
      declaredCategories: JSON.parse(row.declared_categories) as string[],
      credentialsRef: row.credentials_ref,
      status: row.status as Integration['status'],
      owner: row.owner,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  function columns(input: IntegrationInput) {
    return {
      name: input.name,
      kind: input.kind,
      environment: input.environment,
      endpoints: JSON.stringify(input.endpoints),
      domains: JSON.stringify(input.domains),
      declared_scopes: JSON.stringify(input.declaredScopes),
      declared_categories: JSON.stringify(input.declaredCategories),
      credentials_ref: input.credentialsRef,
      status: input.status,
      owner: input.owner,
    };
  }

  return {
    /** Every integration, or one vendor's, ordered for pickers. */
    async list(filter: { vendorId?: string }, trx: Executor = db): Promise<StoredIntegration[]> {
      let query = baseQuery(trx);
      if (filter.vendorId) query = query.where('integrations.vendor_id', '=', filter.vendorId);
      const rows = await query
        .orderBy('vendors.legal_name')
        .orderBy('integrations.name')
        .orderBy('integrations.id')
        .execute();
      return rows.map(toIntegration);
    },

    /** Only under its own vendor: an id that belongs to another vendor finds nothing. */
    async find(
      vendorId: string,
      id: string,
      trx: Executor = db,
    ): Promise<StoredIntegration | undefined> {
      const row = await baseQuery(trx)
        .where('integrations.id', '=', id)
        .where('integrations.vendor_id', '=', vendorId)
        .executeTakeFirst();
      return row && toIntegration(row);
    },

    /**
     * Never reuses a number, even one whose integration was deleted with its vendor: the
     * ledger's rows carry no foreign key, and a reused number would inherit someone else's
     * history. (Each max reads one end of a primary-key index.)
     */
    async nextLedgerNo(trx: Executor = db): Promise<number> {
      const [integrations, ledger, daily] = await Promise.all([
        trx
          .selectFrom('integrations')
          .select((eb) => eb.fn.max('ledger_no').as('last'))
          .executeTakeFirst(),
        trx
          .selectFrom('sharing_ledger')
          .select((eb) => eb.fn.max('integration_no').as('last'))
          .executeTakeFirst(),
        trx
          .selectFrom('sharing_daily')
          .select((eb) => eb.fn.max('integration_no').as('last'))
          .executeTakeFirst(),
      ]);
      return Math.max(...[integrations, ledger, daily].map((row) => Number(row?.last ?? 0))) + 1;
    },

    async insert(
      record: { id: string; vendorId: string; ledgerNo: number; at: string },
      input: IntegrationInput,
      trx: Executor = db,
    ): Promise<void> {
      await trx
        .insertInto('integrations')
        .values({
          id: record.id,
          vendor_id: record.vendorId,
          ledger_no: record.ledgerNo,
          ...columns(input),
          created_at: record.at,
          updated_at: record.at,
        })
        .execute();
    },

    async update(id: string, input: IntegrationInput, at: string, trx: Executor = db) {
      await trx
        .updateTable('integrations')
        .set({ ...columns(input), updated_at: at })
        .where('id', '=', id)
        .execute();
    },

    async delete(id: string, trx: Executor = db): Promise<void> {
      await trx.deleteFrom('integrations').where('id', '=', id).execute();
    },

    /** Whether the sharing ledger holds (or has pending) any customer for this integration. */
    hasLedgerRows: (ledgerNo: number, trx: Executor = db) => anyLedgerRows(trx, [ledgerNo]),
  };
}

export type IntegrationStore = ReturnType<typeof createIntegrationStore>;

/**
 * Whether the sharing ledger holds any customer for these ledger numbers. Ingested rows may
 * still be pending their merge into the ledger (datamap README): they count too.
 */
export async function anyLedgerRows(
  trx: Executor,
  ledgerNos: number[] | SelectQueryBuilder<Database, 'integrations', { ledger_no: number }>,
): Promise<boolean> {
  for (const table of ['sharing_ledger', 'sharing_pending'] as const) {
    const row = await trx
      .selectFrom(table)
      .select('integration_no')
      .where('integration_no', 'in', ledgerNos)
      .limit(1)
      .executeTakeFirst();
    if (row) return true;
  }
  return false;
}
