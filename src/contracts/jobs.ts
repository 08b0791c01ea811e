import { z } from 'zod';
import { limit } from './common.js';

export const jobStatus = z.enum(['queued', 'running', 'succeeded', 'dead']);
export type JobStatusDto = z.infer<typeof jobStatus>;

/**
 * A job as the dead-letter screen shows it. The payload is left out on purpose: it can hold
 * email addresses and message bodies, which an operations screen has no need to display.
 */
export const jobSummary = z.object({
  id: z.string(),
  name: z.string(),
  status: jobStatus,
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  runAt: z.string(),
  lockedBy: z.string().nullable(),
  lockedUntil: z.string().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type JobSummary = z.infer<typeof jobSummary>;

/** Opaque to clients: the `nextBefore` of the previous page. */
export const jobCursor = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z_[0-9a-f-]{36}$/,
    'must be a nextBefore value',
  );

export const listJobsQuery = z.strictObject({
  status: jobStatus.optional(),
  name: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]{0,99}$/i, 'must be a job name, such as email.send')
    .optional(),
  before: jobCursor.optional(),
  limit,
});
export type ListJobsQuery = z.infer<typeof listJobsQuery>;

export const jobPage = z.object({ items: z.array(jobSummary), nextBefore: z.string().nullable() });
export type JobPage = z.infer<typeof jobPage>;
