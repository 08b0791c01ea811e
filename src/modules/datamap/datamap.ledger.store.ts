import { sql } from 'kysely';
import type Sqlite from 'better-sqlite3';
import type { Db, Executor } from '../../db/database.js';

/** One aggregate row: what an integration has received about one customer, ever. */
export interface LedgerRow {
  ledgerNo: number;
  customer: string;
  mask: number;
  firstAt: number;
  lastAt: number;
  events: number;
  records: number;
}

export interface DailyRow {
  ledgerNo: number;
  day: string;
  events: number;
  records: number;
  mask: number;
}

export interface AlertRow {
  id: string;
  integrationId: string;
  category: string;
  events: number;
  firstSeenAt: string;
  lastSeenAt: string;
}

/** Rows per multi-row statement: well under SQLite's 32,766 bound parameters. */
const CHUNK = 500;

function* chunks<T>(items: readonly T[]): Generator<T[]> {
  for (let i = 0; i < items.length; i += CHUNK) yield items.slice(i, i + CHUNK);
}

/**
 * The sharing ledger. Ingest appends to `sharing_pending`; `settle` merges those rows into the
 * ledger in one key-ordered pass. Merges happen in SQL, so concurrent batches for the same
 * customer add up instead of overwriting each other. SQLite's two-argument min/max are
 * PostgreSQL's least/greatest.
 */
export function createLedgerStore(database: Db) {
  const db = database.kysely;
  const least = database.dialect === 'postgres' ? 'least' : 'min';
  const greatest = database.dialect === 'postgres' ? 'greatest' : 'max';
  const fast = database.sqlite ? createSqliteFastPath(database.sqlite) : null;
  const merge = <T extends number | string>(table: string, column: string, fn: string) =>
    sql<T>`${sql.raw(fn)}(${sql.ref(`${table}.${column}`)}, excluded.${sql.ref(column)})`;
  const add = (table: string, column: string) =>
    sql<number>`${sql.ref(`${table}.${column}`)} + excluded.${sql.ref(column)}`;
  const or = (table: string, column: string) =>
    sql<number>`${sql.ref(`${table}.${column}`)} | excluded.${sql.ref(column)}`;

  return {
    async integrations(trx: Executor = db) {
      return trx
        .selectFrom('integrations')
        .select(['id', 'ledger_no', 'declared_categories'])
        .execute();
    },

    /** Distinct customers and the category masks seen, across some integrations. */
    async reach(integrationIds: readonly string[]) {
      const numbers = db
        .selectFrom('integrations')
        .select('ledger_no')
        .where('id', 'in', integrationIds);
      const [count, days] = await Promise.all([
        db
          .selectFrom('sharing_ledger')
          .select((eb) => eb.fn.count<number>('customer_ref').distinct().as('customers'))
          .where('integration_no', 'in', numbers)
          .executeTakeFirstOrThrow(),
        db
          .selectFrom('sharing_daily')
          .select('categories')
          .distinct()
          .where('integration_no', 'in', numbers)
          .execute(),
      ]);
      return {
        customers: Number(count.customers),
        masks: days.map((day) => Number(day.categories)),
      };
    },

    /** Records digests not seen before and returns exactly those: the events to count. */
    async claimDigests(digests: string[], seenAt: number, trx: Executor): Promise<Set<string>> {
      if (fast) return fast.claimDigests(digests, seenAt);
      const fresh = new Set<string>();
      for (const chunk of chunks(digests)) {
        const rows = await trx
          .insertInto('sharing_event_keys')
          .values(chunk.map((digest) => ({ digest, seen_at: seenAt })))
          .onConflict((oc) => oc.column('digest').doNothing())
          .returning('digest')
          .execute();
        for (const row of rows) fresh.add(row.digest);
      }
      return fresh;
    },

    /** Queues a batch's aggregate rows for the next settle. */
    async appendPending(rows: LedgerRow[], trx: Executor): Promise<void> {
      if (fast) return fast.appendPending(rows);
      for (const chunk of chunks(rows))
        await trx.insertInto('sharing_pending').values(chunk.map(toColumns)).execute();
    },

    async hasPending(): Promise<boolean> {
      const row = await db
        .selectFrom('sharing_pending')
        .select('integration_no')
        .limit(1)
        .execute();
      return row.length > 0;
    },

    /**
     * Moves every pending row into the ledger, in its own transaction. On PostgreSQL the rows
     * are taken with DELETE … RETURNING, so two concurrent settles never merge a row twice; on
     * SQLite the insert takes the write lock before it reads, which serialises them.
     */
    async settle(): Promise<number> {
      const columns = sql.raw(LEDGER_COLUMNS);
      const onConflict = sql.raw(mergeOnConflict(least, greatest));
      if (database.dialect === 'postgres') {
        const result = await sql`with moved as (delete from sharing_pending returning *)
          insert into sharing_ledger (${columns})
          select integration_no, customer_ref, bit_or(categories), min(first_at), max(last_at),
            sum(events), sum(records)
          from moved group by integration_no, customer_ref
          -- Key order: concurrent merges into the ledger then lock its rows in the same order.
          order by integration_no, customer_ref ${onConflict}`.execute(db);
        return Number(result.numAffectedRows ?? 0);
      }
      // SQLite applies the upsert row by row, so a customer pending in several batches needs no
      // GROUP BY; "where true" keeps ON CONFLICT from parsing as a join constraint.
      return db.transaction().execute(async (trx) => {
        const result = await sql`insert into sharing_ledger (${columns})
          select ${columns} from sharing_pending where true
          order by integration_no, customer_ref ${onConflict}`.execute(trx);
        await trx.deleteFrom('sharing_pending').execute();
        return Number(result.numAffectedRows ?? 0);
      });
    },

    /** Merges rows straight into the ledger (history loads, which arrive already aggregated). */
    async upsertLedger(rows: LedgerRow[], trx: Executor): Promise<void> {
      if (fast) return fast.upsertLedger(rows);
      for (const chunk of chunks(rows)) {
        await trx
          .insertInto('sharing_ledger')
          .values(chunk.map(toColumns))
          .modifyEnd(sql.raw(mergeOnConflict(least, greatest)))
          .execute();
      }
    },

    async upsertDaily(rows: DailyRow[], trx: Executor): Promise<void> {
      const t = 'sharing_daily';
      for (const chunk of chunks(rows)) {
        await trx
          .insertInto(t)
          .values(
            chunk.map((row) => ({
              integration_no: row.ledgerNo,
              day: row.day,
              events: row.events,
              records: row.records,
              categories: row.mask,
            })),
          )
          .onConflict((oc) =>
            oc.columns(['integration_no', 'day']).doUpdateSet({
              events: add(t, 'events'),
              records: add(t, 'records'),
              categories: or(t, 'categories'),
            }),
          )
          .execute();
      }
    },

    /** One alert per (integration, undeclared category): later sightings add to its count. */
    async upsertAlerts(rows: AlertRow[], createdAt: string, trx: Executor): Promise<void> {
      const t = 'sharing_alerts';
      for (const chunk of chunks(rows)) {
        await trx
          .insertInto(t)
          .values(
            chunk.map((row) => ({
              id: row.id,
              integration_id: row.integrationId,
              kind: 'undeclared_category',
              category: row.category,
              status: 'open',
              events: row.events,
              first_seen_at: row.firstSeenAt,
              last_seen_at: row.lastSeenAt,
              created_at: createdAt,
            })),
          )
          .onConflict((oc) =>
            oc.columns(['integration_id', 'kind', 'category']).doUpdateSet({
              events: add(t, 'events'),
              first_seen_at: merge<string>(t, 'first_seen_at', least),
              last_seen_at: merge<string>(t, 'last_seen_at', greatest),
            }),
          )
          .execute();
      }
    },
  };
}

export type LedgerStore = ReturnType<typeof createLedgerStore>;

const LEDGER_COLUMNS =
  'integration_no, customer_ref, categories, first_at, last_at, events, records';

/** How an incoming aggregate row merges into the one the ledger already holds. */
function mergeOnConflict(least: string, greatest: string): string {
  return `on conflict (integration_no, customer_ref) do update set
    categories = sharing_ledger.categories | excluded.categories,
    first_at = ${least}(sharing_ledger.first_at, excluded.first_at),
    last_at = ${greatest}(sharing_ledger.last_at, excluded.last_at),
    events = sharing_ledger.events + excluded.events,
    records = sharing_ledger.records + excluded.records`;
}

function toColumns(row: LedgerRow) {
  return {
    integration_no: row.ledgerNo,
    customer_ref: row.customer,
    categories: row.mask,
    first_at: row.firstAt,
    last_at: row.lastAt,
    events: row.events,
    records: row.records,
  };
}

/**
 * On embedded SQLite the ingest hot path runs prepared single-row statements on the raw handle:
 * inside the caller's Kysely transaction (SQLite has one connection), and about twice as fast
 * as building multi-row statements, which is what the 50,000 events/s budget needs.
 */
function createSqliteFastPath(sqlite: Sqlite.Database) {
  const claim = sqlite.prepare(
    'insert into sharing_event_keys (digest, seen_at) values (?, ?) on conflict do nothing',
  );
  const upsert = sqlite.prepare(
    `insert into sharing_ledger (${LEDGER_COLUMNS}) values (?, ?, ?, ?, ?, ?, ?)
     ${mergeOnConflict('min', 'max')}`,
  );
  const append = sqlite.prepare(
    `insert into sharing_pending (${LEDGER_COLUMNS}) values (?, ?, ?, ?, ?, ?, ?)`,
  );
  return {
    claimDigests(digests: string[], seenAt: number): Set<string> {
      const fresh = new Set<string>();
      for (const digest of digests) if (claim.run(digest, seenAt).changes === 1) fresh.add(digest);
      return fresh;
    },
    upsertLedger(rows: LedgerRow[]): void {
      for (const r of rows)
        upsert.run(r.ledgerNo, r.customer, r.mask, r.firstAt, r.lastAt, r.events, r.records);
    },
    appendPending(rows: LedgerRow[]): void {
      for (const r of rows)
        append.run(r.ledgerNo, r.customer, r.mask, r.firstAt, r.lastAt, r.events, r.records);
    },
  };
}
