import { z } from 'zod';
import type { EnqueueOptions, JobQueue } from '../jobs/jobs.queue.js';
import { PermanentJobError, type JobRegistry } from '../jobs/jobs.registry.js';
import type { SecretBox } from './crypto.js';
import { ValidationError } from './errors.js';
import { smtpFailure, type Mailer } from './mailer.js';

export const EMAIL_SEND_JOB = 'email.send';

/** The HKDF purpose of the key that seals queued mail; see `deriveKey`. */
export const MAIL_OUTBOX_KEY_PURPOSE = 'mail-outbox';

/**
 * Associated data for every sealed message, so a value sealed for another purpose cannot pass
 * as an email. The job id is assigned by the insert and so cannot be bound; copying a sealed
 * payload onto another row needs write access to the database and at most re-sends a message.
 */
const SEALED_FOR = EMAIL_SEND_JOB;

/**
 * Header fields a sender may add (list headers such as RFC 8058's List-Unsubscribe). Fields the
 * mailer sets itself, or that change who receives the message, cannot be overridden, and no
 * value may hold a line break (which would start a header of the value's choosing).
 */
const RESERVED_HEADERS = new Set([
  'from',
  'to',
  'cc',
  'bcc',
  'sender',
  'reply-to',
  'subject',
  'message-id',
  'date',
  'content-type',
  'content-transfer-encoding',
  'mime-version',
]);
const extraHeaders = z
  .record(
    z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9-]{0,76}$/, 'must be a header field name')
      .refine((name) => !RESERVED_HEADERS.has(name.toLowerCase()), 'is set by the mailer'),
    z
      .string()
      .max(998)
      .refine((value) => !/[\r\n]/.test(value), 'must be a single line'),
  )
  .refine((headers) => Object.keys(headers).length <= 10, 'at most 10 extra headers');

/** What a caller queues; checked before sealing, and again after opening. */
export const emailMessage = z.object({
  to: z.email().max(254),
  subject: z
    .string()
    .min(1)
    .max(998)
    .refine((value) => !/[\r\n]/.test(value), 'must be a single line'),
  text: z.string().max(1_000_000),
  html: z.string().max(2_000_000).optional(),
  headers: extraHeaders.optional(),
});
export type EmailMessage = z.infer<typeof emailMessage>;

/**
 * The stored payload is the message sealed with AES-256-GCM, never the message itself.
 * Invitation and password-reset emails carry live one-time links, and every email carries an
 * address: in clear text they would sit in the jobs table, and in every backup of it, until
 * the row is purged (or forever, for a dead letter). Sealed, the row reveals only its size.
 */
export const emailSendPayload = z.strictObject({
  // Bounds the row. The queue checks it at enqueue, so a message too big to fit fails its
  // caller there rather than a worker later.
  sealed: z.string().min(1).max(12_000_000),
});
export type EmailSendPayload = z.infer<typeof emailSendPayload>;

/** Validates, seals and queues a message; the shape identity's `MailSender` expects. */
export function createQueuedMail(
  queue: { enqueue: (...args: Parameters<JobQueue['enqueue']>) => Promise<unknown> },
  secretBox: SecretBox,
) {
  return {
    async send(
      message: EmailMessage,
      options: Pick<EnqueueOptions, 'idempotencyKey' | 'runAt' | 'trx'> = {},
    ): Promise<void> {
      const parsed = emailMessage.safeParse(message);
      if (!parsed.success)
        throw ValidationError.fromIssues('Invalid email message', 'message', parsed.error.issues);
      const sealed = secretBox.seal(JSON.stringify(parsed.data), SEALED_FOR);
      await queue.enqueue(EMAIL_SEND_JOB, { sealed } satisfies EmailSendPayload, options);
    },
  };
}

export type QueuedMail = ReturnType<typeof createQueuedMail>;

/**
 * Email goes through the job queue so a mail server outage delays messages instead of losing
 * them. Each job sends with a Message-ID derived from its id, so a retry after a crash between
 * "server accepted" and "job recorded" carries the same Message-ID as the first copy.
 */
export function registerMailJobs(
  registry: JobRegistry,
  deps: { mailer: Pick<Mailer, 'send'>; secretBox: SecretBox },
): void {
  registry.register(EMAIL_SEND_JOB, {
    schema: emailSendPayload,
    maxAttempts: 8,
    backoff: { baseMs: 30_000, maxMs: 2 * 60 * 60_000 },
    handle: async (payload, { jobId }) => {
      const message = openMessage(deps.secretBox, payload.sealed);
      try {
        await deps.mailer.send({ ...message, idempotencyKey: `job.${jobId}` });
      } catch (error) {
        throw toJobError(error);
      }
    },
  });
}

/**
 * A message that does not open (another deployment's key, a tampered row) never will, so the
 * job goes straight to dead letters; the error says why without quoting anything sealed.
 */
function openMessage(secretBox: SecretBox, sealed: string): EmailMessage {
  let plaintext: string;
  try {
    plaintext = secretBox.open(sealed, SEALED_FOR);
  } catch {
    throw new PermanentJobError(
      'The sealed email could not be opened: it was sealed under another master key or altered',
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(plaintext);
  } catch {
    throw new PermanentJobError('The sealed email does not hold JSON');
  }
  const result = emailMessage.safeParse(parsed);
  if (!result.success) {
    const fields = [...new Set(result.error.issues.map((issue) => issue.path.join('.')))];
    throw new PermanentJobError(`The sealed email is not a valid message (${fields.join(', ')})`);
  }
  return result.data;
}

/**
 * The job's last error is stored and shown on the dead-letter screen, so it is the masked
 * message; a permanent refusal goes straight to dead letters an operator needs to see.
 */
function toJobError(error: unknown): Error {
  const { message, permanent } = smtpFailure(error);
  return permanent ? new PermanentJobError(message) : new Error(message);
}
