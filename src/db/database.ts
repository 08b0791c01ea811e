import { chmodSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';
import { orMask } from '../lib/bitmask.js';
import { withStatementCache } from './sqlite-statement-cache.js';

export type Dialect = 'sqlite' | 'postgres';

/** Either the root handle or an open transaction: every store method accepts both. */
export type Executor = Kysely<Database> | Transaction<Database>;

export interface Db {
  readonly kysely: Kysely<Database>;
  readonly dialect: Dialect;
  /** Where the data lives, for messages: a file path or a URL without its password. */
  readonly location: string;
  /** Present on SQLite only: the raw handle, for the online backup API. */
  readonly sqlite?: SqliteDatabase.Database;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
  /** Overrides the SQLite file name inside dataDir (tests use throwaway files). */
  sqliteFile?: string;
  poolSize?: number;
}

// int8 (COUNT(*), bigint columns) would otherwise arrive as strings; our counters fit in 2^53.
pg.types.setTypeParser(20, (value) => Number(value));

/**
 * Runs a read inside one consistent snapshot: a repeatable-read transaction on PostgreSQL,
 * and on SQLite any transaction (one connection, one writer). Chain verification needs it.
 */
export function inSnapshot<T>(
  db: Db,
  read: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  const transaction = db.kysely.transaction();
  return db.dialect === 'postgres'
    ? transaction.setIsolationLevel('repeatable read').execute(read)
    : transaction.execute(read);
}

export function createDatabase(options: DatabaseOptions): Db {
  if (options.databaseUrl) return createPostgres(options.databaseUrl, options.poolSize ?? 10);
  return createSqlite(path.join(options.dataDir, options.sqliteFile ?? 'cordon.db'));
}

function createSqlite(file: string): Db {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const sqlite = new SqliteDatabase(file);
  // Owner-only before WAL mode is set: SQLite gives the -wal and -shm files the same mode.
  chmodSync(file, 0o600);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // NORMAL is durable across application crashes in WAL mode; only an OS crash can lose the
  // last transactions, which is the usual trade-off for embedded servers.
  sqlite.pragma('synchronous = NORMAL');
  // 64 MiB of page cache (the default is 2 MiB): the sharing ledger's upserts and the blast
  // radius walk B-trees of millions of rows, and re-reading pages through the OS costs more.
  sqlite.pragma('cache_size = -65536');
  // Checkpoint every ~40 MiB of WAL instead of every 4 MiB: a ledger batch dirties thousands of
  // scattered pages, and checkpointing after each commit rewrote them all every time.
  sqlite.pragma('wal_autocheckpoint = 10000');
  // PostgreSQL's bit_or aggregate, for category masks (up to 53 bits, beyond JS's 32-bit `|`).
  sqlite.aggregate('bit_or', {
    start: 0,
    step: (total: number, value: number | bigint | null) =>
      value === null ? total : orMask(total, Number(value)),
  });
  const kysely = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
  });
  return {
    kysely,
    dialect: 'sqlite',
    location: file,
    sqlite,
    close: () => kysely.destroy(),
  };
}

function createPostgres(url: string, poolSize: number): Db {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    kysely,
    dialect: 'postgres',
    location: redactUrlPassword(url),
    close: () => kysely.destroy(),
  };
}

export function redactUrlPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}
