import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { z } from 'zod';
import type { Db } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import { ValidationError } from '../lib/errors.js';
import { nextCronRun, type JobQueue } from './jobs.queue.js';
import {
  DEFAULT_BACKOFF,
  PermanentJobError,
  type Backoff,
  type JobRegistry,
} from './jobs.registry.js';
import { createJobStore } from './jobs.store.js';
import type { ClaimedJob, Job, JobLease, JobLogger, JobSchedule } from './jobs.types.js';

export interface WorkerDeps {
  db: Db;
  clock: Clock;
  queue: Pick<JobQueue, 'enqueue'>;
  registry: JobRegistry;
  logger: JobLogger;
  workerId?: string;
  concurrency?: number;
  pollIntervalMs?: number;
  leaseMs?: number;
  /** Source of jitter in [0, 1); tests pin it to make retry times exact. */
  random?: () => number;
}

type Outcome = { kind: 'succeeded' } | { kind: 'failed'; error: string; permanent: boolean };

const MAX_ERROR_LENGTH = 1000;

/**
 * Exponential backoff with "equal jitter": half the delay is fixed so retries never bunch up
 * at zero, the other half is random so a burst of failures does not retry in lockstep.
 */
export function backoffDelay(backoff: Backoff, attempt: number, random: () => number): number {
  const ceiling = Math.min(backoff.baseMs * 2 ** Math.max(0, attempt - 1), backoff.maxMs);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export function createWorker(deps: WorkerDeps) {
  const { db, clock, queue, registry, logger } = deps;
  const workerId = deps.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const concurrency = deps.concurrency ?? 4;
  const pollIntervalMs = deps.pollIntervalMs ?? 500;
  const leaseMs = deps.leaseMs ?? 60_000;
  const random = deps.random ?? Math.random;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new Error('Worker concurrency must be a positive integer');
  }
  const store = createJobStore(db.kysely, db.dialect);
  const inFlight = new Set<Promise<void>>();
  /** Signals of the handlers running, aborted on stop so long ones end (and are retried). */
  const running = new Set<AbortController>();
  let state: 'idle' | 'running' | 'stopping' = 'idle';
  let loopDone: Promise<void> = Promise.resolve();
  let wake: (() => void) | null = null;
  let lastMaintenance = Number.NEGATIVE_INFINITY;

  const iso = (ms: number) => new Date(ms).toISOString();

  async function maintain(): Promise<void> {
    await tickSchedules();
    const reclaimed = await store.reclaimExpired(clock.now().toISOString());
    if (reclaimed.requeued > 0 || reclaimed.dead > 0) {
      logger.warn({ workerId, ...reclaimed }, 'Reclaimed jobs whose worker lease expired');
    }
  }

  async function tickSchedules(): Promise<void> {
    const now = clock.now();
    for (const schedule of await store.dueSchedules(now.toISOString())) {
      try {
        await fireSchedule(schedule, now);
      } catch (error) {
        logger.error(
          { schedule: schedule.name, error: errorMessage(error) },
          'Schedule tick failed',
        );
      }
    }
  }

  /**
   * Advancing first, in the same transaction as the enqueue, means a worker that lost the race
   * enqueues nothing; the idempotency key is a second guard should two ever both get through.
   */
  async function fireSchedule(schedule: JobSchedule, now: Date): Promise<void> {
    let next: Date | null = null;
    try {
      next = nextCronRun(schedule.cron, now);
    } catch (error) {
      logger.error(
        { schedule: schedule.name, error: errorMessage(error) },
        'Invalid cron; disabled',
      );
    }
    await db.kysely.transaction().execute(async (trx) => {
      const change = { name: schedule.name, from: schedule.nextRunAt, now: now.toISOString() };
      const advanced = await store.advanceSchedule(
        { ...change, to: next?.toISOString() ?? null },
        trx,
      );
      if (!advanced) return;
      const idempotencyKey = `schedule:${schedule.name}:${schedule.nextRunAt}`;
      try {
        await queue.enqueue(schedule.jobName, schedule.payload, { idempotencyKey, trx });
      } catch (error) {
        // A payload or job name this build no longer accepts would fail on every tick; skip
        // this run (loudly) rather than spin. Validation runs before any SQL, so trx is intact.
        if (!(error instanceof ValidationError)) throw error;
        logger.error({ schedule: schedule.name, error: error.message }, 'Scheduled run skipped');
      }
    });
  }

  async function claimAndStart(): Promise<Array<Promise<void>>> {
    const free = concurrency - inFlight.size;
    if (free <= 0) return [];
    const now = clock.now().getTime();
    const jobs = await store.claim({
      workerId,
      now: iso(now),
      leaseUntil: iso(now + leaseMs),
      limit: free,
    });
    return jobs.map((job) => track(execute(job)));
  }

  function track(run: Promise<void>): Promise<void> {
    inFlight.add(run);
    const settle = () => {
      inFlight.delete(run);
      wake?.();
    };
    void run.then(settle, settle);
    return run;
  }

  /** Never rejects: every failure becomes a recorded outcome or, failing that, a log line. */
  async function execute(job: ClaimedJob): Promise<void> {
    const lease: JobLease = { id: job.id, workerId, claimId: job.claimId };
    try {
      await record(job, lease, await runHandler(job, lease));
    } catch (error) {
      // The lease will expire and another worker will pick the job up again.
      logger.error({ jobId: job.id, error: errorMessage(error) }, 'Could not record job outcome');
    }
  }

  async function runHandler(job: Job, lease: JobLease): Promise<Outcome> {
    const definition = registry.get(job.name);
    if (!definition) {
      const error = `No handler is registered for job '${job.name}'`;
      return { kind: 'failed', error, permanent: true };
    }
    const parsed = definition.schema.safeParse(job.payload);
    if (!parsed.success) {
      const error = `Invalid payload: ${describeIssues(parsed.error.issues)}`;
      return { kind: 'failed', error, permanent: true };
    }
    const controller = new AbortController();
    running.add(controller);
    const heartbeat = setInterval(() => void renew(lease, controller), Math.max(100, leaseMs / 3));
    heartbeat.unref();
    try {
      await definition.handle(parsed.data, {
        jobId: job.id,
        attempt: job.attempts,
        signal: controller.signal,
      });
      return { kind: 'succeeded' };
    } catch (error) {
      return {
        kind: 'failed',
        error: errorMessage(error),
        permanent: error instanceof PermanentJobError,
      };
    } finally {
      clearInterval(heartbeat);
      running.delete(controller);
    }
  }

  /** Keeps the lease ahead of expiry while a long handler runs, and tells it if it was lost. */
  async function renew(lease: JobLease, controller: AbortController): Promise<void> {
    try {
      const now = clock.now().getTime();
      const held = await store.extendLease(lease, iso(now + leaseMs), iso(now));
      if (!held && !controller.signal.aborted) {
        logger.warn({ jobId: lease.id, workerId }, 'Job lease lost while running');
        controller.abort(new Error('The job lease was lost to another worker'));
      }
    } catch (error) {
      logger.warn({ jobId: lease.id, error: errorMessage(error) }, 'Could not renew job lease');
    }
  }

  async function record(job: Job, lease: JobLease, outcome: Outcome): Promise<void> {
    const now = clock.now().getTime();
    let held: boolean;
    if (outcome.kind === 'succeeded') {
      held = await store.complete(lease, iso(now));
    } else if (outcome.permanent || job.attempts >= job.maxAttempts) {
      held = await store.markDead(lease, outcome.error, iso(now));
      const details = { jobId: job.id, jobName: job.name, attempt: job.attempts };
      logger.error({ ...details, error: outcome.error }, 'Job moved to dead letters');
    } else {
      const backoff = registry.get(job.name)?.backoff ?? DEFAULT_BACKOFF;
      const runAt = now + backoffDelay(backoff, job.attempts, random);
      held = await store.retryLater(lease, iso(runAt), outcome.error, iso(now));
      const details = { jobId: job.id, jobName: job.name, attempt: job.attempts };
      logger.warn(
        { ...details, error: outcome.error, retryAt: iso(runAt) },
        'Job failed; will retry',
      );
    }
    if (!held) {
      logger.warn({ jobId: job.id, workerId }, 'Lease lost before the outcome was recorded');
    }
  }

  function pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      wake = done;
    });
  }

  async function loop(): Promise<void> {
    while (state === 'running') {
      let free = 0;
      let claimed = 0;
      try {
        // Maintenance is throttled so a busy worker does not add queries per job.
        if (performance.now() - lastMaintenance >= pollIntervalMs) {
          lastMaintenance = performance.now();
          await maintain();
        }
        free = concurrency - inFlight.size;
        claimed = (await claimAndStart()).length;
      } catch (error) {
        logger.error({ workerId, error: errorMessage(error) }, 'Job poll failed');
      }
      if (state !== 'running') break;
      const queueMayHaveMore = claimed > 0 && claimed === free;
      if (!queueMayHaveMore || inFlight.size >= concurrency) await pause(pollIntervalMs);
    }
  }

  return {
    workerId,

    start(): void {
      if (state !== 'idle') return;
      state = 'running';
      logger.info({ workerId, concurrency }, 'Job worker started');
      loopDone = loop();
    },

    /**
     * Stops claiming, tells running handlers through their signal, then waits for them (a
     * graceful drain). A handler that stops early throws, so its job runs again elsewhere.
     */
    async stop(): Promise<void> {
      if (state === 'running') state = 'stopping';
      wake?.();
      for (const controller of running) controller.abort(new Error('The worker is stopping'));
      await loopDone;
      while (inFlight.size > 0) await Promise.all([...inFlight]);
      if (state === 'stopping') logger.info({ workerId }, 'Job worker stopped');
      state = 'idle';
    },

    /** One poll: fire due schedules, reclaim expired leases, run what can be claimed. */
    async runOnce(): Promise<number> {
      await maintain();
      const started = await claimAndStart();
      await Promise.all(started);
      return started.length;
    },
  };
}

export type Worker = ReturnType<typeof createWorker>;

function errorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message || error.name : String(error);
  return message.slice(0, MAX_ERROR_LENGTH);
}

function describeIssues(issues: z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}
