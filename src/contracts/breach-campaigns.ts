import { z } from 'zod';
import { email, longText } from './common.js';
import { locale } from './breach-notices.js';

/**
 * Notification campaigns: one obligation's letters to every person it covers, delivered from
 * an outbox with one row per recipient. Shared by the API and the web app.
 */

export const CAMPAIGN_STATUSES = [
  /** Working out the recipients from the scope snapshot. */
  'preparing',
  /** Recipients known; a test send comes before the start. */
  'ready',
  'sending',
  'paused',
  /** Every recipient was sent to, suppressed or failed. */
  'completed',
  'cancelled',
] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** Why a person in the obligation gets no letter. */
export const SUPPRESSION_REASONS = [
  'missing_email',
  'invalid_email',
  'suppression_list',
  /** The customer was erased: nothing is left to write to. */
  'erased',
] as const;
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];

export const RECIPIENT_STATUSES = ['queued', 'sending', 'sent', 'failed', 'suppressed'] as const;
export type RecipientStatus = (typeof RECIPIENT_STATUSES)[number];

export const campaignInput = z.strictObject({
  /** An obligation of the incident whose recipients are people (`us-ca.residents`). */
  obligationKey: z
    .string()
    .regex(/^[a-z0-9.-]{1,80}(?::[A-Z]{2})?$/, 'must be an obligation key such as us-ca.residents'),
  locale: locale.default('en'),
});
export type CampaignInput = z.output<typeof campaignInput>;

/** Addresses of the team (Cordon users) to send the letter to first, rendered for a sample. */
export const testSendInput = z.strictObject({
  to: z.array(email).min(1).max(20).optional(),
});

/** Credit-monitoring codes from the provider, one per letter, assigned in order. */
export const codesInput = z.strictObject({
  codes: z
    .array(
      z
        .string()
        .trim()
        .regex(/^[A-Za-z0-9-]{4,64}$/, 'must be 4 to 64 letters, digits or dashes'),
    )
    .min(1)
    .max(100_000)
    .refine((codes) => new Set(codes).size === codes.length, 'must not repeat a code'),
});
export const campaignCommand = z.enum(['start', 'pause', 'resume', 'cancel']);
export const campaignCommandParams = z.strictObject({
  id: z.uuid(),
  campaignId: z.uuid(),
  command: campaignCommand,
});
export const campaignParams = z.strictObject({ id: z.uuid(), campaignId: z.uuid() });

export const campaign = z.object({
  id: z.string(),
  incidentId: z.string(),
  obligationKey: z.string(),
  ruleId: z.string(),
  locale: z.string(),
  templateVersion: z.number().int(),
  snapshotId: z.string(),
  status: z.enum(CAMPAIGN_STATUSES),
  /** Preparation: scope members examined of the snapshot's. */
  examined: z.number().int(),
  scopeCustomers: z.number().int(),
  /** People the obligation covers, letters or not. */
  recipients: z.number().int(),
  suppressed: z.record(z.enum(SUPPRESSION_REASONS), z.number().int()),
  suppressedTotal: z.number().int(),
  sent: z.number().int(),
  failed: z.number().int(),
  /** Letters with a credit-monitoring code assigned. */
  codes: z.number().int(),
  /** The template asks for a code: every letter to go needs one before the start. */
  needsCodes: z.boolean(),
  /** Letters still to go (queued or being sent). */
  remaining: z.number().int(),
  testSentAt: z.string().nullable(),
  testRecipients: z.number().int(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  preparedAt: z.string().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type Campaign = z.infer<typeof campaign>;
export const campaignList = z.object({ items: z.array(campaign) });
export const codesResult = z.object({ assigned: z.number().int(), campaign });

export const recipientQuery = z.strictObject({
  status: z.enum(RECIPIENT_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** Keyset paging: recipients after this seq. */
  after: z.coerce.number().int().min(0).default(0),
});

/** A recipient as the team sees it: the customer's id, never the address. */
export const campaignRecipient = z.object({
  seq: z.number().int(),
  customerRef: z.string(),
  status: z.enum(RECIPIENT_STATUSES),
  reason: z.string().nullable(),
  attempts: z.number().int(),
  messageId: z.string(),
  sentAt: z.string().nullable(),
  error: z.string().nullable(),
});
export const recipientPage = z.object({
  items: z.array(campaignRecipient),
  next: z.number().int().nullable(),
});

export const suppressionInput = z.strictObject({
  email,
  reason: longText(500).pipe(z.string().min(3, 'say why, in at least 3 characters')),
});
export const suppression = z.object({
  id: z.string(),
  /** The address masked (`a…@example.com`): the list keeps only a keyed hash of it. */
  hint: z.string(),
  reason: z.string(),
  addedBy: z.string().nullable(),
  addedAt: z.string(),
});
export const suppressionList = z.object({ items: z.array(suppression) });
export const suppressionParams = z.strictObject({
  id: z.string().regex(/^[0-9a-f]{32}$/, 'must be a suppression id'),
});
