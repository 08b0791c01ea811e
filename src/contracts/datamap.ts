import { z } from 'zod';
import { email, id, isoInstant, longText, text, utcInstant } from './common.js';

/**
 * The customer-data map: data categories, the customer directory, the data-sharing ledger and
 * the blast radius computed from them. Shared by the API and the web app.
 */

export const categoryKey = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{1,39}$/, 'must be a category key such as order_history');

export const SENSITIVITIES = ['low', 'moderate', 'high', 'critical'] as const;
export const sensitivity = z.enum(SENSITIVITIES);
export type Sensitivity = z.infer<typeof sensitivity>;

/**
 * Stable codes the breach-notification rules match on. `us_pi_with_name` marks data that is
 * personal information under US state breach laws such as Cal. Civ. Code 1798.82(h)(1) when
 * combined with a name; `us_pi_standalone` marks data covered on its own (1798.82(h)(2):
 * credentials that permit access to an online account).
 */
export const LEGAL_FLAGS = [
  'personal_data',
  'name_element',
  'contact',
  'login_identifier',
  'login_secret',
  'us_pi_with_name',
  'us_pi_standalone',
  'financial_account',
  'pci_account_data',
  'online_identifier',
  'sensitive_personal_info',
  'special_category',
] as const;
export const legalFlag = z.enum(LEGAL_FLAGS);

/** The ledger's category bitmask must stay an exact JavaScript integer (2^53). */
export const MAX_CATEGORIES = 53;

export const dataCategoryInput = z.strictObject({
  key: categoryKey,
  name: text(100),
  description: longText(1000).default(''),
  sensitivity,
  legalFlags: z.array(legalFlag).max(LEGAL_FLAGS.length).default([]),
});
export const dataCategoryUpdate = dataCategoryInput.omit({ key: true });
export const dataCategory = z.object({
  key: z.string(),
  name: z.string(),
  description: z.string(),
  sensitivity,
  legalFlags: z.array(legalFlag),
  builtin: z.boolean(),
});
export type DataCategory = z.infer<typeof dataCategory>;
export const categoryParams = z.strictObject({ key: categoryKey });

/** The shop's own customer id: printable, no spaces, so it is safe in CSV and URLs. */
export const externalId = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces');

export const regionCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{1,3}$/, 'must be a region code such as CA or BY (ISO 3166-2 suffix)');

export const customerInput = z.strictObject({
  email: email.nullable().default(null),
  name: text(200).nullable().default(null),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ().-]{3,40}$/, 'must be a phone number')
    .nullable()
    .default(null),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, 'must be a two-letter ISO 3166-1 country code')
    .nullable()
    .default(null),
  region: regionCode.nullable().default(null),
  locale: z
    .string()
    .trim()
    .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'must be a language tag such as en-GB')
    .nullable()
    .default(null),
  customerSince: utcInstant.nullable().default(null),
});
export type CustomerInput = z.infer<typeof customerInput>;
export const customer = z.object({
  externalId: z.string(),
  email: z.string().nullable(),
  name: z.string().nullable(),
  phone: z.string().nullable(),
  country: z.string().nullable(),
  region: z.string().nullable(),
  locale: z.string().nullable(),
  customerSince: z.string().nullable(),
  updatedAt: isoInstant,
  erasedAt: isoInstant.nullable(),
});
export type Customer = z.infer<typeof customer>;
export const customerParams = z.strictObject({ externalId });
/** A POST body, not a query string: proxies and load balancers log URLs. */
export const customerLookupRequest = z.strictObject({ email });

export const jurisdictionCount = z.object({
  country: z.string().nullable(),
  region: z.string().nullable(),
  customers: z.number().int(),
});
export type JurisdictionCount = z.infer<typeof jurisdictionCount>;
export const customerSummary = z.object({
  total: z.number().int(),
  erased: z.number().int(),
  byJurisdiction: z.array(jurisdictionCount),
});

export const rowError = z.object({
  line: z.number().int(),
  field: z.string(),
  message: z.string(),
});
export type RowError = z.infer<typeof rowError>;

export const IMPORT_STATUSES = ['running', 'committed', 'rejected', 'failed'] as const;
export const customerImport = z.object({
  id,
  format: z.enum(['csv', 'ndjson']),
  status: z.enum(IMPORT_STATUSES),
  rowsRead: z.number().int(),
  rowsInvalid: z.number().int(),
  errors: z.array(rowError),
  inserted: z.number().int().nullable(),
  updated: z.number().int().nullable(),
  startedAt: isoInstant,
  finishedAt: isoInstant.nullable(),
});
export type CustomerImport = z.infer<typeof customerImport>;
export const importQuery = z.strictObject({ format: z.enum(['csv', 'ndjson']).optional() });

/** One line of a `POST /api/v1/sharing-events` NDJSON batch. */
export const sharingEvent = z.strictObject({
  id: z.string().min(1).max(200),
  integration: id,
  customer: externalId,
  categories: z.array(categoryKey).min(1).max(64),
  records: z.number().int().min(0).max(1_000_000_000).default(1),
  at: isoInstant,
});
export type SharingEvent = z.infer<typeof sharingEvent>;
export const sharingIngestQuery = z.strictObject({
  partial: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
});
export const sharingIngestResult = z.object({
  accepted: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.number().int(),
  errors: z.array(rowError),
});
export type SharingIngestResult = z.infer<typeof sharingIngestResult>;

export const sharingAlert = z.object({
  id,
  integrationId: id,
  integrationName: z.string(),
  vendorId: id,
  vendorName: z.string(),
  kind: z.literal('undeclared_category'),
  category: z.string(),
  status: z.enum(['open', 'acknowledged']),
  events: z.number().int(),
  firstSeenAt: isoInstant,
  lastSeenAt: isoInstant,
});
export type SharingAlert = z.infer<typeof sharingAlert>;
export const sharingAlertsQuery = z.strictObject({
  status: z.enum(['open', 'acknowledged']).optional(),
});

export const blastRadiusQuery = z
  .strictObject({
    vendorId: id.optional(),
    integrationId: id.optional(),
    subprocessorId: id.optional(),
    from: utcInstant,
    to: utcInstant,
  })
  .refine((q) => [q.vendorId, q.integrationId, q.subprocessorId].filter(Boolean).length === 1, {
    message: 'give exactly one of vendorId, integrationId or subprocessorId',
    path: ['vendorId'],
  })
  .refine((q) => q.from <= q.to, { message: 'must not be after to', path: ['from'] });
export type BlastRadiusQuery = z.infer<typeof blastRadiusQuery>;

export const blastRadius = z.object({
  target: z.object({
    type: z.enum(['vendor', 'integration', 'subprocessor']),
    id,
    name: z.string(),
  }),
  window: z.object({ from: isoInstant, to: isoInstant }),
  /** Every integration whose shared data the target holds, and the categories that reach it. */
  paths: z.array(
    z.object({
      integrationId: id,
      integrationName: z.string(),
      vendorName: z.string(),
      categories: z.array(z.string()),
    }),
  ),
  customers: z.number().int(),
  /** Customers the ledger names that the directory does not know (no jurisdiction). */
  unknownCustomers: z.number().int(),
  byCategory: z.array(z.object({ key: z.string(), name: z.string(), customers: z.number().int() })),
  byJurisdiction: z.array(jurisdictionCount),
  computedAt: isoInstant,
});
export type BlastRadius = z.infer<typeof blastRadius>;

export const sharingSeriesQuery = z.strictObject({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
export const sharingSeries = z.array(
  z.object({
    integrationId: id,
    integrationName: z.string(),
    days: z.array(
      z.object({
        day: z.string(),
        events: z.number().int(),
        records: z.number().int(),
        customers: z.number().int(),
      }),
    ),
  }),
);

export const dataMapNode = z.object({
  id: z.string(),
  type: z.enum(['shop', 'vendor']),
  name: z.string(),
  status: z.string().nullable(),
  riskTier: z.string().nullable(),
});
export const dataMapEdge = z.object({
  id: z.string(),
  from: z.string(),
  to: z.string(),
  kind: z.enum(['integration', 'subprocessor']),
  label: z.string(),
  categories: z.array(z.string()),
  customers: z.number().int().nullable(),
});
export const dataMap = z.object({ nodes: z.array(dataMapNode), edges: z.array(dataMapEdge) });
export type DataMap = z.infer<typeof dataMap>;

export const eraseRequest = z.strictObject({ reason: text(500, 3) });
export const acknowledgeRequest = z.strictObject({ note: longText(2000).default('') });
