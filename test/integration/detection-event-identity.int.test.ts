import { sql, type Kysely } from 'kysely';
import type { Executor } from '../../src/db/database.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { up, down } from '../../src/db/migrations/20261201180000_detection_event_identity.js';
import {
  createEventStore,
  type EventRow,
} from '../../src/modules/detection/detection.events.store.js';
import { createTestDatabase, testDialect, type TestDatabase } from '../support/database.js';

const row = (key: string, at: string): EventRow => ({
  event_key: key,
  type: 'login',
  at,
  stream: 'web',
  account_hash: 'a'.repeat(64),
  ip: '203.0.113.9',
  outcome: 'bad_password',
  received_at: at,
});

/**
 * The migration that makes (at, event_key) an event's identity: stored events survive it with
 * their sequence numbers, and dedupe afterwards goes by time and key together.
 */
describe(`detection event identity migration (${testDialect})`, () => {
  let t: TestDatabase;
  // Migrations are written against no schema types. The migrator wraps each PostgreSQL
  // migration in a transaction; SQLite's opens its own.
  const untyped = (db: Executor) => db as unknown as Kysely<unknown>;
  const migrate = (step: typeof up) =>
    testDialect === 'postgres'
      ? t.db.kysely.transaction().execute((trx) => step(untyped(trx)))
      : step(untyped(t.db.kysely));

  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.cleanup());

  it('keeps stored events and their order, then dedupes by time and key', async () => {
    await migrate(down);
    await t.db.kysely
      .insertInto('detection_events')
      .values([row('k1', '2026-03-12T07:00:00.000Z'), row('k2', '2026-03-12T07:00:01.000Z')])
      .execute();
    const stored = () =>
      t.db.kysely
        .selectFrom('detection_events')
        .select(['seq', 'event_key'])
        .orderBy('seq')
        .execute();
    const before = await stored();
    await expect(
      t.db.kysely
        .insertInto('detection_events')
        .values(row('k1', '2026-03-12T08:00:00.000Z'))
        .execute(),
      'before: the key alone is unique',
    ).rejects.toThrow();

    await migrate(up);

    expect(await stored()).toEqual(before);
    expect(before.map((r) => r.event_key)).toEqual(['k1', 'k2']);
    const events = createEventStore(t.db);
    const isNew = await t.db.kysely
      .transaction()
      .execute((trx) =>
        events.insertNew(
          [
            row('k1', '2026-03-12T07:00:00.000Z'),
            row('k1', '2026-03-12T08:00:00.000Z'),
            row('k3', '2026-03-12T07:00:00.000Z'),
          ],
          trx,
        ),
      );
    expect(isNew).toEqual([false, true, true]);
    // PostgreSQL spends sequence numbers on refused rows too, so only the order is certain.
    expect(await events.maxSeq(), 'new rows follow the copied ones').toBeGreaterThan(
      Number(before[1]!.seq),
    );
    const count = await sql<{ n: number }>`select count(*) as n from detection_events`.execute(
      t.db.kysely,
    );
    expect(Number(count.rows[0]!.n)).toBe(4);
  });
});
