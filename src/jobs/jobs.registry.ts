import type { z } from 'zod';
import { ValidationError } from '../lib/errors.js';

export interface JobContext {
  jobId: string;
  /** 1 on the first run; a handler may use it to log or to change strategy on retries. */
  attempt: number;
  /** Aborted when the worker loses its lease, so a long handler can stop early. */
  signal: AbortSignal;
}

export interface Backoff {
  baseMs: number;
  maxMs: number;
}

export interface JobDefinition<Schema extends z.ZodType> {
  schema: Schema;
  /** Runs at least once per job, possibly more: it must be idempotent. */
  handle(payload: z.output<Schema>, context: JobContext): Promise<void>;
  maxAttempts?: number;
  backoff?: Partial<Backoff>;
}

export interface RegisteredJob {
  name: string;
  schema: z.ZodType;
  handle(payload: unknown, context: JobContext): Promise<void>;
  maxAttempts: number;
  backoff: Backoff;
}

export const DEFAULT_MAX_ATTEMPTS = 5;
export const DEFAULT_BACKOFF: Backoff = { baseMs: 10_000, maxMs: 60 * 60_000 };

/**
 * Thrown by a handler when retrying cannot help (e.g. a recipient the mail server rejects);
 * the job goes straight to dead letters instead of using up its attempts.
 */
export class PermanentJobError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'PermanentJobError';
  }
}

const jobNamePattern = /^[a-z0-9][a-z0-9._-]{0,99}$/i;

/** Maps job names to handlers. Built once at boot, identically in servers and workers. */
export function createJobRegistry() {
  const jobs = new Map<string, RegisteredJob>();

  function get(name: string): RegisteredJob | undefined {
    return jobs.get(name);
  }

  return {
    register<Schema extends z.ZodType>(name: string, definition: JobDefinition<Schema>): void {
      if (!jobNamePattern.test(name)) throw new Error(`Invalid job name '${name}'`);
      if (jobs.has(name)) throw new Error(`Job '${name}' is already registered`);
      const maxAttempts = definition.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
      if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
        throw new Error(`Job '${name}': maxAttempts must be a positive integer`);
      }
      jobs.set(name, {
        name,
        schema: definition.schema,
        // The worker validates with the same schema before calling, so the cast is checked.
        handle: (payload, context) => definition.handle(payload as z.output<Schema>, context),
        maxAttempts,
        backoff: { ...DEFAULT_BACKOFF, ...definition.backoff },
      });
    },

    get,

    names(): string[] {
      return [...jobs.keys()].sort();
    },

    /** Checks a payload before it is stored, so bad input fails the caller, not a worker later. */
    validate(name: string, payload: unknown): RegisteredJob {
      const job = get(name);
      if (!job) throw ValidationError.forField('name', `no job named '${name}' is registered`);
      const result = job.schema.safeParse(payload);
      if (!result.success)
        throw ValidationError.fromIssues(
          `Invalid payload for job '${name}'`,
          'payload',
          result.error.issues,
        );
      return job;
    },
  };
}

export type JobRegistry = ReturnType<typeof createJobRegistry>;
