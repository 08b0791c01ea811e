import { z } from 'zod';
import { longText, text } from './common.js';

/** Severity names shared by reports, SLA targets and advisories (CVSS qualitative ratings). */
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'none'] as const;
export const severity = z.enum(SEVERITIES);
export type Severity = z.infer<typeof severity>;

export const CVSS_VERSIONS = ['3.1', '4.0'] as const;

export const cvssScore = z.object({
  version: z.enum(CVSS_VERSIONS),
  vector: z.string(),
  score: z.number().min(0).max(10),
  severity,
});
export type CvssScore = z.infer<typeof cvssScore>;

/**
 * A published advisory as the public sees it: the trust center, its feeds and the hall of
 * fame read only this shape, never a report. Credit lists only researchers who opted in.
 */
export const publicAdvisory = z.object({
  /** Stable, human id, e.g. "SHOPCO-2026-0001"; also the CSAF tracking id. */
  id: z.string(),
  title: z.string(),
  /** Plain text, written for the public. */
  summary: z.string(),
  severity,
  cvss: cvssScore.nullable(),
  cwe: z.object({ id: z.string(), name: z.string() }).nullable(),
  credit: z.array(z.string()),
  publishedAt: z.string(),
  updatedAt: z.string(),
  /** Site-relative paths of the machine-readable exports. */
  links: z.object({ csaf: z.string(), osv: z.string() }),
});
export type PublicAdvisory = z.infer<typeof publicAdvisory>;

export const ADVISORY_STATES = ['draft', 'published'] as const;

const httpsUrl = z
  .url({ protocol: /^https$/, message: 'must be an https URL' })
  .max(2000)
  .refine((value) => !/\s/.test(value), 'must not contain whitespace');

/** What the team writes; the id, dates, credit and exports follow from it. */
export const advisoryInput = z.strictObject({
  title: text(200),
  summary: longText(5000).pipe(z.string().min(1, 'is required')),
  details: longText(20_000).default(''),
  /** The affected product as the public knows it, e.g. "ShopCo storefront". */
  product: text(200),
  affectedVersions: z.array(text(100)).min(1, 'name at least one affected version').max(20),
  fixedVersions: z.array(text(100)).max(20).default([]),
  remediation: longText(5000).pipe(z.string().min(1, 'is required')),
  /** A CVSS 3.1 or 4.0 vector; with one, the severity is computed from it. */
  cvss: z.string().max(300).nullable().default(null),
  severity: severity.nullable().default(null),
  cwe: z
    .string()
    .regex(/^CWE-[1-9]\d{0,5}$/, 'must be a CWE id such as CWE-639')
    .nullable()
    .default(null),
  references: z.array(httpsUrl).max(20).default([]),
  /** Credit the reporting researcher, if they opted in on their report. */
  creditResearcher: z.boolean().default(true),
});
export type AdvisoryInput = z.infer<typeof advisoryInput>;

const advisoryContent = z.object({
  title: z.string(),
  summary: z.string(),
  details: z.string(),
  product: z.string(),
  affectedVersions: z.array(z.string()),
  fixedVersions: z.array(z.string()),
  remediation: z.string(),
  cvss: z.string().nullable(),
  severity: severity.nullable(),
  cwe: z.string().nullable(),
  references: z.array(z.string()),
  creditResearcher: z.boolean(),
});

export const advisory = z.object({
  id: z.string(),
  reportId: z.string().nullable(),
  status: z.enum(ADVISORY_STATES),
  content: advisoryContent,
  severity,
  cvss: cvssScore.nullable(),
  cwe: z.object({ id: z.string(), name: z.string() }).nullable(),
  credit: z.array(z.string()),
  revisions: z.array(z.object({ number: z.string(), date: z.string(), summary: z.string() })),
  createdAt: z.string(),
  updatedAt: z.string(),
  publishedAt: z.string().nullable(),
  links: z.object({ csaf: z.string(), osv: z.string() }),
});
export type Advisory = z.infer<typeof advisory>;

export const advisoryParams = z.strictObject({
  id: z
    .string()
    .regex(/^[A-Z0-9]+-\d{4}-\d{4,}$/, 'must be an advisory id such as SHOPCO-2026-0001'),
});

export const hallOfFameEntry = z.object({
  name: z.string(),
  reports: z.number(),
  advisories: z.array(z.string()),
  firstAt: z.string(),
});
