import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestDatabase, testDialect, type TestDatabase } from '../../test/support/database.js';
import { createDatabase, type Db } from '../db/database.js';
import { createManualClock } from '../lib/clock.js';
import { ValidationError } from '../lib/errors.js';
import { createJobQueue, type JobQueue } from './jobs.queue.js';
import { createJobRegistry, PermanentJobError, type JobRegistry } from './jobs.registry.js';
import { createJobStore } from './jobs.store.js';
import type { JobLogger } from './jobs.types.js';
import { createWorker, type WorkerDeps } from './jobs.worker.js';

const start = new Date('2026-03-12T08:00:30.000Z');

/** Records log lines so tests can assert on them; pino must fit the same interface. */
function createTestLogger() {
  const lines: Array<{ level: string; details: object; message?: string | undefined }> = [];
  const at = (level: string) => (details: object, message?: string) => {
    lines.push({ level, details, message });
  };
  const logger: JobLogger = { info: at('info'), warn: at('warn'), error: at('error') };
  return { logger, lines };
}
const pinoFits: JobLogger = pino({ enabled: false });
void pinoFits;

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('Timed out waiting for a condition');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe(`job queue (${testDialect})`, () => {
  let test: TestDatabase;
  let clock: ReturnType<typeof createManualClock>;
  let registry: JobRegistry;
  let queue: JobQueue;
  let ran: Array<{ jobId: string; attempt: number; payload: unknown }>;
  let failuresLeft: number;
  let extraDbs: Db[];
  const log = createTestLogger();

  function worker(overrides: Partial<WorkerDeps> = {}) {
    return createWorker({
      db: test.db,
      clock,
      queue,
      registry,
      logger: log.logger,
      random: () => 1,
      ...overrides,
    });
  }

  beforeEach(async () => {
    test = await createTestDatabase();
    extraDbs = [];
    clock = createManualClock(start);
    ran = [];
    failuresLeft = 0;
    registry = createJobRegistry();
    registry.register('test.echo', {
      schema: z.object({ value: z.number() }),
      maxAttempts: 3,
      backoff: { baseMs: 1000, maxMs: 1500 },
      handle: async (payload, { jobId, attempt }) => {
        ran.push({ jobId, attempt, payload });
        if (failuresLeft > 0) {
          failuresLeft -= 1;
          throw new Error(`boom ${'x'.repeat(2000)}`);
        }
      },
    });
    registry.register('test.permanent', {
      schema: z.object({}),
      handle: () => Promise.reject(new PermanentJobError('recipient rejected')),
    });
    queue = createJobQueue({ db: test.db, clock, registry });
  });
  afterEach(async () => {
    for (const db of extraDbs) await db.close();
    await test.cleanup();
  });

  /**
   * On PostgreSQL, a second pool, as a second worker process would have. On SQLite the workers
   * share the handle: better-sqlite3 is synchronous, so a second handle in the same process
   * would block the thread in busy_timeout while the first holds a transaction across an await.
   */
  function secondConnection(): Db {
    if (!test.databaseUrl) return test.db;
    const db = createDatabase({
      databaseUrl: test.databaseUrl,
      dataDir: test.dataDir,
      poolSize: 3,
    });
    extraDbs.push(db);
    return db;
  }

  it('runs an enqueued job once and marks it succeeded', async () => {
    const job = await queue.enqueue('test.echo', { value: 7 });
    expect(job).toMatchObject({ status: 'queued', attempts: 0, maxAttempts: 3 });

    expect(await worker().runOnce()).toBe(1);
    expect(ran).toEqual([{ jobId: job.id, attempt: 1, payload: { value: 7 } }]);
    expect(await queue.getJob(job.id)).toMatchObject({
      status: 'succeeded',
      attempts: 1,
      finishedAt: start.toISOString(),
      lockedBy: null,
    });
    expect(await worker().runOnce()).toBe(0);
    expect(await queue.stats()).toEqual({ queued: 0, running: 0, succeeded: 1, dead: 0 });
  });

  it('purges succeeded jobs past their retention but keeps dead letters', async () => {
    const done = await queue.enqueue('test.echo', { value: 1 });
    const dead = await queue.enqueue('test.permanent', {});
    await worker().runOnce();
    clock.advance(10 * 86_400_000);
    const recent = await queue.enqueue('test.echo', { value: 2 });
    await worker().runOnce();
    expect(await queue.purgeSucceeded(7)).toBe(1);
    expect(await queue.getJob(done.id)).toBeUndefined();
    expect(await queue.getJob(recent.id)).toMatchObject({ status: 'succeeded' });
    expect(await queue.getJob(dead.id)).toMatchObject({ status: 'dead' });
  });

  it('validates payloads at enqueue time and refuses unknown job names', async () => {
    await expect(queue.enqueue('test.echo', { value: 'seven' })).rejects.toMatchObject({
      issues: [{ field: 'payload.value' }],
    });
    await expect(queue.enqueue('test.nope', {})).rejects.toBeInstanceOf(ValidationError);
    expect(await queue.stats()).toMatchObject({ queued: 0 });
  });

  it('does not run a job before its runAt', async () => {
    await queue.enqueue('test.echo', { value: 1 }, { runAt: new Date(start.getTime() + 60_000) });
    expect(await worker().runOnce()).toBe(0);
    clock.advance(60_000);
    expect(await worker().runOnce()).toBe(1);
  });

  it('retries with exponential backoff, then moves the job to dead letters', async () => {
    failuresLeft = 10;
    const job = await queue.enqueue('test.echo', { value: 1 });
    const w = worker();

    expect(await w.runOnce()).toBe(1);
    let stored = await queue.getJob(job.id);
    expect(stored).toMatchObject({ status: 'queued', attempts: 1 });
    expect(stored?.runAt).toBe(new Date(start.getTime() + 1000).toISOString());
    expect(stored?.lastError).toHaveLength(1000);
    expect(stored?.lastError?.startsWith('boom x')).toBe(true);

    clock.advance(999);
    expect(await w.runOnce()).toBe(0);
    clock.advance(1);
    expect(await w.runOnce()).toBe(1);
    stored = await queue.getJob(job.id);
    // 1000 * 2^1 = 2000 is capped by maxMs.
    expect(stored?.runAt).toBe(new Date(start.getTime() + 1000 + 1500).toISOString());

    clock.advance(1500);
    expect(await w.runOnce()).toBe(1);
    stored = await queue.getJob(job.id);
    expect(stored).toMatchObject({ status: 'dead', attempts: 3 });
    expect(stored?.finishedAt).toBe(clock.now().toISOString());
    expect(ran.map((r) => r.attempt)).toEqual([1, 2, 3]);
    clock.advance(3_600_000);
    expect(await w.runOnce()).toBe(0);
    expect(log.lines.some((l) => l.level === 'error' && l.message?.includes('dead'))).toBe(true);
  });

  it('retryDead gives a dead job fresh attempts, and refuses other jobs', async () => {
    failuresLeft = 3;
    const job = await queue.enqueue('test.echo', { value: 1 }, { maxAttempts: 1 });
    await worker().runOnce();
    expect(await queue.getJob(job.id)).toMatchObject({ status: 'dead', attempts: 1 });

    const requeued = await queue.retryDead(job.id);
    expect(requeued).toMatchObject({ status: 'queued', attempts: 0, finishedAt: null });
    await expect(queue.retryDead(job.id)).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(queue.retryDead('00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });

    failuresLeft = 0;
    await worker().runOnce();
    expect(await queue.getJob(job.id)).toMatchObject({ status: 'succeeded', attempts: 1 });
  });

  it('sends permanent failures, unknown job names and bad payloads straight to dead letters', async () => {
    const permanent = await queue.enqueue('test.permanent', {});
    const store = createJobStore(test.db.kysely, test.db.dialect);
    const now = start.toISOString();
    const row = { status: 'queued', attempts: 0, max_attempts: 5, run_at: now, created_at: now };
    const common = { ...row, updated_at: now, locked_by: null, locked_until: null };
    const base = { ...common, last_error: null, idempotency_key: null, finished_at: null };
    const ghost = '00000000-0000-4000-8000-000000000001';
    const malformed = '00000000-0000-4000-8000-000000000002';
    await store.insert({ ...base, id: ghost, name: 'test.ghost', payload: '{}' });
    await store.insert({ ...base, id: malformed, name: 'test.echo', payload: '{"value":"x"}' });

    expect(await worker().runOnce()).toBe(3);
    expect(await queue.getJob(permanent.id)).toMatchObject({
      status: 'dead',
      attempts: 1,
      lastError: 'recipient rejected',
    });
    expect(await queue.getJob(ghost)).toMatchObject({
      status: 'dead',
      lastError: "No handler is registered for job 'test.ghost'",
    });
    const bad = await queue.getJob(malformed);
    expect(bad?.status).toBe('dead');
    expect(bad?.lastError).toMatch(/^Invalid payload: value:/);
    expect(ran).toEqual([]);
  });

  it('dedupes by idempotency key, also inside transactions', async () => {
    const first = await queue.enqueue('test.echo', { value: 1 }, { idempotencyKey: 'k1' });
    const second = await queue.enqueue('test.echo', { value: 2 }, { idempotencyKey: 'k1' });
    expect(second.id).toBe(first.id);
    expect(second.payload).toEqual({ value: 1 });

    const inTrx = await test.db.kysely
      .transaction()
      .execute((trx) => queue.enqueue('test.echo', { value: 3 }, { idempotencyKey: 'k1', trx }));
    expect(inTrx.id).toBe(first.id);

    await expect(
      test.db.kysely.transaction().execute(async (trx) => {
        await queue.enqueue('test.echo', { value: 4 }, { idempotencyKey: 'k2', trx });
        throw new Error('caller rolled back');
      }),
    ).rejects.toThrow('caller rolled back');
    expect(await queue.listJobs({ limit: 10 })).toHaveLength(1);

    await worker().runOnce();
    const again = await queue.enqueue('test.echo', { value: 5 }, { idempotencyKey: 'k1' });
    expect(again).toMatchObject({ id: first.id, status: 'succeeded' });
    expect(ran).toHaveLength(1);
  });

  it('reclaims the job of a crashed worker once its lease expires', async () => {
    const job = await queue.enqueue('test.echo', { value: 1 });
    const crashed = createJobStore(test.db.kysely, test.db.dialect);
    const now = clock.now().getTime();
    const claimed = await crashed.claim({
      workerId: 'crashed',
      now: new Date(now).toISOString(),
      leaseUntil: new Date(now + 60_000).toISOString(),
      limit: 10,
    });
    expect(claimed.map((j) => j.id)).toEqual([job.id]);

    const w = worker({ leaseMs: 60_000 });
    expect(await w.runOnce()).toBe(0);
    clock.advance(60_000);
    expect(await w.runOnce()).toBe(0);
    clock.advance(1);
    expect(await w.runOnce()).toBe(1);
    expect(await queue.getJob(job.id)).toMatchObject({ status: 'succeeded', attempts: 2 });

    // The crashed worker's late report must not overwrite the outcome.
    const lease = { id: job.id, workerId: 'crashed', claimId: claimed[0]?.claimId ?? '' };
    expect(await crashed.markDead(lease, 'late', clock.now().toISOString())).toBe(false);
    expect(await queue.getJob(job.id)).toMatchObject({ status: 'succeeded', lastError: null });
  });

  it('ignores the report of a worker whose claim was taken over, even with the same id', async () => {
    const job = await queue.enqueue('test.echo', { value: 1 });
    const store = createJobStore(test.db.kysely, test.db.dialect);
    const iso = (ms: number) => new Date(start.getTime() + ms).toISOString();
    const claim = async (workerId: string, at: number) => {
      const [claimed] = await store.claim({
        workerId,
        now: iso(at),
        leaseUntil: iso(9000),
        limit: 1,
      });
      return { id: job.id, workerId, claimId: claimed?.claimId ?? 'nothing claimed' };
    };
    const first = await claim('w1', 0);
    await store.reclaimExpired(iso(9001));
    // The same worker id (a restarted process reusing its name) claims it again: attempt 2.
    const second = await claim('w1', 9001);
    expect(second.claimId).not.toBe(first.claimId);
    expect(
      await store.claim({ workerId: 'w2', now: iso(9001), leaseUntil: iso(9999), limit: 1 }),
    ).toEqual([]);

    expect(await store.complete(first, iso(9500))).toBe(false);
    expect(await store.complete({ ...second, workerId: 'w2' }, iso(9500))).toBe(false);
    expect(await queue.getJob(job.id)).toMatchObject({ status: 'running', lockedBy: 'w1' });
    expect(await store.complete(second, iso(9500))).toBe(true);
    expect(await queue.getJob(job.id)).toMatchObject({
      status: 'succeeded',
      attempts: 2,
      claimId: null,
    });
  });

  it('ignores a stale run after its job went dead, was retried and was claimed again by the same worker id', async () => {
    const store = createJobStore(test.db.kysely, test.db.dialect);
    const reaperMessage = expect.stringMatching(/^Lease expired on the last attempt/) as unknown;
    const job = await queue.enqueue('test.echo', { value: 1 }, { maxAttempts: 1 });
    const iso = (ms: number) => new Date(start.getTime() + ms).toISOString();
    const claim = async (at: number) => {
      const [claimed] = await store.claim({
        workerId: 'w1',
        now: iso(at),
        leaseUntil: iso(at + 1000),
        limit: 1,
      });
      expect(claimed).toMatchObject({ id: job.id, attempts: 1, lockedBy: 'w1' });
      return { id: job.id, workerId: 'w1', claimId: claimed?.claimId ?? '' };
    };

    // The old run stalls past its lease on the last attempt, so the job goes dead under it.
    const oldRun = await claim(0);
    expect(await store.reclaimExpired(iso(1001))).toEqual({ requeued: 0, dead: 1 });
    // An admin retries it (attempts back to 0) and the same worker id claims it: attempts is 1
    // again, exactly what the old run saw, so only the claim id tells the two runs apart.
    clock.set(new Date(iso(2000)));
    await queue.retryDead(job.id);
    const newRun = await claim(2000);

    expect(await store.extendLease(oldRun, iso(5000), iso(2100))).toBe(false);
    expect(await store.complete(oldRun, iso(2100))).toBe(false);
    expect(await store.markDead(oldRun, 'late failure', iso(2100))).toBe(false);
    expect(await store.retryLater(oldRun, iso(9000), 'late failure', iso(2100))).toBe(false);
    expect(await queue.getJob(job.id)).toMatchObject({
      status: 'running',
      lockedBy: 'w1',
      lockedUntil: iso(3000),
      claimId: newRun.claimId,
      // Still the reaper's message from before the retry, not the stale run's.
      lastError: reaperMessage,
    });

    expect(await store.extendLease(newRun, iso(5000), iso(2200))).toBe(true);
    expect(await store.complete(newRun, iso(2300))).toBe(true);
    expect(await queue.getJob(job.id)).toMatchObject({
      status: 'succeeded',
      attempts: 1,
      finishedAt: iso(2300),
      lockedBy: null,
      claimId: null,
      lastError: reaperMessage,
    });
  });

  it('keeps a worker that ran a job before it was retried from reporting on the new run', async () => {
    const gates = [deferred(), deferred()];
    const started = [deferred(), deferred()];
    let runs = 0;
    registry.register('test.gated', {
      schema: z.object({}),
      maxAttempts: 1,
      handle: async () => {
        const run = runs;
        runs += 1;
        started[run]?.resolve();
        await gates[run]?.promise;
        if (run === 0) throw new Error('old run failed late');
      },
    });
    const job = await queue.enqueue('test.gated', {});
    const leaseMs = 60_000;
    const oldWorker = worker({ workerId: 'w1', leaseMs });
    const oldRun = oldWorker.runOnce();
    await started[0]?.promise;

    clock.advance(leaseMs + 1);
    await createJobStore(test.db.kysely, test.db.dialect).reclaimExpired(clock.now().toISOString());
    await queue.retryDead(job.id);
    // A restarted process reusing the id claims the job again, with attempts back at 1.
    const newRun = worker({ workerId: 'w1', leaseMs }).runOnce();
    await started[1]?.promise;
    expect(await queue.getJob(job.id)).toMatchObject({ status: 'running', attempts: 1 });

    gates[0]?.resolve();
    await oldRun;
    const afterStaleReport = await queue.getJob(job.id);
    expect(afterStaleReport?.status).toBe('running');
    expect(afterStaleReport?.lastError).not.toContain('old run failed late');
    expect(log.lines.some((l) => l.message === 'Lease lost before the outcome was recorded')).toBe(
      true,
    );

    gates[1]?.resolve();
    await newRun;
    const finished = await queue.getJob(job.id);
    expect(finished).toMatchObject({ status: 'succeeded', attempts: 1, claimId: null });
    expect(finished?.lastError).not.toContain('old run failed late');
  });

  it('sends a job whose lease expired on its last attempt to dead letters', async () => {
    const job = await queue.enqueue('test.echo', { value: 1 }, { maxAttempts: 1 });
    const iso = (ms: number) => new Date(start.getTime() + ms).toISOString();
    await createJobStore(test.db.kysely, test.db.dialect).claim({
      workerId: 'crashed',
      now: iso(0),
      leaseUntil: iso(1000),
      limit: 1,
    });
    clock.advance(1001);
    expect(await worker().runOnce()).toBe(0);
    const dead = await queue.getJob(job.id);
    expect(dead?.status).toBe('dead');
    expect(dead?.lastError).toMatch(/Lease expired/);
  });

  it('enqueues a scheduled run exactly once even when two workers tick together', async () => {
    const schedule = await queue.upsertSchedule({
      name: 'minutely',
      cron: '* * * * *',
      jobName: 'test.echo',
      payload: { value: 42 },
    });
    expect(schedule.nextRunAt).toBe('2026-03-12T08:01:00.000Z');
    const first = worker({ workerId: 'a' });
    const second = worker({ workerId: 'b', db: secondConnection() });

    expect(await first.runOnce()).toBe(0);
    clock.set(new Date('2026-03-12T08:01:00.000Z'));
    for (let round = 0; round < 3; round += 1) {
      await Promise.all([first.runOnce(), second.runOnce()]);
    }
    let jobs = await queue.listJobs({ limit: 10 });
    expect(jobs.map((j) => j.idempotencyKey)).toEqual([
      'schedule:minutely:2026-03-12T08:01:00.000Z',
    ]);
    expect(ran).toHaveLength(1);
    expect((await queue.listSchedules())[0]).toMatchObject({
      nextRunAt: '2026-03-12T08:02:00.000Z',
      lastRunAt: '2026-03-12T08:01:00.000Z',
    });

    // Several late ticks racing for one overdue run still enqueue it once, and skip missed runs.
    clock.set(new Date('2026-03-12T08:05:30.000Z'));
    await Promise.all([first.runOnce(), second.runOnce(), first.runOnce()]);
    jobs = await queue.listJobs({ limit: 10 });
    expect(jobs).toHaveLength(2);
    expect(jobs[0]?.idempotencyKey).toBe('schedule:minutely:2026-03-12T08:02:00.000Z');
    expect((await queue.listSchedules())[0]?.nextRunAt).toBe('2026-03-12T08:06:00.000Z');

    // A tick working from a stale read cannot move the schedule again.
    const store = createJobStore(test.db.kysely, test.db.dialect);
    const stale = {
      name: 'minutely',
      from: '2026-03-12T08:02:00.000Z',
      now: clock.now().toISOString(),
    };
    expect(await store.advanceSchedule({ ...stale, to: '2026-03-12T08:06:00.000Z' })).toBe(false);
  });

  it('keeps a due run when a schedule is declared again at boot, but not when its cron changes', async () => {
    const input = {
      name: 'nightly',
      cron: '0 2 * * *',
      jobName: 'test.echo',
      payload: { value: 1 },
    };
    await queue.upsertSchedule(input);
    clock.set(new Date('2026-03-13T03:00:00.000Z'));
    const redeclared = await queue.upsertSchedule(input);
    expect(redeclared.nextRunAt).toBe('2026-03-13T02:00:00.000Z');
    const changed = await queue.upsertSchedule({ ...input, cron: '0 4 * * *' });
    expect(changed.nextRunAt).toBe('2026-03-13T04:00:00.000Z');
    await expect(queue.upsertSchedule({ ...input, cron: 'every day' })).rejects.toMatchObject({
      issues: [{ field: 'cron' }],
    });
    await expect(
      queue.upsertSchedule({ ...input, payload: { value: 'one' } }),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it('stop() stops claiming and waits for the job in flight', async () => {
    const release = deferred();
    const started = deferred();
    registry.register('test.slow', {
      schema: z.object({}),
      handle: async () => {
        started.resolve();
        await release.promise;
      },
    });
    const slow = await queue.enqueue('test.slow', {});
    const w = worker({ pollIntervalMs: 5, concurrency: 1 });
    w.start();
    await started.promise;

    let stopped = false;
    const stopping = w.stop().then(() => {
      stopped = true;
    });
    const later = await queue.enqueue('test.echo', { value: 1 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stopped).toBe(false);
    expect(await queue.getJob(slow.id)).toMatchObject({ status: 'running' });

    release.resolve();
    await stopping;
    expect(await queue.getJob(slow.id)).toMatchObject({ status: 'succeeded' });
    expect(await queue.getJob(later.id)).toMatchObject({ status: 'queued' });
  });

  it('drains a backlog with start() and pages through listJobs', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 25; i += 1) ids.add((await queue.enqueue('test.echo', { value: i })).id);
    const w = worker({ pollIntervalMs: 5, concurrency: 3 });
    w.start();
    await waitFor(async () => (await queue.stats()).succeeded === 25);
    await w.stop();
    expect(new Set(ran.map((r) => r.jobId))).toEqual(ids);
    expect(ran).toHaveLength(25);

    const seen: string[] = [];
    let page = await queue.listJobs({ status: 'succeeded', limit: 10 });
    while (page.length > 0) {
      seen.push(...page.map((j) => j.id));
      const last = page.at(-1);
      page = await queue.listJobs({
        status: 'succeeded',
        limit: 10,
        beforeCreatedAt: last?.createdAt,
        beforeId: last?.id,
      });
    }
    expect(seen).toHaveLength(25);
    expect(new Set(seen)).toEqual(ids);
    expect(await queue.listJobs({ status: 'dead', limit: 10 })).toEqual([]);
    expect(await queue.listJobs({ name: 'test.other', limit: 10 })).toEqual([]);
  });
});
