import type Sqlite from 'better-sqlite3';
import { sql, type Insertable, type Selectable } from 'kysely';
import type { Db, Executor } from '../../db/database.js';
import type { DetectionEventsTable, DetectionSeriesTable } from '../../db/schema.detection.js';
import type { DetectionEvent } from './detection.events.js';
import { chunked } from '../../lib/chunks.js';

export type EventRow = Omit<Insertable<DetectionEventsTable>, 'seq'>;
const COLUMNS = [
  'event_key',
  'type',
  'at',
  'stream',
  'account_hash',
  'ip',
  'user_agent',
  'outcome',
  'country',
  'asn',
  'integration_id',
  'key_id',
  'endpoint',
  'records',
  'bytes',
  'categories',
  'method',
  'path',
  'status',
  'received_at',
] as const;
/** PostgreSQL binds at most 65,535 parameters per statement. */
const ROWS_PER_INSERT = Math.floor(65_000 / COLUMNS.length);

/** Each known integration's id, with the data categories it declared it receives. */
export type DeclaredScopes = ReadonlyMap<string, ReadonlySet<string>>;

/** A 5-minute total of one series: a login stream or one vendor API key. */
export type SeriesRow = Selectable<DetectionSeriesTable>;

/** Stored events and the 5-minute series derived from them. */
export function createEventStore(database: Db) {
  const db = database.kysely;
  const fast = database.sqlite ? createSqliteFastPath(database.sqlite) : null;

  return {
    /**
     * Inserts the events not stored yet and says, row by row, which were new: the events to
     * count. An event is known by its time and key (`identityOf`); rows must be distinct by it.
     */
    async insertNew(rows: EventRow[], trx: Executor): Promise<boolean[]> {
      if (fast) return fast.insertNew(rows);
      const fresh = new Set<string>();
      for (const chunk of chunked(rows, ROWS_PER_INSERT)) {
        const inserted = await trx
          .insertInto('detection_events')
          .values(chunk)
          .onConflict((oc) => oc.columns(['at', 'event_key']).doNothing())
          .returning(['at', 'event_key'])
          .execute();
        for (const row of inserted) fresh.add(identityOf(row));
      }
      return rows.map((row) => fresh.has(identityOf(row)));
    },

    async addSeries(rows: SeriesRow[], trx: Executor): Promise<void> {
      const t = 'detection_series';
      const add = (column: string) =>
        sql<number>`${sql.ref(`${t}.${column}`)} + excluded.${sql.ref(column)}`;
      for (const chunk of chunked(rows, 5000))
        await trx
          .insertInto(t)
          .values(chunk)
          .onConflict((oc) =>
            oc.columns(['series', 'bucket']).doUpdateSet({
              attempts: add('attempts'),
              failures: add('failures'),
              records: add('records'),
              bytes: add('bytes'),
            }),
          )
          .execute();
    },

    /** Hourly totals per series since an instant: the baselines' memory. */
    async hourly(since: string) {
      const hour = sql<string>`substr(bucket, 1, 13)`;
      const rows = await db
        .selectFrom('detection_series')
        .select([
          'series',
          hour.as('hour'),
          (eb) => eb.fn.sum<number>('attempts').as('attempts'),
          (eb) => eb.fn.sum<number>('failures').as('failures'),
          (eb) => eb.fn.sum<number>('records').as('records'),
        ])
        .where('bucket', '>=', since)
        .groupBy(['series', hour])
        .execute();
      return rows.map((row) => ({
        series: row.series,
        hourStart: Date.parse(`${row.hour}:00:00.000Z`),
        attempts: Number(row.attempts),
        failures: Number(row.failures),
        records: Number(row.records),
      }));
    },

    async series(series: string, from: string, to: string) {
      return db
        .selectFrom('detection_series')
        .selectAll()
        .where('series', '=', series)
        .where('bucket', '>=', from)
        .where('bucket', '<=', to)
        .orderBy('bucket')
        .execute();
    },

    /** Start of the newest 5-minute bucket of a series, or null when it has none. */
    async latestBucket(series: string): Promise<number | null> {
      const row = await db
        .selectFrom('detection_series')
        .select((eb) => eb.fn.max('bucket').as('bucket'))
        .where('series', '=', series)
        .executeTakeFirst();
      return row?.bucket ? Date.parse(row.bucket) : null;
    },

    /** Events from an instant on, in arrival order, a page at a time (for replay). */
    async page(since: string, afterSeq: number, limit: number) {
      return db
        .selectFrom('detection_events')
        .selectAll()
        .where('at', '>=', since)
        .where('seq', '>', afterSeq)
        .orderBy('seq')
        .limit(limit)
        .execute();
    },

    async latestAt(): Promise<string | null> {
      const row = await db
        .selectFrom('detection_events')
        .select((eb) => eb.fn.max('at').as('at'))
        .executeTakeFirst();
      return (row?.at as string | null | undefined) ?? null;
    },

    /** The newest event's sequence number (0 when there is none). */
    async maxSeq(trx: Executor = db): Promise<number> {
      const row = await trx
        .selectFrom('detection_events')
        .select((eb) => eb.fn.max('seq').as('seq'))
        .executeTakeFirst();
      return Number(row?.seq ?? 0);
    },

    /** The last event whose signals have been folded into alerts. */
    async foldedSeq(): Promise<number> {
      const row = await db
        .selectFrom('detection_checkpoints')
        .select('seq')
        .where('name', '=', 'folded')
        .executeTakeFirst();
      return Number(row?.seq ?? 0);
    },

    async setFoldedSeq(seq: number, trx: Executor): Promise<void> {
      await trx
        .insertInto('detection_checkpoints')
        .values({ name: 'folded', seq })
        .onConflict((oc) => oc.column('name').doUpdateSet({ seq }))
        .execute();
    },

    /** Known integrations and what each declared it receives. */
    async integrations(): Promise<DeclaredScopes> {
      const rows = await db
        .selectFrom('integrations')
        .select(['id', 'declared_categories'])
        .execute();
      return new Map(
        rows.map((row) => [
          row.id,
          new Set(JSON.parse(row.declared_categories) as string[]) as ReadonlySet<string>,
        ]),
      );
    },

    /** Deletes events older than an instant; returns how many went. */
    async deleteBefore(before: string): Promise<number> {
      const result = await db
        .deleteFrom('detection_events')
        .where('at', '<', before)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export type EventStore = ReturnType<typeof createEventStore>;

/** What makes an event the same event: a retry resends its id (so its key) and its time. */
export function identityOf(row: Pick<EventRow, 'at' | 'event_key'>): string {
  return `${row.at} ${row.event_key}`;
}

/** The stored row back to the event the detectors consume. */
export function eventFromRow(row: Selectable<DetectionEventsTable>): DetectionEvent {
  const time = Date.parse(row.at);
  if (row.type === 'login')
    return {
      kind: 'login',
      time,
      stream: row.stream === 'sshd' ? 'sshd' : 'web',
      account: row.account_hash,
      ip: row.ip ?? '',
      userAgent: row.user_agent,
      outcome: row.outcome as 'success',
      country: row.country,
      asn: row.asn === null ? null : Number(row.asn),
    };
  if (row.type === 'api_access')
    return {
      kind: 'api_access',
      time,
      integrationId: row.integration_id ?? '',
      keyId: row.key_id,
      endpoint: row.endpoint ?? '',
      records: Number(row.records ?? 0),
      bytes: Number(row.bytes ?? 0),
      categories: row.categories ? (JSON.parse(row.categories) as string[]) : [],
    };
  return {
    kind: 'http',
    time,
    ip: row.ip ?? '',
    method: row.method ?? '',
    path: row.path ?? '',
    status: row.status ?? 0,
    bytes: Number(row.bytes ?? 0),
    userAgent: row.user_agent,
  };
}

/**
 * On embedded SQLite the insert runs as one prepared statement per row on the raw handle,
 * inside the caller's transaction (SQLite has one connection): the 50,000 events/s budget.
 */
function createSqliteFastPath(sqlite: Sqlite.Database) {
  const insert = sqlite.prepare(
    `insert into detection_events (${COLUMNS.join(', ')})
     values (${COLUMNS.map(() => '?').join(', ')}) on conflict (at, event_key) do nothing`,
  );
  return {
    insertNew(rows: EventRow[]): boolean[] {
      // Positional, in COLUMNS order: no array built per row.
      return rows.map(
        (r) =>
          insert.run(
            r.event_key,
            r.type,
            r.at,
            r.stream,
            r.account_hash ?? null,
            r.ip ?? null,
            r.user_agent ?? null,
            r.outcome ?? null,
            r.country ?? null,
            r.asn ?? null,
            r.integration_id ?? null,
            r.key_id ?? null,
            r.endpoint ?? null,
            r.records ?? null,
            r.bytes ?? null,
            r.categories ?? null,
            r.method ?? null,
            r.path ?? null,
            r.status ?? null,
            r.received_at,
          ).changes === 1,
      );
    },
  };
}
