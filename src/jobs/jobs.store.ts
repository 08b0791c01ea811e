import { randomUUID } from 'node:crypto';
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Dialect, Executor } from '../db/database.js';
import type { JobSchedulesTable, JobsTable } from '../db/schema.js';
import {
  JOB_STATUSES,
  type ClaimedJob,
  type Job,
  type JobFilter,
  type JobLease,
  type JobSchedule,
  type JobStats,
  type JobStatus,
} from './jobs.types.js';

export type NewJobRow = Insertable<JobsTable>;

export interface ClaimRequest {
  workerId: string;
  now: string;
  leaseUntil: string;
  limit: number;
}

export interface NewScheduleRow {
  name: string;
  cron: string;
  job_name: string;
  payload: string;
  next_run_at: string;
  /** Left unchanged on an existing schedule when omitted, so an operator's choice survives boots. */
  enabled?: boolean;
}

/**
 * The only SQL of the job system. The dialect is passed in because claiming differs: PostgreSQL
 * needs FOR UPDATE SKIP LOCKED so concurrent workers never pick the same row and never wait on
 * each other; SQLite has a single writer, so the plain statement is already exclusive.
 */
export function createJobStore(db: Executor, dialect: Dialect) {
  /**
   * Writes only while the caller still holds the claim it reports on. `claim_id` is the fence:
   * every claim stores a fresh random id, so a later claim of the row (even by the same worker
   * id, and even after an admin retry reset `attempts`) can never match an older one.
   */
  async function updateHeld(lease: JobLease, changes: Updateable<JobsTable>): Promise<boolean> {
    const result = await db
      .updateTable('jobs')
      .set(changes)
      .where('id', '=', lease.id)
      .where('status', '=', 'running')
      .where('locked_by', '=', lease.workerId)
      .where('claim_id', '=', lease.claimId)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  return {
    /**
     * Inserts a job, or returns the one already holding its idempotency key. ON CONFLICT DO
     * NOTHING (rather than catching the unique violation) keeps an outer PostgreSQL transaction
     * usable, since a failed statement would abort it.
     */
    async insert(row: NewJobRow, trx: Executor = db): Promise<{ job: Job; created: boolean }> {
      const inserted = await trx
        .insertInto('jobs')
        .values(row)
        .onConflict((oc) => oc.column('idempotency_key').doNothing())
        .returningAll()
        .executeTakeFirst();
      if (inserted) return { job: toJob(inserted), created: true };
      const existing = await trx
        .selectFrom('jobs')
        .selectAll()
        .where('idempotency_key', '=', row.idempotency_key ?? '')
        .executeTakeFirstOrThrow();
      return { job: toJob(existing), created: false };
    },

    /**
     * One random claim id per call is enough: rows are told apart by their own id, and what
     * the fence needs is that no later claim of the same row ever reuses the value.
     */
    async claim(request: ClaimRequest): Promise<ClaimedJob[]> {
      const claimId = randomUUID();
      const claimWith = (executor: Executor) =>
        executor
          .updateTable('jobs')
          .set((eb) => ({
            status: 'running',
            locked_by: request.workerId,
            locked_until: request.leaseUntil,
            claim_id: claimId,
            attempts: eb('attempts', '+', 1),
            updated_at: request.now,
          }))
          .where('id', 'in', (eb) => {
            const due = eb
              .selectFrom('jobs')
              .select('id')
              .where('status', '=', 'queued')
              .where('run_at', '<=', request.now)
              .orderBy('run_at')
              .limit(request.limit);
            return dialect === 'postgres' ? due.forUpdate().skipLocked() : due;
          })
          .returningAll()
          .execute();
      const rows =
        dialect === 'sqlite' && !db.isTransaction
          ? await db.transaction().execute(claimWith)
          : await claimWith(db);
      return rows
        .map((row) => ({ ...toJob(row), claimId }))
        .sort((a, b) => a.runAt.localeCompare(b.runAt));
    },

    /**
     * Hands jobs whose worker stopped renewing its lease (crash, kill -9, partition) back to the
     * queue. A job that already used its last attempt goes to dead letters instead, so a job
     * that crashes the whole worker cannot loop forever.
     */
    async reclaimExpired(now: string): Promise<{ requeued: number; dead: number }> {
      const expired = () =>
        db.updateTable('jobs').where('status', '=', 'running').where('locked_until', '<', now);
      const dead = await expired()
        .where((eb) => eb('attempts', '>=', eb.ref('max_attempts')))
        .set({
          ...released(now),
          status: 'dead',
          last_error: 'Lease expired on the last attempt: the worker stopped before finishing',
          finished_at: now,
        })
        .executeTakeFirst();
      const requeued = await expired()
        .set({ ...released(now), status: 'queued' })
        .executeTakeFirst();
      return { requeued: Number(requeued.numUpdatedRows), dead: Number(dead.numUpdatedRows) };
    },

    extendLease(lease: JobLease, lockedUntil: string, now: string): Promise<boolean> {
      return updateHeld(lease, { locked_until: lockedUntil, updated_at: now });
    },

    complete(lease: JobLease, now: string): Promise<boolean> {
      return updateHeld(lease, { ...released(now), status: 'succeeded', finished_at: now });
    },

    retryLater(lease: JobLease, runAt: string, error: string, now: string): Promise<boolean> {
      return updateHeld(lease, {
        ...released(now),
        status: 'queued',
        run_at: runAt,
        last_error: error,
      });
    },

    markDead(lease: JobLease, error: string, now: string): Promise<boolean> {
      return updateHeld(lease, {
        ...released(now),
        status: 'dead',
        last_error: error,
        finished_at: now,
      });
    },

    /** Dead → queued with a fresh attempt budget; undefined when the job is not dead. */
    async requeueDead(id: string, now: string): Promise<Job | undefined> {
      const row = await db
        .updateTable('jobs')
        .set({ ...released(now), status: 'queued', attempts: 0, run_at: now, finished_at: null })
        .where('id', '=', id)
        .where('status', '=', 'dead')
        .returningAll()
        .executeTakeFirst();
      return row && toJob(row);
    },

    /** Deletes succeeded jobs that finished before the cut-off; dead ones stay for an admin. */
    async deleteSucceededBefore(cutoff: string): Promise<number> {
      const result = await db
        .deleteFrom('jobs')
        .where('status', '=', 'succeeded')
        .where('finished_at', '<', cutoff)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async get(id: string): Promise<Job | undefined> {
      const row = await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toJob(row);
    },

    async list(filter: JobFilter): Promise<Job[]> {
      let query = db
        .selectFrom('jobs')
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(filter.limit);
      if (filter.status) query = query.where('status', '=', filter.status);
      if (filter.name) query = query.where('name', '=', filter.name);
      const before = filter.beforeCreatedAt;
      const beforeId = filter.beforeId;
      if (before !== undefined && beforeId !== undefined) {
        query = query.where((eb) =>
          eb.or([
            eb('created_at', '<', before),
            eb.and([eb('created_at', '=', before), eb('id', '<', beforeId)]),
          ]),
        );
      } else if (before !== undefined) {
        query = query.where('created_at', '<', before);
      }
      return (await query.execute()).map(toJob);
    },

    async countByStatus(): Promise<JobStats> {
      const rows = await db
        .selectFrom('jobs')
        .select((eb) => ['status', eb.fn.countAll<number>().as('count')])
        .groupBy('status')
        .execute();
      const stats = Object.fromEntries(JOB_STATUSES.map((status) => [status, 0])) as JobStats;
      for (const row of rows) stats[row.status as JobStatus] = Number(row.count);
      return stats;
    },

    /**
     * Creates or updates a schedule. The next run is recomputed only when the cron expression
     * changed: schedules are declared at every boot, and recomputing would skip a run that came
     * due while the process was down.
     */
    async upsertSchedule(row: NewScheduleRow): Promise<JobSchedule> {
      const saved = await db
        .insertInto('job_schedules')
        .values({ ...row, enabled: row.enabled === false ? 0 : 1 })
        .onConflict((oc) =>
          oc.column('name').doUpdateSet((eb) => ({
            cron: eb.ref('excluded.cron'),
            job_name: eb.ref('excluded.job_name'),
            payload: eb.ref('excluded.payload'),
            next_run_at: eb
              .case()
              .when('job_schedules.cron', '=', eb.ref('excluded.cron'))
              .then(eb.ref('job_schedules.next_run_at'))
              .else(eb.ref('excluded.next_run_at'))
              .end(),
            enabled:
              row.enabled === undefined
                ? eb.ref('job_schedules.enabled')
                : eb.ref('excluded.enabled'),
          })),
        )
        .returningAll()
        .executeTakeFirstOrThrow();
      return toSchedule(saved);
    },

    async listSchedules(): Promise<JobSchedule[]> {
      const rows = await db.selectFrom('job_schedules').selectAll().orderBy('name').execute();
      return rows.map(toSchedule);
    },

    async dueSchedules(now: string): Promise<JobSchedule[]> {
      const rows = await db
        .selectFrom('job_schedules')
        .selectAll()
        .where('enabled', '=', 1)
        .where('next_run_at', '<=', now)
        .orderBy('next_run_at')
        .execute();
      return rows.map(toSchedule);
    },

    /**
     * Moves a schedule from the run it was due for to the next one, only if nobody else did
     * first (optimistic check on the old value). `to` is null when the expression has no
     * future run; the schedule is then disabled.
     */
    async advanceSchedule(
      change: { name: string; from: string; to: string | null; now: string },
      trx: Executor = db,
    ): Promise<boolean> {
      const result = await trx
        .updateTable('job_schedules')
        .set({
          next_run_at: change.to ?? change.from,
          last_run_at: change.now,
          enabled: change.to === null ? 0 : 1,
        })
        .where('name', '=', change.name)
        .where('next_run_at', '=', change.from)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
  };
}

export type JobStore = ReturnType<typeof createJobStore>;

function released(now: string) {
  return { locked_by: null, locked_until: null, claim_id: null, updated_at: now };
}

function toJob(row: Selectable<JobsTable>): Job {
  return {
    id: row.id,
    name: row.name,
    payload: parseStoredJson(row.payload),
    status: row.status as JobStatus,
    attempts: Number(row.attempts),
    maxAttempts: Number(row.max_attempts),
    runAt: row.run_at,
    lockedBy: row.locked_by,
    lockedUntil: row.locked_until,
    claimId: row.claim_id,
    lastError: row.last_error,
    idempotencyKey: row.idempotency_key,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
  };
}

function toSchedule(row: Selectable<JobSchedulesTable>): JobSchedule {
  return {
    name: row.name,
    cron: row.cron,
    jobName: row.job_name,
    payload: parseStoredJson(row.payload),
    enabled: Number(row.enabled) === 1,
    nextRunAt: row.next_run_at,
    lastRunAt: row.last_run_at,
  };
}

/**
 * A corrupt payload must not break a whole claim batch or list page: it is returned as the raw
 * text, which then fails the job's schema and sends that one job to dead letters.
 */
function parseStoredJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
