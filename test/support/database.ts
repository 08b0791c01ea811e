import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createDatabase, type Db, type Dialect } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { randomToken } from '../../src/lib/crypto.js';

/**
 * Integration tests (`*.int.test.ts`) run once on SQLite and once on PostgreSQL; the dialect
 * comes from CORDON_TEST_DIALECT, set by scripts/test-postgres.mjs. Each call gets a fresh,
 * migrated database: a temp file on SQLite, a new throwaway database on PostgreSQL.
 */
export const testDialect: Dialect =
  process.env.CORDON_TEST_DIALECT === 'postgres' ? 'postgres' : 'sqlite';

export const postgresAdminUrl =
  process.env.CORDON_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  db: Db;
  dataDir: string;
  /** Set on PostgreSQL: a URL to open more connections to the same database. */
  databaseUrl?: string;
  cleanup(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cordon-test-'));
  if (testDialect === 'sqlite') {
    const db = createDatabase({ dataDir });
    await migrateToLatest(db);
    return {
      db,
      dataDir,
      cleanup: async () => {
        await db.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const name = `cordon_test_${randomToken(6)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, 'x')}`;
  await adminQuery(`create database ${name}`);
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const db = createDatabase({ databaseUrl, dataDir, poolSize: 5 });
  await migrateToLatest(db);
  return {
    db,
    dataDir,
    databaseUrl,
    cleanup: async () => {
      await db.close();
      await waitForBackendsToExit(name);
      await adminQuery(`drop database if exists ${name} with (force)`);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function adminQuery(statement: string, values: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: postgresAdminUrl });
  await client.connect();
  try {
    return await client.query(statement, values);
  } finally {
    await client.end();
  }
}

/**
 * A closed pool's clients have sent their goodbye, but their server processes may still be
 * running. Dropping the database `with (force)` then terminates them, and a client that hears
 * of it while ending raises an error nobody listens for: wait for them to leave first.
 */
async function waitForBackendsToExit(database: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const result = await adminQuery(
      'select count(*)::int as backends from pg_stat_activity where datname = $1',
      [database],
    );
    if ((result.rows[0] as { backends: number }).backends === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
