import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { BENCH_ADMIN } from './api.js';
import { runCli, startBuiltServer, type RunningServer } from './server.js';

/**
 * A Cordon instance for a benchmark: a data directory, the database (embedded SQLite there, or
 * a throwaway PostgreSQL database), and the benchmark admin created with `cordon admin create`,
 * exactly as an operator would. `start()` runs the built server against it.
 */
export interface BenchInstance {
  dataDir: string;
  dialect: 'sqlite' | 'postgres';
  env: Record<string, string>;
  start(): Promise<RunningServer>;
  cleanup(): Promise<void>;
}

const POSTGRES_ADMIN_URL =
  process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export async function createInstance(options: {
  postgres: boolean;
  /** Keep the data directory (and reuse it if it exists); SQLite only. */
  dataDir?: string;
}): Promise<BenchInstance> {
  const keep = options.dataDir !== undefined;
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'cordon-bench-'));
  mkdirSync(dataDir, { recursive: true });
  const env: Record<string, string> = { CORDON_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  let dropDatabase = async () => undefined as void;
  if (options.postgres) {
    if (keep)
      throw new Error('--data-dir keeps an SQLite instance; it does not apply to --postgres');
    const name = `cordon_bench_${randomBytes(4).toString('hex')}`;
    await adminQuery(`create database ${name}`);
    const url = new URL(POSTGRES_ADMIN_URL);
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
    env.CORDON_MASTER_KEY = randomBytes(32).toString('base64');
    dropDatabase = () => adminQuery(`drop database if exists ${name} with (force)`);
    await runCli(['migrate'], env);
  }
  if (!isInitialised(dataDir)) {
    await runCli(
      ['admin', 'create', '--email', BENCH_ADMIN.email, '--name', 'Bench', '--role', 'admin'],
      { ...env, CORDON_ADMIN_PASSWORD: BENCH_ADMIN.password },
    );
    if (keep) writeFileSync(path.join(dataDir, 'bench-admin'), BENCH_ADMIN.email);
  }
  return {
    dataDir,
    dialect: options.postgres ? 'postgres' : 'sqlite',
    env,
    start: () => startBuiltServer(env, dataDir),
    cleanup: async () => {
      await dropDatabase();
      if (!keep) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function isInitialised(dataDir: string): boolean {
  try {
    return readFileSync(path.join(dataDir, 'bench-admin'), 'utf8') === BENCH_ADMIN.email;
  } catch {
    return false;
  }
}

async function adminQuery(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * Resets the kernel's peak-RSS mark (VmHWM) of a process we started, to measure one phase.
 * The mark restarts from the current RSS, which is returned (MiB) so a phase's own growth shows.
 */
export function resetPeakRss(server: RunningServer): number {
  writeFileSync(`/proc/${server.process.pid}/clear_refs`, '5');
  const kib = /VmRSS:\s+(\d+) kB/.exec(
    readFileSync(`/proc/${server.process.pid}/status`, 'utf8'),
  )?.[1];
  return Math.round(Number(kib) / 1024);
}

/**
 * On a shared machine, waits before a timed phase until the 1-minute load average is below
 * BENCH_MAX_LOAD (if set), polling every 15 s for at most 15 minutes. Prints what it found, so
 * the figures say whether they were taken on a quiet machine.
 */
export async function waitForQuietMachine(phase: string): Promise<void> {
  const limit = Number(process.env.BENCH_MAX_LOAD ?? Number.NaN);
  const load = () => Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
  if (Number.isNaN(limit)) {
    console.log(`[${phase}] load average ${load().toFixed(2)}`);
    return;
  }
  const deadline = Date.now() + 15 * 60_000;
  while (load() >= limit && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 15_000));
  const now = load();
  console.log(
    now < limit
      ? `[${phase}] load average ${now.toFixed(2)} (< ${limit})`
      : `[${phase}] load average still ${now.toFixed(2)} after 15 minutes of waiting; measuring anyway`,
  );
}

/**
 * CPU seconds (user + system) the server has used so far. Against wall time it shows whether
 * the server was busy the whole run or was starved of a core by something else.
 */
export function serverCpuSeconds(server: RunningServer): number {
  const fields = readFileSync(`/proc/${server.process.pid}/stat`, 'utf8')
    .split(') ')[1]!
    .split(' ');
  // utime and stime are fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100 per second).
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
