import type { JobPage, JobSummary, ListJobsQuery } from '../contracts/jobs.js';
import { Conflict, NotFound } from '../lib/errors.js';
import { authorize, type CallContext, type Requirement } from '../lib/principal.js';
import type { JobQueue } from './jobs.queue.js';
import type { Job } from './jobs.types.js';

/** The slice of the audit service this module needs; the real one satisfies it as is. */
export interface JobAudit {
  record(
    ctx: CallContext,
    record: {
      action: string;
      objectType: string;
      objectId: string;
      outcome?: 'success' | 'failure' | 'denied';
      details?: Record<string, unknown>;
    },
  ): Promise<unknown>;
}

export interface JobServiceDeps {
  queue: Pick<JobQueue, 'listJobs' | 'getJob' | 'retryDead'>;
  audit: JobAudit;
}

/** Job inspection and dead-letter retry are operator powers: admins, or tokens with 'admin'. */
const requirement: Requirement = { role: 'admin', scope: 'admin' };

export function createJobService({ queue, audit }: JobServiceDeps) {
  return {
    async list(ctx: CallContext, query: ListJobsQuery): Promise<JobPage> {
      authorize(ctx, requirement);
      const cursor = query.before === undefined ? undefined : decodeCursor(query.before);
      const jobs = await queue.listJobs({
        status: query.status,
        name: query.name,
        limit: query.limit,
        beforeCreatedAt: cursor?.createdAt,
        beforeId: cursor?.id,
      });
      const last = jobs.length === query.limit ? jobs.at(-1) : undefined;
      return {
        items: jobs.map(toSummary),
        nextBefore: last ? `${last.createdAt}_${last.id}` : null,
      };
    },

    async retry(ctx: CallContext, id: string): Promise<JobSummary> {
      authorize(ctx, requirement);
      const job = await queue.getJob(id);
      if (!job) throw new NotFound('Job', id);
      const target = { action: 'jobs.job.retry', objectType: 'job', objectId: id };
      let requeued: Job;
      try {
        requeued = await queue.retryDead(id);
      } catch (error) {
        if (error instanceof Conflict) {
          await audit.record(ctx, {
            ...target,
            outcome: 'failure',
            details: { status: job.status },
          });
        }
        throw error;
      }
      await audit.record(ctx, {
        ...target,
        details: { jobName: job.name, previousAttempts: job.attempts },
      });
      return toSummary(requeued);
    },
  };
}

export type JobService = ReturnType<typeof createJobService>;

function decodeCursor(cursor: string): { createdAt: string; id: string } {
  const separator = cursor.indexOf('_');
  return { createdAt: cursor.slice(0, separator), id: cursor.slice(separator + 1) };
}

function toSummary(job: Job): JobSummary {
  return {
    id: job.id,
    name: job.name,
    status: job.status,
    attempts: job.attempts,
    maxAttempts: job.maxAttempts,
    runAt: job.runAt,
    lockedBy: job.lockedBy,
    lockedUntil: job.lockedUntil,
    lastError: job.lastError,
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
    finishedAt: job.finishedAt,
  };
}
