import { selectInChunks } from '../../lib/chunks.js';
import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { CustomerImport, JurisdictionCount, RowError } from '../../contracts/datamap.js';

/** A customer as stored: PII sealed, jurisdiction in clear (it drives breach counts). */
export interface StoredCustomer {
  externalId: string;
  emailIndex: string | null;
  pii: string | null;
  country: string | null;
  region: string | null;
  locale: string | null;
  customerSince: string | null;
}

export interface StagedRow extends StoredCustomer {
  line: number;
}

const CHUNK = 500;

export function createCustomerStore(db: Executor) {
  const columns = [
    'external_id',
    'email_index',
    'pii',
    'country',
    'region',
    'locale',
    'customer_since',
  ] as const;

  function toRow(customer: StoredCustomer) {
    return {
      external_id: customer.externalId,
      email_index: customer.emailIndex,
      pii: customer.pii,
      country: customer.country,
      region: customer.region,
      locale: customer.locale,
      customer_since: customer.customerSince,
    };
  }

  const selectCustomer = (trx: Executor) =>
    trx.selectFrom('customers').select([...columns, 'updated_at', 'erased_at']);

  return {
    findByExternalId: (externalId: string, trx: Executor = db) =>
      selectCustomer(trx).where('external_id', '=', externalId).executeTakeFirst(),

    findByEmailIndex: (emailIndex: string, trx: Executor = db) =>
      selectCustomer(trx)
        .where('email_index', '=', emailIndex)
        .orderBy('updated_at', 'desc')
        .executeTakeFirst(),

    async upsert(customer: StoredCustomer, at: string, trx: Executor = db): Promise<void> {
      await trx
        .insertInto('customers')
        .values({ ...toRow(customer), updated_at: at, erased_at: null })
        .onConflict((oc) =>
          oc.column('external_id').doUpdateSet((eb) => ({
            ...Object.fromEntries(
              columns.filter((c) => c !== 'external_id').map((c) => [c, eb.ref(`excluded.${c}`)]),
            ),
            updated_at: at,
            erased_at: null,
          })),
        )
        .execute();
    },

    /** Erasure: the sealed PII and its index go; the id and jurisdiction stay as a tombstone. */
    async erase(externalId: string, at: string, trx: Executor = db): Promise<boolean> {
      const result = await trx
        .updateTable('customers')
        .set({
          pii: null,
          email_index: null,
          locale: null,
          customer_since: null,
          erased_at: at,
          updated_at: at,
        })
        .where('external_id', '=', externalId)
        .where('erased_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** What a letter needs of each of some customers; refs the directory lacks are left out. */
    async contactsOf(refs: readonly string[]) {
      return selectInChunks(refs, (chunk) =>
        db
          .selectFrom('customers')
          .select(['external_id', 'pii', 'email_index', 'locale', 'erased_at'])
          .where('external_id', 'in', chunk)
          .execute(),
      );
    },

    async summary(trx: Executor = db) {
      const [counts, byJurisdiction] = await Promise.all([
        trx
          .selectFrom('customers')
          .select((eb) => [
            eb.fn.countAll<number>().as('all'),
            eb.fn.count<number>('erased_at').as('erased'),
          ])
          .executeTakeFirstOrThrow(),
        trx
          .selectFrom('customers')
          .select(['country', 'region', (eb) => eb.fn.countAll<number>().as('customers')])
          .where('erased_at', 'is', null)
          .groupBy(['country', 'region'])
          .orderBy('customers', 'desc')
          .execute(),
      ]);
      return {
        total: Number(counts.all) - Number(counts.erased),
        erased: Number(counts.erased),
        byJurisdiction: byJurisdiction.map((row): JurisdictionCount => ({
          ...row,
          customers: Number(row.customers),
        })),
      };
    },

    // --- imports -------------------------------------------------------------------------

    async createImport(
      id: string,
      format: string,
      startedBy: string | null,
      at: string,
    ): Promise<void> {
      await db
        .insertInto('customer_imports')
        .values({
          id,
          format,
          status: 'running',
          rows_read: 0,
          rows_invalid: 0,
          errors: '[]',
          inserted: null,
          updated: null,
          started_by: startedBy,
          started_at: at,
          finished_at: null,
        })
        .execute();
    },

    async recordProgress(id: string, rowsRead: number, rowsInvalid: number): Promise<void> {
      await db
        .updateTable('customer_imports')
        .set({ rows_read: rowsRead, rows_invalid: rowsInvalid })
        .where('id', '=', id)
        .execute();
    },

    async finishImport(
      id: string,
      outcome: {
        status: CustomerImport['status'];
        rowsRead: number;
        rowsInvalid: number;
        errors: RowError[];
        inserted: number | null;
        updated: number | null;
      },
      at: string,
      trx: Executor = db,
    ): Promise<void> {
      await trx
        .updateTable('customer_imports')
        .set({
          status: outcome.status,
          rows_read: outcome.rowsRead,
          rows_invalid: outcome.rowsInvalid,
          errors: JSON.stringify(outcome.errors),
          inserted: outcome.inserted,
          updated: outcome.updated,
          finished_at: at,
        })
        .where('id', '=', id)
        .execute();
    },

    async listImports(limit: number, trx: Executor = db) {
      return trx
        .selectFrom('customer_imports')
        .selectAll()
        .orderBy('started_at', 'desc')
        .limit(limit)
        .execute();
    },

    async findImport(id: string, trx: Executor = db) {
      return trx.selectFrom('customer_imports').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async stageRows(importId: string, rows: StagedRow[]): Promise<void> {
      await db.transaction().execute(async (trx) => {
        for (let i = 0; i < rows.length; i += CHUNK) {
          await trx
            .insertInto('customer_import_rows')
            .values(
              rows
                .slice(i, i + CHUNK)
                .map((row) => ({ ...toRow(row), import_id: importId, line: row.line })),
            )
            .execute();
        }
      });
    },

    /** External ids that appear more than once in the file (grouped on the staging index). */
    async duplicates(importId: string, limit: number) {
      const rows = await db
        .selectFrom('customer_import_rows')
        .select((eb) => [
          'external_id',
          eb.fn.min<number>('line').as('first_line'),
          eb.fn.max<number>('line').as('last_line'),
          eb.fn.countAll<number>().as('occurrences'),
        ])
        .where('import_id', '=', importId)
        .groupBy('external_id')
        .having((eb) => eb.fn.countAll(), '>', 1)
        .orderBy('first_line')
        .limit(limit)
        .execute();
      return rows.map((row) => ({
        externalId: row.external_id,
        firstLine: Number(row.first_line),
        lastLine: Number(row.last_line),
        occurrences: Number(row.occurrences),
      }));
    },

    /** Moves a fully validated import into the directory with one statement. */
    async mergeImport(
      importId: string,
      at: string,
      trx: Executor,
    ): Promise<{ inserted: number; updated: number }> {
      const [{ staged }, { existing }] = await Promise.all([
        trx
          .selectFrom('customer_import_rows')
          .select((eb) => eb.fn.countAll<number>().as('staged'))
          .where('import_id', '=', importId)
          .executeTakeFirstOrThrow(),
        trx
          .selectFrom('customer_import_rows as r')
          .innerJoin('customers as c', 'c.external_id', 'r.external_id')
          .select((eb) => eb.fn.countAll<number>().as('existing'))
          .where('r.import_id', '=', importId)
          .executeTakeFirstOrThrow(),
      ]);
      await trx
        .insertInto('customers')
        .columns([...columns, 'updated_at', 'erased_at'])
        .expression(
          trx
            .selectFrom('customer_import_rows')
            .select([...columns, sql.val(at).as('updated_at'), sql.lit(null).as('erased_at')])
            .where('import_id', '=', importId),
        )
        .onConflict((oc) =>
          oc.column('external_id').doUpdateSet((eb) => ({
            ...Object.fromEntries(
              columns.filter((c) => c !== 'external_id').map((c) => [c, eb.ref(`excluded.${c}`)]),
            ),
            updated_at: at,
            erased_at: null,
          })),
        )
        .execute();
      return { inserted: Number(staged) - Number(existing), updated: Number(existing) };
    },

    async dropStaged(importId: string, trx: Executor = db): Promise<void> {
      await trx.deleteFrom('customer_import_rows').where('import_id', '=', importId).execute();
    },
  };
}

export type CustomerStore = ReturnType<typeof createCustomerStore>;
