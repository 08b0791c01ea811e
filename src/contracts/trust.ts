import { z } from 'zod';
import { email, id, isoInstant, longText, text } from './common.js';

/**
 * The public trust center: what staff edit through `/api/v1/trust/...` and what the public
 * forms accept. Shared by the API and the web app.
 */

export const TRUST_TOPICS = ['updates', 'advisories', 'subprocessors'] as const;
export const trustTopic = z.enum(TRUST_TOPICS);
export type TrustTopic = z.infer<typeof trustTopic>;

/** Statuspage's incident states, in the order an incident usually moves through them. */
export const UPDATE_STATES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export const updateState = z.enum(UPDATE_STATES);
export type UpdateState = z.infer<typeof updateState>;

const hexColour = z
  .string()
  .trim()
  .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour such as #1f4f99')
  .transform((value) => value.toLowerCase());

/** Logos are linked, not uploaded; https only, so the page never loads mixed content. */
const logoUrl = z
  .url({ protocol: /^https$/, message: 'must be an https URL' })
  .max(2000)
  .refine((value) => !/[\s"'<>]/.test(value), 'must not contain spaces or quotes');

export const trustSettingsInput = z.strictObject({
  shopName: text(200),
  logoUrl: logoUrl.nullable().default(null),
  /** Headings, links and buttons; text on it is black or white, whichever contrasts more. */
  brandColour: hexColour.default('#1f4f99'),
  /** How far ahead a new subprocessor must be announced. */
  noticeDays: z.number().int().min(0).max(365).default(30),
  /** Download links for approved document requests expire after this many days. */
  linkDays: z.number().int().min(1).max(90).default(7),
});
export type TrustSettingsInput = z.infer<typeof trustSettingsInput>;
export const trustSettings = z.object({
  shopName: z.string(),
  logoUrl: z.string().nullable(),
  brandColour: z.string(),
  noticeDays: z.number().int(),
  linkDays: z.number().int(),
  updatedAt: isoInstant.nullable(),
});
export type TrustSettings = z.infer<typeof trustSettings>;

export const measureInput = z.strictObject({
  title: text(120),
  description: longText(1000).pipe(z.string().min(1, 'is required')),
});
export const measure = z.object({
  id,
  position: z.number().int(),
  title: z.string(),
  description: z.string(),
  updatedAt: isoInstant,
});
export type Measure = z.infer<typeof measure>;
export const measureOrder = z.strictObject({ ids: z.array(id).min(1).max(200) });

export const DOCUMENT_KINDS = ['certification', 'document'] as const;
export const DOCUMENT_ACCESS = ['public', 'request'] as const;
export const documentMetadata = z.strictObject({
  title: text(200),
  description: longText(1000).default(''),
  kind: z.enum(DOCUMENT_KINDS).default('document'),
  access: z.enum(DOCUMENT_ACCESS),
});
export type DocumentMetadata = z.infer<typeof documentMetadata>;
export const trustDocument = z.object({
  id,
  title: z.string(),
  description: z.string(),
  kind: z.enum(DOCUMENT_KINDS),
  access: z.enum(DOCUMENT_ACCESS),
  fileName: z.string(),
  mediaType: z.string(),
  byteSize: z.number().int(),
  sha256: z.string(),
  createdAt: isoInstant,
  updatedAt: isoInstant,
});
export type TrustDocument = z.infer<typeof trustDocument>;

export const REQUEST_STATUSES = ['pending', 'approved', 'denied', 'revoked'] as const;
export const accessRequestInput = z.strictObject({
  name: text(200),
  email,
  company: text(200),
  reason: longText(2000).pipe(z.string().min(1, 'is required')),
});
export type AccessRequestInput = z.infer<typeof accessRequestInput>;
export const accessRequest = z.object({
  id,
  documentId: id,
  documentTitle: z.string(),
  status: z.enum(REQUEST_STATUSES),
  name: z.string(),
  email: z.string(),
  company: z.string(),
  reason: z.string(),
  createdAt: isoInstant,
  decidedAt: isoInstant.nullable(),
  linkExpiresAt: isoInstant.nullable(),
});
export type AccessRequest = z.infer<typeof accessRequest>;
export const accessRequestQuery = z.strictObject({
  status: z.enum(REQUEST_STATUSES).optional(),
});
export const approveRequestInput = z.strictObject({
  /** Overrides the settings' `linkDays` for this one link. */
  expiresInDays: z.number().int().min(1).max(90).optional(),
});

export const dateOnly = z.iso.date({ message: 'must be a date (YYYY-MM-DD)' });
export const scheduleSubprocessorInput = z.strictObject({
  vendorId: id,
  goLiveOn: dateOnly,
  /** What the public reads as the purpose; the vendor's services when omitted. */
  purpose: longText(500).optional(),
});
export type ScheduleSubprocessorInput = z.infer<typeof scheduleSubprocessorInput>;

export const SUBPROCESSOR_STATES = ['upcoming', 'current', 'removed'] as const;
export const subprocessor = z.object({
  id,
  vendorId: id,
  name: z.string(),
  purpose: z.string(),
  categories: z.array(z.string()),
  location: z.string(),
  state: z.enum(SUBPROCESSOR_STATES),
  goLiveOn: z.string().nullable(),
  announcedAt: isoInstant.nullable(),
  liveSince: isoInstant.nullable(),
  removedAt: isoInstant.nullable(),
});
export type Subprocessor = z.infer<typeof subprocessor>;
export const CHANGE_KINDS = ['announced', 'added', 'changed', 'removed', 'withdrawn'] as const;
export const subprocessorChange = z.object({
  id,
  subprocessorId: id,
  name: z.string(),
  kind: z.enum(CHANGE_KINDS),
  summary: z.string(),
  at: isoInstant,
});
export type SubprocessorChange = z.infer<typeof subprocessorChange>;
export const subprocessorOverview = z.object({
  items: z.array(subprocessor),
  /** Active vendors the public list does not show yet: schedule them to announce them. */
  unannounced: z.array(z.object({ vendorId: id, name: z.string() })),
});
export const syncResult = z.object({
  promoted: z.number().int(),
  changed: z.number().int(),
  removed: z.number().int(),
});

export const statusUpdateInput = z.strictObject({
  incidentId: id,
  state: updateState,
  /** The public headline: written for the public, never copied from the incident. */
  title: text(200),
  body: longText(5000).pipe(z.string().min(1, 'is required')),
});
export type StatusUpdateInput = z.infer<typeof statusUpdateInput>;
export const statusUpdate = z.object({
  id,
  incidentId: id,
  state: updateState,
  title: z.string(),
  body: z.string(),
  publishedAt: isoInstant,
});
export type StatusUpdate = z.infer<typeof statusUpdate>;

export const subscriberCount = z.object({
  confirmed: z.number().int(),
  pending: z.number().int(),
  byTopic: z.record(trustTopic, z.number().int()),
});

/** The public subscribe form, as its fields arrive (checkboxes repeat `topics`). */
export const subscribeInput = z.strictObject({
  email,
  topics: z.array(trustTopic).min(1, 'choose at least one topic').max(3),
});
export type SubscribeInput = z.infer<typeof subscribeInput>;
