import { z } from 'zod';
import { limit, text, utcInstant } from './common.js';

export const auditEvent = z.object({
  seq: z.number(),
  occurredAt: z.string(),
  actorType: z.enum(['user', 'token', 'system', 'anonymous']),
  actorId: z.string().nullable(),
  actorLabel: z.string().nullable(),
  action: z.string(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  outcome: z.enum(['success', 'failure', 'denied']),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  hash: z.string(),
});
export type AuditEventDto = z.infer<typeof auditEvent>;

export const auditQuery = z.strictObject({
  action: z
    .string()
    .regex(/^[a-z0-9.-]{1,100}$/, 'must be an action name or prefix, such as identity.login')
    .optional(),
  actorId: text(100).optional(),
  objectType: z
    .string()
    .regex(/^[a-z_]{1,50}$/, 'must be an object type')
    .optional(),
  objectId: text(100).optional(),
  outcome: z.enum(['success', 'failure', 'denied']).optional(),
  // Stored instants are all `toISOString()` text, so filters are normalized the same way
  // before they are compared (an offset or missing milliseconds would compare wrongly as text).
  from: utcInstant.optional(),
  to: utcInstant.optional(),
  before: z.coerce.number().int().min(1).optional(),
  limit,
});

export const auditPage = z.object({
  items: z.array(auditEvent),
  nextBefore: z.number().nullable(),
});

export const chainVerification = z.object({
  ok: z.boolean(),
  checked: z.number(),
  headSeq: z.number(),
  headHash: z.string(),
  firstBreak: z.object({ seq: z.number(), reason: z.string(), message: z.string() }).optional(),
});
