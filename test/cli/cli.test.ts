import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../src/db/database.js';
import type { AuditEventsTable } from '../../src/db/schema.js';
import { systemClock } from '../../src/lib/clock.js';
import { systemContext } from '../../src/lib/principal.js';
import { createAuditService } from '../../src/modules/audit/audit.service.js';
import { createIncidentsModule } from '../../src/modules/incidents/incidents.module.js';
import { GENESIS_HASH, hashEntry } from '../../src/lib/hash-chain.js';
import type { AuditEntry } from '../../src/modules/audit/audit.types.js';
import { freePort, portAnswers, repoRoot, runCli, startCli, type CliProcess } from './run-cli.js';

const PASSWORD = 'correct horse battery staple';
const postgresUp = await portAnswers(5432);

/** Opens a data dir's SQLite file directly, the way someone with disk access could. */
function withDb<T>(dataDir: string, use: (db: Database.Database) => T): T {
  const db = new Database(path.join(dataDir, 'cordon.db'), { fileMustExist: true });
  try {
    return use(db);
  } finally {
    db.close();
  }
}

const userEmails = (dataDir: string) =>
  withDb(dataDir, (db) =>
    (db.prepare('select email from users order by email').all() as { email: string }[]).map(
      (row) => row.email,
    ),
  );

/** What an attacker with database access does: edit a row, then recompute every hash. */
function rewriteChain(db: Database.Database, forgedSeq: number): void {
  db.prepare("update audit_events set object_id = 'forged' where seq = ?").run(forgedSeq);
  const rows = db.prepare('select * from audit_events order by seq').all() as AuditEventsTable[];
  const update = db.prepare('update audit_events set prev_hash = ?, hash = ? where seq = ?');
  let prev = GENESIS_HASH;
  for (const row of rows) {
    const hash = hashEntry(prev, {
      seq: row.seq,
      occurredAt: row.occurred_at,
      actorType: row.actor_type as AuditEntry['actorType'],
      actorId: row.actor_id,
      actorLabel: row.actor_label,
      action: row.action,
      objectType: row.object_type,
      objectId: row.object_id,
      outcome: row.outcome as AuditEntry['outcome'],
      requestId: row.request_id,
      ip: row.ip,
      details: JSON.parse(row.details) as Record<string, unknown>,
    });
    update.run(prev, hash, row.seq);
    prev = hash;
  }
  db.prepare('update audit_chain_head set hash = ?').run(prev);
}

/** Polls until `done` holds; fails with what the server printed if it exits or time runs out. */
async function until(server: CliProcess, what: string, done: () => boolean | Promise<boolean>) {
  const deadline = Date.now() + 30_000;
  while (server.child.exitCode === null && Date.now() < deadline) {
    if (await done()) return;
    await sleep(50);
  }
  throw new Error(`serve: no ${what}\n${server.stdout()}\n${server.stderr()}`);
}

const readyz = (port: number) =>
  fetch(`http://127.0.0.1:${port}/readyz`).then(
    (response) => response.status === 200,
    () => false,
  );

function exitWithin(server: CliProcess, ms: number) {
  const timeout = sleep(ms).then(() => {
    throw new Error(`serve did not exit within ${ms} ms of SIGTERM\n${server.stdout()}`);
  });
  return Promise.race([server.exited, timeout]);
}

/** A request whose body is still arriving, so it is in flight when the signal lands. */
function slowLogin(port: number) {
  const body = JSON.stringify({ email: 'nobody@shop.example', password: 'not the password' });
  const request = http.request({
    host: '127.0.0.1',
    port,
    method: 'POST',
    path: '/api/v1/auth/login',
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
  });
  const status = new Promise<number>((resolve, reject) => {
    request.once('error', reject);
    request.once('response', (response) => {
      response.resume().once('end', () => resolve(response.statusCode!));
    });
  });
  request.write(body.slice(0, 10));
  return { status, finish: () => request.end(body.slice(10)) };
}

describe('cordon CLI', { timeout: 60_000 }, () => {
  let tmp: string;
  // One data dir carries the steps in order: migrate, admin create, verify, backup.
  let dataDir: string;
  let env: Record<string, string>;
  let head: string;

  beforeAll(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'cordon-cli-'));
    dataDir = path.join(tmp, 'data');
    env = { CORDON_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  // A failed assertion must not leave a server running.
  const servers: CliProcess[] = [];
  afterEach(() => {
    for (const server of servers.splice(0)) {
      if (server.child.exitCode === null && server.child.signalCode === null)
        server.child.kill('SIGKILL');
    }
  });

  // These steps share no state, so they run side by side.
  describe.concurrent('without state', () => {
    it('prints the package version', async () => {
      const { version } = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
        version: string;
      };
      const result = await runCli(['version'], env);
      expect(result).toMatchObject({ code: 0, stdout: `${version}\n` });
    });

    it('refuses invalid configuration with exit 2, naming the variable', async () => {
      const result = await runCli(['serve'], { ...env, PORT: 'eighty' });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^\s*PORT: /m);
    });

    it.skipIf(!postgresUp)('points to pg_dump when the database is PostgreSQL', async () => {
      const result = await runCli(['backup', path.join(tmp, 'pg.dump')], {
        ...env,
        DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres',
        CORDON_MASTER_KEY: randomBytes(32).toString('base64'),
      });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('pg_dump');
    });
  });

  it('migrates a fresh data dir, then reports it up to date', async () => {
    const first = await runCli(['migrate'], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/Applied \d+ migration\(s\)/);
    const second = await runCli(['migrate'], env);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('up to date');
    // The database holds password hashes and sealed secrets: owner-only (SQLite gives its
    // WAL files the same mode while they exist).
    expect((statSync(path.join(dataDir, 'cordon.db')).mode & 0o777).toString(8)).toBe('600');
  });

  it('creates an admin, refuses bad input by field and refuses a duplicate email', async () => {
    const args = ['admin', 'create', '--email', 'a@shop.example', '--name', 'A', '--role', 'admin'];
    const [shortPassword, badEmail] = await Promise.all([
      runCli(args, { ...env, CORDON_ADMIN_PASSWORD: 'too-short' }),
      runCli(['admin', 'create', '--email', 'not-an-email', '--name', 'A'], {
        ...env,
        CORDON_ADMIN_PASSWORD: PASSWORD,
      }),
    ]);
    expect(shortPassword.code).not.toBe(0);
    expect(shortPassword.stderr).toContain('password:');
    expect(badEmail.code).not.toBe(0);
    expect(badEmail.stderr).toContain('--email:');
    expect(userEmails(dataDir)).toEqual([]);

    const created = await runCli(args, { ...env, CORDON_ADMIN_PASSWORD: PASSWORD });
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toContain('Created admin a@shop.example');
    expect(userEmails(dataDir)).toEqual(['a@shop.example']);

    const duplicate = await runCli(args, { ...env, CORDON_ADMIN_PASSWORD: PASSWORD });
    expect(duplicate.code).not.toBe(0);
    expect(duplicate.stderr).toContain('already exists');
    expect(duplicate.stderr).not.toContain('    at ');
    expect(userEmails(dataDir)).toEqual(['a@shop.example']);
  });

  it('verifies the audit chain and names the entry that was tampered with', async () => {
    // Each tampering happens on its own copy, so the shared dir stays intact for later steps.
    const tampered = (name: string, sql: string) => {
      const copy = path.join(tmp, name);
      cpSync(dataDir, copy, { recursive: true });
      withDb(copy, (db) => db.prepare(sql).run());
      return runCli(['audit', 'verify'], { ...env, CORDON_DATA_DIR: copy });
    };
    const [intact, edited, deleted, malformed] = await Promise.all([
      runCli(['audit', 'verify'], env),
      tampered('edited', "update audit_events set details = '{}' where seq = 1"),
      tampered('deleted', 'delete from audit_events where seq = 1'),
      runCli(['audit', 'verify', '--anchor', '1:not-a-hash'], env),
    ]);
    expect(intact.code, intact.stderr).toBe(0);
    const match = /Head (\d+:[0-9a-f]{64})/.exec(intact.stdout);
    expect(match, intact.stdout).not.toBeNull();
    head = match![1]!;
    for (const broken of [edited, deleted]) {
      expect(broken.code).toBe(1);
      expect(broken.stderr).toMatch(/BROKEN at entry 1\b/);
    }
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('--anchor');
  });

  it("verifies an incident's timeline and names the entry that was tampered with", async () => {
    const db = createDatabase({ dataDir });
    let id: string;
    try {
      const clock = systemClock;
      const audit = createAuditService({ db, clock });
      const { incidents } = createIncidentsModule({
        db,
        clock,
        audit,
        config: { publicUrl: 'http://localhost:8080', containmentTimeoutSeconds: 10 },
        // Opening an incident mails nobody, queues nothing and reads no alerts.
        masterKey: Buffer.alloc(32),
        mail: { send: () => Promise.resolve() },
        notify: () => Promise.resolve(),
        jobs: { enqueue: () => Promise.reject(new Error('no jobs here')) },
        alerts: { accounts: () => Promise.resolve([]), sources: () => Promise.resolve([]) },
        scope: {
          scope: () => Promise.reject(new Error('no scope here')),
          jurisdictionsOf: () => Promise.reject(new Error('no scope here')),
        },
        findings: { get: () => Promise.reject(new Error('no findings here')) },
      });
      const opened = await incidents.create(systemContext('test'), {
        title: 'Vendor X pulls 40× its usual records',
        type: 'vendor_compromise',
        severity: 'critical',
        summary: '',
        restricted: false,
        memberIds: [],
      });
      id = opened.id;
    } finally {
      await db.close();
    }
    const copy = path.join(tmp, 'incident-edited');
    cpSync(dataDir, copy, { recursive: true });
    withDb(copy, (raw) =>
      raw.prepare("update incident_timeline set body = '{}' where seq = 1").run(),
    );
    const [intact, edited, unknown] = await Promise.all([
      runCli(['incident', 'verify', id], env),
      runCli(['incident', 'verify', id], { ...env, CORDON_DATA_DIR: copy }),
      runCli(['incident', 'verify', '7c9e6679-7425-40de-944b-e07fc1f66ae7'], env),
    ]);
    expect(intact.code, intact.stderr).toBe(0);
    expect(intact.stdout).toMatch(/intact: 1 entries/);
    expect(edited.code).toBe(1);
    expect(edited.stderr).toMatch(/BROKEN at entry 1 \(hash-mismatch\)/);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('was not found');
  });

  it('catches a fully rewritten chain only against an earlier anchor', async () => {
    const copy = path.join(tmp, 'rewritten');
    cpSync(dataDir, copy, { recursive: true });
    withDb(copy, (db) => rewriteChain(db, Number(head.split(':')[0])));
    const copyEnv = { ...env, CORDON_DATA_DIR: copy };
    const [plain, anchored] = await Promise.all([
      runCli(['audit', 'verify'], copyEnv),
      runCli(['audit', 'verify', '--anchor', head], copyEnv),
    ]);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout).not.toContain(head);
    expect(anchored.code).toBe(1);
    expect(anchored.stderr).toContain('anchor-mismatch');
  });

  it('backs up the SQLite database to a file that opens and holds the users', async () => {
    const file = path.join(tmp, 'backup.db');
    const result = await runCli(['backup', file], env);
    expect(result.code, result.stderr).toBe(0);
    const backup = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const rows = backup.prepare('select email, role from users').all();
      expect(rows).toEqual([{ email: 'a@shop.example', role: 'admin' }]);
    } finally {
      backup.close();
    }
  });

  async function serve(args: string[]) {
    const port = await freePort();
    const serveEnv = { CORDON_DATA_DIR: path.join(tmp, 'serve'), LOG_LEVEL: 'warn' };
    const server = startCli(
      ['serve', ...args],
      { ...serveEnv, PORT: String(port), HOST: '127.0.0.1' },
      50_000,
    );
    servers.push(server);
    await until(server, 'readyz 200', () => readyz(port));
    // The ready line (and the set-up token) may land just after the listener opens.
    await until(server, 'ready line', () => server.stdout().includes('Cordon is ready'));
    return { server, port };
  }

  it('serves, then drains an in-flight request on SIGTERM and exits 0', async () => {
    const { server, port } = await serve([]);
    const setupLine = /^Set-up token: \S+$/m;
    await until(server, 'Set-up token line', () => setupLine.test(server.stdout()));
    expect(server.stdout()).toContain('worker in-process');

    const login = slowLogin(port);
    await sleep(300); // let the server read the request head before the signal
    server.child.kill('SIGTERM');
    await until(server, 'drain message', () => server.stdout().includes('draining'));
    login.finish();

    expect(await login.status).toBe(401);
    const result = await exitWithin(server, 10_000);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('SIGTERM received: draining');
  });

  it('serves without the worker and stops cleanly', async () => {
    const { server } = await serve(['--no-worker']);
    expect(server.stdout()).not.toContain('worker in-process');
    server.child.kill('SIGTERM');
    const result = await exitWithin(server, 10_000);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('draining');
  });
});
