import { z } from 'zod';
import { email, id, isoInstant, longText, text } from './common.js';
import { categoryKey } from './datamap.js';

/**
 * Vendors, their integrations, subprocessors, agreements (legal contracts) and offboarding.
 * Shared by the API and the web app.
 */

export const VENDOR_STATUSES = [
  'prospect',
  'assessing',
  'approved',
  'active',
  'suspended',
  'offboarding',
  'offboarded',
] as const;
export const vendorStatus = z.enum(VENDOR_STATUSES);
export type VendorStatus = z.infer<typeof vendorStatus>;

/**
 * The lifecycle. Later modules (assessments) gate some of these moves; the graph itself lives
 * here so the web app offers only moves the server will accept.
 */
export const VENDOR_TRANSITIONS: Record<VendorStatus, readonly VendorStatus[]> = {
  prospect: ['assessing'],
  assessing: ['approved', 'prospect'],
  approved: ['active', 'assessing'],
  active: ['suspended', 'offboarding', 'assessing'],
  suspended: ['active', 'offboarding'],
  offboarding: ['offboarded', 'active'],
  offboarded: ['prospect'],
};

export const RISK_TIERS = ['critical', 'high', 'medium', 'low'] as const;
export const riskTier = z.enum(RISK_TIERS);
export type RiskTier = z.infer<typeof riskTier>;

/** ISO 3166-1 alpha-2, upper case (`gb`, ` GB ` are accepted and normalised). */
export const countryCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, 'must be a two-letter ISO 3166-1 country code');

export const hostname = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(
    /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
    'must be a domain name such as vendor.example',
  );

export const httpUrl = z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).max(2000);

const tag = text(50).pipe(z.string().regex(/^[^,;]+$/, 'must not contain commas or semicolons'));
const nullableText = (max = 200) => text(max).nullable().default(null);
const dateOnly = z.iso.date({ message: 'must be a date (YYYY-MM-DD)' });

export const vendorInput = z.strictObject({
  legalName: text(200),
  tradingName: nullableText(),
  website: httpUrl.nullable().default(null),
  domains: z.array(hostname).max(50).default([]),
  country: countryCode.nullable().default(null),
  services: longText(2000).default(''),
  businessOwner: nullableText(),
  securityContact: email.nullable().default(null),
  notes: longText(10_000).default(''),
  tags: z.array(tag).max(30).default([]),
});
export type VendorInput = z.infer<typeof vendorInput>;

export const riskFactor = z.object({
  name: z.enum(['sensitivity', 'reach', 'exposure']),
  label: z.string(),
  score: z.number(),
  detail: z.string(),
});

export const riskAssessment = z.object({
  tier: riskTier,
  computedTier: riskTier,
  score: z.number(),
  factors: z.array(riskFactor),
  override: z
    .object({ tier: riskTier, reason: z.string(), by: z.string(), at: isoInstant })
    .nullable(),
});
export type RiskAssessment = z.infer<typeof riskAssessment>;

export const vendor = z.object({
  id,
  legalName: z.string(),
  tradingName: z.string().nullable(),
  website: z.string().nullable(),
  domains: z.array(z.string()),
  country: z.string().nullable(),
  services: z.string(),
  businessOwner: z.string().nullable(),
  securityContact: z.string().nullable(),
  notes: z.string(),
  status: vendorStatus,
  tags: z.array(z.string()),
  riskTier: riskTier,
  createdAt: isoInstant,
  updatedAt: isoInstant,
});
export type Vendor = z.infer<typeof vendor>;

export const vendorSummary = vendor.extend({
  integrationCount: z.number().int(),
  categories: z.array(z.string()),
});
export type VendorSummary = z.infer<typeof vendorSummary>;

export const listVendorsQuery = z.strictObject({
  q: z.string().trim().max(200).optional(),
  status: vendorStatus.optional(),
  tier: riskTier.optional(),
  category: categoryKey.optional(),
  tag: z.string().trim().max(50).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type ListVendorsQuery = z.infer<typeof listVendorsQuery>;

export const vendorPage = z.object({ total: z.number().int(), items: z.array(vendorSummary) });

export const statusChangeRequest = z.strictObject({ status: vendorStatus, reason: longText(2000) });

export const riskOverrideRequest = z.strictObject({
  tier: riskTier.nullable(),
  reason: text(2000, 3),
});

export const contactInput = z.strictObject({
  name: text(200),
  email: email.nullable().default(null),
  phone: z
    .string()
    .trim()
    .max(40)
    .regex(/^\+?[0-9 ().-]{3,40}$/, 'must be a phone number')
    .nullable()
    .default(null),
  role: text(100).default('contact'),
});
export const contact = z.object({
  id,
  vendorId: id,
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  role: z.string(),
  createdAt: isoInstant,
});
export type Contact = z.infer<typeof contact>;

export const INTEGRATION_KINDS = [
  'server_api_client',
  'oauth_app',
  'webhook_subscriber',
  'browser_script',
  'file_transfer',
] as const;
export const integrationKind = z.enum(INTEGRATION_KINDS);
export type IntegrationKind = z.infer<typeof integrationKind>;
export const INTEGRATION_STATUSES = ['planned', 'active', 'suspended', 'retired'] as const;
export const ENVIRONMENTS = ['production', 'staging', 'development'] as const;

/**
 * Where the credential lives (`vault:kv/vendor-x/api-key`, `aws-sm:prod/vendorx`), never the
 * credential itself. Values that look like live secrets are refused outright.
 */
/** Known token formats (Stripe, GitHub, Slack, GitLab, AWS, Google, Cordon, PEM keys). */
const SECRET_PREFIX =
  /([spr]k_(live|test)_|gh[opsur]_|github_pat_|xox[abeprs]-|glpat-|AIza|cdn_|-----BEGIN)/i;
const AWS_KEY_ID = /(AKIA|ASIA)[0-9A-Z]{16}/;
/** A long run of mixed-case letters and digits reads as key material, not a path segment. */
const KEY_MATERIAL = /[A-Za-z0-9+/=_-]{32,}/g;

export function looksLikeSecret(value: string): boolean {
  if (SECRET_PREFIX.test(value) || AWS_KEY_ID.test(value)) return true;
  return (value.match(KEY_MATERIAL) ?? []).some(
    (run) => /[a-z]/.test(run) && /[A-Z]/.test(run) && /[0-9]/.test(run),
  );
}

export const credentialsReference = z
  .string()
  .trim()
  .max(300)
  .regex(/^[a-z][a-z0-9+.-]*:\S+$/, 'must be a reference such as vault:kv/vendor/api-key')
  .refine(
    (value) => !looksLikeSecret(value),
    'looks like a secret; store a reference to where the secret is kept instead',
  );

export const integrationInput = z.strictObject({
  name: text(200),
  kind: integrationKind,
  environment: z.enum(ENVIRONMENTS).default('production'),
  endpoints: z.array(httpUrl).max(50).default([]),
  domains: z.array(hostname).max(50).default([]),
  declaredScopes: z.array(text(100)).max(100).default([]),
  declaredCategories: z.array(categoryKey).max(64).default([]),
  credentialsRef: credentialsReference.nullable().default(null),
  status: z.enum(INTEGRATION_STATUSES).default('planned'),
  owner: nullableText(),
});
export type IntegrationInput = z.infer<typeof integrationInput>;
export const integration = z.object({
  id,
  vendorId: id,
  vendorName: z.string(),
  name: z.string(),
  kind: integrationKind,
  environment: z.enum(ENVIRONMENTS),
  endpoints: z.array(z.string()),
  domains: z.array(z.string()),
  declaredScopes: z.array(z.string()),
  declaredCategories: z.array(z.string()),
  credentialsRef: z.string().nullable(),
  status: z.enum(INTEGRATION_STATUSES),
  owner: z.string().nullable(),
  createdAt: isoInstant,
  updatedAt: isoInstant,
});
export type Integration = z.infer<typeof integration>;

export const subprocessorInput = z.strictObject({
  subprocessorId: id,
  categories: z.array(categoryKey).max(64).default([]),
  location: text(100),
  purpose: longText(1000).default(''),
});
export const subprocessorLink = z.object({
  id,
  vendorId: id,
  vendorName: z.string(),
  subprocessorId: id,
  subprocessorName: z.string(),
  categories: z.array(z.string()),
  location: z.string(),
  purpose: z.string(),
  createdAt: isoInstant,
});
export type SubprocessorLink = z.infer<typeof subprocessorLink>;

export const AGREEMENT_TYPES = ['MSA', 'DPA', 'SCCs', 'NDA', 'SLA'] as const;
const days = z.number().int().min(0).max(3650);
export const agreementInput = z
  .strictObject({
    type: z.enum(AGREEMENT_TYPES),
    title: text(200),
    signedOn: dateOnly.nullable().default(null),
    effectiveOn: dateOnly.nullable().default(null),
    expiresOn: dateOnly.nullable().default(null),
    autoRenews: z.boolean().default(false),
    renewalNoticeDays: days.nullable().default(null),
    terminationNoticeDays: days.nullable().default(null),
    breachNoticeHours: z
      .number()
      .int()
      .min(0)
      .max(24 * 365)
      .nullable()
      .default(null),
    auditRights: z.boolean().default(false),
    subprocessorApproval: z.boolean().default(false),
    notes: longText(10_000).default(''),
  })
  .refine((a) => !a.expiresOn || !a.effectiveOn || a.expiresOn >= a.effectiveOn, {
    message: 'must not be before effectiveOn',
    path: ['expiresOn'],
  });
export type AgreementInput = z.infer<typeof agreementInput>;
export const agreementDocument = z.object({
  id,
  fileName: z.string(),
  sha256: z.string(),
  byteSize: z.number().int(),
  mediaType: z.string(),
  uploadedAt: isoInstant,
});
export const agreement = z.object({
  id,
  vendorId: id,
  type: z.enum(AGREEMENT_TYPES),
  title: z.string(),
  signedOn: z.string().nullable(),
  effectiveOn: z.string().nullable(),
  expiresOn: z.string().nullable(),
  autoRenews: z.boolean(),
  renewalNoticeDays: z.number().int().nullable(),
  terminationNoticeDays: z.number().int().nullable(),
  breachNoticeHours: z.number().int().nullable(),
  auditRights: z.boolean(),
  subprocessorApproval: z.boolean(),
  notes: z.string(),
  documents: z.array(agreementDocument),
  createdAt: isoInstant,
  updatedAt: isoInstant,
});
export type Agreement = z.infer<typeof agreement>;

export const OFFBOARDING_STEPS = [
  'credentials_revoked',
  'deletion_certificate_received',
  'removed_from_published_subprocessors',
] as const;
export const offboardingStep = z.enum(OFFBOARDING_STEPS);
export const offboardingChecklist = z.array(
  z.object({
    step: offboardingStep,
    doneBy: z.string().nullable(),
    doneAt: isoInstant.nullable(),
    note: z.string(),
  }),
);
export const offboardingStepRequest = z.strictObject({ note: longText(2000).default('') });

export const vendorImportResult = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  /** Rows naming an existing vendor whose profile already matched the file. */
  unchanged: z.number().int(),
});

export const vendorIdParams = z.strictObject({ vendorId: id });
export const vendorChildParams = z.strictObject({ vendorId: id, id });

export const agreementDocumentParams = z.strictObject({ vendorId: id, id, documentId: id });

export const expiringAgreementsQuery = z.strictObject({
  days: z.coerce.number().int().min(1).max(365).default(60),
});
export const expiringAgreement = agreement.extend({ vendorName: z.string() });
export type ExpiringAgreement = z.infer<typeof expiringAgreement>;
