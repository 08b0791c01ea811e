import { z } from 'zod';
import { PermanentJobError, type JobRegistry } from '../jobs/jobs.registry.js';
import type { Mailer } from './mailer.js';

export const EMAIL_SEND_JOB = 'email.send';

export const emailSendPayload = z.object({
  to: z.email().max(254),
  subject: z
    .string()
    .min(1)
    .max(998)
    .refine((value) => !/[\r\n]/.test(value), 'must be a single line'),
  text: z.string().max(1_000_000),
  html: z.string().max(2_000_000).optional(),
});
export type EmailSendPayload = z.infer<typeof emailSendPayload>;

/**
 * Email goes through the job queue so a mail server outage delays messages instead of losing
 * them. Each job sends with a Message-ID derived from its id, so a retry after a crash between
 * "server accepted" and "job recorded" carries the same Message-ID as the first copy.
 */
export function registerMailJobs(
  registry: JobRegistry,
  deps: { mailer: Pick<Mailer, 'send'> },
): void {
  registry.register(EMAIL_SEND_JOB, {
    schema: emailSendPayload,
    maxAttempts: 8,
    backoff: { baseMs: 30_000, maxMs: 2 * 60 * 60_000 },
    handle: async (payload, { jobId }) => {
      try {
        await deps.mailer.send({ ...payload, idempotencyKey: `job.${jobId}` });
      } catch (error) {
        throw toJobError(error);
      }
    },
  });
}

/**
 * The job's last error is stored and shown on the dead-letter screen, and SMTP replies often
 * quote the recipient, so addresses are masked. A 5xx reply is a permanent refusal: retrying
 * only delays the dead letter an operator needs to see.
 */
function toJobError(error: unknown): Error {
  const details = error as { message?: unknown; responseCode?: unknown; code?: unknown };
  const raw = typeof details.message === 'string' ? details.message : String(error);
  const message = raw.replace(/[^\s<>"'(),;:]+@[^\s<>"'(),;:]+/g, '<address>');
  const code = typeof details.responseCode === 'number' ? details.responseCode : undefined;
  const permanent = (code !== undefined && code >= 500) || details.code === 'EENVELOPE';
  return permanent ? new PermanentJobError(message) : new Error(message);
}
