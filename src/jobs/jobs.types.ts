export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'dead'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export interface Job {
  id: string;
  name: string;
  /** The payload as enqueued (plain JSON). */
  payload: unknown;
  status: JobStatus;
  /** Attempts started so far; incremented when a worker claims the job. */
  attempts: number;
  maxAttempts: number;
  runAt: string;
  lockedBy: string | null;
  lockedUntil: string | null;
  /** Random id of the current claim while running; never shown outside the job system. */
  claimId: string | null;
  lastError: string | null;
  idempotencyKey: string | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

export interface JobFilter {
  status?: JobStatus | undefined;
  name?: string | undefined;
  limit: number;
  /** Keyset paging: only jobs created before this instant (newest first). */
  beforeCreatedAt?: string | undefined;
  /** Tie-breaker for jobs created in the same millisecond as `beforeCreatedAt`. */
  beforeId?: string | undefined;
}

export type JobStats = Record<JobStatus, number>;

export interface JobSchedule {
  name: string;
  cron: string;
  jobName: string;
  payload: unknown;
  enabled: boolean;
  nextRunAt: string;
  lastRunAt: string | null;
}

/** A job as its claim returned it, holding the id that proves the claim. */
export type ClaimedJob = Job & { claimId: string };

/** What a worker needs to prove it still owns a claimed job when it reports the outcome. */
export interface JobLease {
  id: string;
  workerId: string;
  /** The random id the claim stored; no later claim, by anyone, produces it again. */
  claimId: string;
}

/** The subset of pino's interface the job system logs through. */
export interface JobLogger {
  info(details: object, message?: string): void;
  warn(details: object, message?: string): void;
  error(details: object, message?: string): void;
}
