import { randomUUID } from 'node:crypto';
import { Cron } from 'croner';
import type { Db, Executor } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import { Conflict, NotFound, ValidationError } from '../lib/errors.js';
import type { JobRegistry } from './jobs.registry.js';
import { createJobStore } from './jobs.store.js';
import type { Job, JobFilter, JobSchedule, JobStats } from './jobs.types.js';

export interface JobQueueDeps {
  db: Db;
  clock: Clock;
  registry: JobRegistry;
}

export interface EnqueueOptions {
  /** Not before this instant; defaults to now. */
  runAt?: Date;
  /** At most one job ever exists per key; enqueueing it again returns that job. */
  idempotencyKey?: string;
  /** Overrides the registered default for this one job. */
  maxAttempts?: number;
  /**
   * Enqueue inside the caller's transaction, so the job exists exactly when the caller's change
   * commits. Without it the job is enqueued on its own, which is what callers should do after
   * their commit when the job must not run against uncommitted data (DESIGN §5).
   */
  trx?: Executor;
}

export interface ScheduleInput {
  name: string;
  /** Five or six fields (seconds optional), evaluated in UTC. */
  cron: string;
  jobName: string;
  payload: unknown;
  enabled?: boolean;
}

/** The next run of a UTC cron expression strictly after `after`; null when there is none. */
export function nextCronRun(cron: string, after: Date): Date | null {
  // Without a callback croner starts no timer: it is used here purely as a calculator.
  return new Cron(cron, { timezone: 'UTC', paused: true }).nextRun(after);
}

export function createJobQueue({ db, clock, registry }: JobQueueDeps) {
  const store = createJobStore(db.kysely, db.dialect);

  return {
    async enqueue(name: string, payload: unknown, options: EnqueueOptions = {}): Promise<Job> {
      const definition = registry.validate(name, payload);
      const maxAttempts = options.maxAttempts ?? definition.maxAttempts;
      if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
        throw ValidationError.forField('maxAttempts', 'must be a positive integer');
      }
      const key = options.idempotencyKey;
      if (key !== undefined && (key.length === 0 || key.length > 255)) {
        throw ValidationError.forField('idempotencyKey', 'must be 1 to 255 characters');
      }
      const now = clock.now().toISOString();
      const { job } = await store.insert(
        {
          id: randomUUID(),
          name,
          payload: JSON.stringify(payload ?? null),
          status: 'queued',
          attempts: 0,
          max_attempts: maxAttempts,
          run_at: (options.runAt ?? clock.now()).toISOString(),
          locked_by: null,
          locked_until: null,
          claim_id: null,
          last_error: null,
          idempotency_key: key ?? null,
          created_at: now,
          updated_at: now,
          finished_at: null,
        },
        options.trx,
      );
      return job;
    },

    async upsertSchedule(input: ScheduleInput): Promise<JobSchedule> {
      if (!/^[a-z0-9][a-z0-9._-]{0,99}$/i.test(input.name)) {
        throw ValidationError.forField('name', `'${input.name}' is not a valid schedule name`);
      }
      registry.validate(input.jobName, input.payload);
      let next: Date | null;
      try {
        next = nextCronRun(input.cron, clock.now());
      } catch (error) {
        throw ValidationError.forField('cron', error instanceof Error ? error.message : 'invalid');
      }
      if (!next) throw ValidationError.forField('cron', `'${input.cron}' never runs again`);
      return store.upsertSchedule({
        name: input.name,
        cron: input.cron,
        job_name: input.jobName,
        payload: JSON.stringify(input.payload ?? null),
        next_run_at: next.toISOString(),
        ...(input.enabled === undefined ? {} : { enabled: input.enabled }),
      });
    },

    listSchedules(): Promise<JobSchedule[]> {
      return store.listSchedules();
    },

    listJobs(filter: JobFilter): Promise<Job[]> {
      return store.list(filter);
    },

    getJob(id: string): Promise<Job | undefined> {
      return store.get(id);
    },

    /** Gives a dead job a fresh set of attempts, starting now. */
    async retryDead(id: string): Promise<Job> {
      const requeued = await store.requeueDead(id, clock.now().toISOString());
      if (requeued) return requeued;
      const existing = await store.get(id);
      if (!existing) throw new NotFound('Job', id);
      throw new Conflict(`Job '${id}' is ${existing.status}; only dead jobs can be retried`);
    },

    /** Forgets succeeded jobs older than `retentionDays`, so the table does not grow forever. */
    purgeSucceeded(retentionDays: number): Promise<number> {
      const cutoff = new Date(clock.now().getTime() - retentionDays * 86_400_000);
      return store.deleteSucceededBefore(cutoff.toISOString());
    },

    stats(): Promise<JobStats> {
      return store.countByStatus();
    },
  };
}

export type JobQueue = ReturnType<typeof createJobQueue>;
