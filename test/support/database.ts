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
      await adminQuery(`drop database if exists ${name} with (force)`);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function adminQuery(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresAdminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
