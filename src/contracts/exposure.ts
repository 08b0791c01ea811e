import { z } from 'zod';
import { id, limit, text } from './common.js';

/** Vendor software exposure: SBOMs, components, advisories, findings, alerts. */
export const FINDING_STATUSES = ['open', 'fixed', 'not_affected', 'risk_accepted'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];
export const SEVERITY_RATINGS = ['critical', 'high', 'medium', 'low', 'none', 'unknown'] as const;
export type SeverityRating = (typeof SEVERITY_RATINGS)[number];
export const ADVISORY_KINDS = ['osv', 'kev', 'nvd'] as const;
export type AdvisoryKind = (typeof ADVISORY_KINDS)[number];
export const ALERT_REASONS = ['known_exploited', 'critical'] as const;

const dateOnly = z.iso.date({ message: 'must be a date (YYYY-MM-DD)' });

export const sbomSummary = z.object({
  id: z.string(),
  vendorId: z.string(),
  integrationId: z.string().nullable(),
  format: z.enum(['cyclonedx', 'spdx']),
  specVersion: z.string(),
  fileName: z.string(),
  sha256: z.string(),
  componentCount: z.number().int(),
  added: z.number().int(),
  removed: z.number().int(),
  changed: z.number().int(),
  uploadedVia: z.enum(['upload', 'portal']),
  uploadedBy: z.string().nullable(),
  uploadedAt: z.string(),
});
export type SbomSummary = z.infer<typeof sbomSummary>;

export const sbomUploadResult = sbomSummary.extend({
  findingsOpened: z.number().int(),
  findingsFixed: z.number().int(),
});
export type SbomUploadResult = z.infer<typeof sbomUploadResult>;

export const sbomChange = z.object({
  change: z.enum(['added', 'removed', 'changed']),
  ecosystem: z.string().nullable(),
  name: z.string(),
  fromVersion: z.string().nullable(),
  toVersion: z.string().nullable(),
});
export type SbomChange = z.infer<typeof sbomChange>;

export const sbomChanges = z.object({ sbom: sbomSummary, changes: z.array(sbomChange) });

export const component = z.object({
  id: z.string(),
  vendorId: z.string(),
  integrationId: z.string().nullable(),
  origin: z.enum(['sbom', 'declared']),
  ecosystem: z.string().nullable(),
  name: z.string(),
  version: z.string().nullable(),
  purl: z.string().nullable(),
  cpe: z.string().nullable(),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  openFindings: z.number().int(),
});
export type Component = z.infer<typeof component>;
export const componentPage = z.object({ items: z.array(component), total: z.number().int() });
export const componentQuery = z.strictObject({
  q: text(200).optional(),
  limit,
  offset: z.coerce.number().int().min(0).default(0),
});

/** A product the vendor says it runs, described by a CPE 2.3 name or a package URL. */
export const declaredProductInput = z
  .strictObject({
    integrationId: id.nullable().default(null),
    name: text(200),
    version: text(100),
    cpe: text(400).nullable().default(null),
    purl: text(1000).nullable().default(null),
  })
  .refine((input) => input.cpe !== null || input.purl !== null, {
    message: 'give a CPE 2.3 name or a package URL',
    path: ['cpe'],
  });
export type DeclaredProductInput = z.infer<typeof declaredProductInput>;

export const declaredFromAnswers = z.object({
  /** Products the answers name by CPE or package URL, with a version. */
  named: z.number().int(),
  declared: z.array(component),
  findingsOpened: z.number().int(),
});

export const kevFacts = z.object({
  cveId: z.string(),
  dateAdded: z.string(),
  dueDate: z.string().nullable(),
  ransomware: z.boolean(),
});

export const finding = z.object({
  id: z.string(),
  vendorId: z.string(),
  vendorName: z.string(),
  integrationId: z.string().nullable(),
  componentId: z.string().nullable(),
  origin: z.enum(['sbom', 'declared']),
  ecosystem: z.string().nullable(),
  componentName: z.string(),
  componentVersion: z.string().nullable(),
  purl: z.string().nullable(),
  advisoryId: z.string(),
  summary: z.string().nullable(),
  severity: z.enum(SEVERITY_RATINGS),
  score: z.number().nullable(),
  knownExploited: z.boolean(),
  kev: kevFacts.nullable(),
  fixedVersion: z.string().nullable(),
  versionComparable: z.boolean(),
  match: z.object({ source: z.string(), range: z.string(), rule: z.string() }),
  status: z.enum(FINDING_STATUSES),
  statusReason: z.string().nullable(),
  statusBy: z.string().nullable(),
  acceptedUntil: z.string().nullable(),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  resolvedAt: z.string().nullable(),
  /** Days since first seen, up to now or to resolution: what the UI shows as aging. */
  ageDays: z.number().int(),
});
export type Finding = z.infer<typeof finding>;
export const findingPage = z.object({ items: z.array(finding), total: z.number().int() });

const boolFlag = z.enum(['true', 'false']).transform((value) => value === 'true');
export const findingQuery = z.strictObject({
  vendorId: id.optional(),
  status: z.enum(FINDING_STATUSES).optional(),
  severity: z.enum(SEVERITY_RATINGS).optional(),
  knownExploited: boolFlag.optional(),
  limit,
  offset: z.coerce.number().int().min(0).default(0),
});
export type FindingQuery = z.infer<typeof findingQuery>;

export const advisoryView = z.object({
  id: z.string(),
  kind: z.enum(['osv', 'nvd']),
  source: z.string(),
  attribution: z.string(),
  summary: z.string().nullable(),
  details: z.string().nullable(),
  aliases: z.array(z.string()),
  published: z.string().nullable(),
  modified: z.string(),
  withdrawn: z.string().nullable(),
  severity: z.enum(SEVERITY_RATINGS),
  score: z.number().nullable(),
  vector: z.string().nullable(),
  severitySource: z.string(),
  references: z.array(z.object({ type: z.string(), url: z.string() })),
  affected: z.array(
    z.object({
      package: z.string(),
      ranges: z.array(z.string()),
      versions: z.array(z.string()),
    }),
  ),
});
export type AdvisoryView = z.infer<typeof advisoryView>;

/** Who runs what an advisory affects, worked out from the component index at call time. */
export const advisoryImpact = z.object({
  advisoryId: z.string(),
  vendors: z.number().int(),
  components: z.array(
    z.object({
      vendorId: z.string(),
      vendorName: z.string(),
      integrationId: z.string().nullable(),
      componentId: z.string(),
      name: z.string(),
      version: z.string().nullable(),
      rule: z.string(),
      fixedVersion: z.string().nullable(),
    }),
  ),
});
export type AdvisoryImpact = z.infer<typeof advisoryImpact>;

export const findingDetail = finding.extend({ advisory: advisoryView });
export type FindingDetail = z.infer<typeof findingDetail>;

export const findingStatusInput = z
  .strictObject({
    status: z.enum(['open', 'not_affected', 'risk_accepted']),
    reason: text(1000, 3),
    acceptedUntil: dateOnly.nullable().default(null),
  })
  .refine((input) => input.status !== 'risk_accepted' || input.acceptedUntil !== null, {
    message: 'a risk acceptance needs an expiry date',
    path: ['acceptedUntil'],
  });
export type FindingStatusInput = z.infer<typeof findingStatusInput>;

export const importQuery = z.strictObject({ kind: z.enum(ADVISORY_KINDS) });

export const importResult = z.object({
  id: z.string(),
  kind: z.enum(ADVISORY_KINDS),
  fileName: z.string(),
  records: z.number().int(),
  added: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  findingsOpened: z.number().int(),
  importedBy: z.string().nullable(),
  importedAt: z.string(),
});
export type ImportResult = z.infer<typeof importResult>;
export const importList = z.object({ items: z.array(importResult) });

export const vendorExposure = z.object({
  vendorId: z.string(),
  vendorName: z.string(),
  open: z.number().int(),
  knownExploited: z.number().int(),
  critical: z.number().int(),
  high: z.number().int(),
  oldestOpenDays: z.number().int().nullable(),
});
export const portfolio = z.object({
  vendors: z.array(vendorExposure),
  totals: z.object({
    open: z.number().int(),
    knownExploited: z.number().int(),
    critical: z.number().int(),
    vendorsAffected: z.number().int(),
  }),
});
export type Portfolio = z.infer<typeof portfolio>;

export const trendQuery = z.strictObject({
  days: z.coerce.number().int().min(7).max(730).default(90),
});
export const trend = z.object({
  days: z.array(
    z.object({ date: z.string(), open: z.number().int(), knownExploited: z.number().int() }),
  ),
});
export type Trend = z.infer<typeof trend>;

export const exposureAlert = z.object({
  id: z.string(),
  findingId: z.string(),
  vendorId: z.string(),
  vendorName: z.string(),
  reason: z.enum(ALERT_REASONS),
  title: z.string(),
  createdAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
});
export type ExposureAlert = z.infer<typeof exposureAlert>;
export const alertList = z.object({ items: z.array(exposureAlert), unacknowledged: z.number() });
export const alertQuery = z.strictObject({
  unacknowledged: boolFlag.optional(),
  limit,
});

export const vexResult = z.object({
  statements: z.number().int(),
  findingsUpdated: z.number().int(),
});

export const sbomUploadQuery = z.strictObject({ integrationId: id.optional() });
export const sbomParams = z.strictObject({ vendorId: id, sbomId: id });
export const productParams = z.strictObject({ vendorId: id, componentId: id });
export const findingIdParams = z.strictObject({ findingId: id });
export const alertIdParams = z.strictObject({ alertId: id });
export const advisoryIdParams = z.strictObject({ advisoryId: text(200) });
