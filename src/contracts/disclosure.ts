import { z } from 'zod';
import { cvssScore, severity } from './advisories.js';
import { email, id, longText, text } from './common.js';

/**
 * Researcher reports: the public form, the researcher's thread behind a capability link, and
 * the team's triage. States follow HackerOne's and GitHub's private reporting.
 */
export const REPORT_STATES = [
  'new',
  'needs_info',
  'triaged',
  'accepted',
  'duplicate',
  'informative',
  'not_applicable',
  'spam',
  'fixed',
  'disclosed',
] as const;
export const reportState = z.enum(REPORT_STATES);
export type ReportState = z.infer<typeof reportState>;

/** Verdicts that end a report without a fix; each can be reopened. */
export const CLOSING_VERDICTS = ['duplicate', 'informative', 'not_applicable', 'spam'] as const;

/** Where each state may go; anything else is a Conflict naming both states. */
export const REPORT_TRANSITIONS: Record<ReportState, readonly ReportState[]> = {
  new: ['needs_info', 'triaged', ...CLOSING_VERDICTS],
  needs_info: ['new', 'triaged', ...CLOSING_VERDICTS],
  triaged: ['needs_info', 'accepted', ...CLOSING_VERDICTS],
  accepted: ['needs_info', 'fixed', 'duplicate'],
  fixed: ['accepted', 'disclosed'],
  disclosed: [],
  duplicate: ['new'],
  informative: ['new'],
  not_applicable: ['new'],
  spam: ['new'],
};

const cweId = z.string().regex(/^CWE-[1-9]\d{0,5}$/, 'must be a CWE id such as CWE-639');
export const cwe = z.strictObject({ id: cweId, name: text(200) });

const date = z.iso.date({ message: 'must be a date (YYYY-MM-DD)' });
const shortList = (max: number) => z.array(text(200)).max(max).default([]);

/** The public form. `website` is a honeypot: people never see it, bots fill it in. */
export const reportInput = z.strictObject({
  title: text(200),
  description: longText(20_000).pipe(z.string().min(1, 'is required')),
  steps: longText(20_000).default(''),
  asset: text(300),
  suggestedSeverity: severity.nullable().default(null),
  contact: z
    .strictObject({
      name: text(200).nullable().default(null),
      email: email.nullable().default(null),
    })
    .nullable()
    .default(null),
  notify: z.boolean().default(false),
  credit: z
    .strictObject({ name: text(100), optIn: z.boolean() })
    .nullable()
    .default(null),
  website: z.string().max(2000).default(''),
  proof: z.strictObject({ challenge: z.string().max(300), nonce: z.string().max(40) }).optional(),
});
export type ReportInput = z.infer<typeof reportInput>;

export const reportReceipt = z.object({
  number: z.number(),
  /** The private thread; shown once, never stored in clear. */
  link: z.string(),
  expiresAt: z.string(),
});

export const challenge = z.object({
  challenge: z.string(),
  /** Leading zero bits wanted in SHA-256(challenge + nonce); 0 means no work is asked. */
  bits: z.number(),
});

export const tokenParams = z.strictObject({ token: z.string().min(1).max(100) });
export const tokenAttachmentParams = tokenParams.extend({ attachmentId: id });

export const attachment = z.object({
  id: z.string(),
  fileName: z.string(),
  mediaType: z.string(),
  size: z.number(),
  uploadedBy: z.enum(['researcher', 'team']),
  /** A team file the researcher does not see. */
  internal: z.boolean(),
  createdAt: z.string(),
});

export const MESSAGE_AUTHORS = ['researcher', 'team', 'note'] as const;
export const threadMessage = z.object({
  id: z.string(),
  /** `note` is the team's own and never reaches the researcher. */
  author: z.enum(MESSAGE_AUTHORS),
  authorName: z.string().nullable(),
  /** The Markdown as written. */
  body: z.string(),
  /** The Markdown rendered and sanitised: raw HTML is escaped, only safe links kept. */
  html: z.string(),
  createdAt: z.string(),
});
export type ThreadMessage = z.infer<typeof threadMessage>;

export const messageInput = z.strictObject({
  body: longText(20_000).pipe(z.string().min(1, 'is required')),
});
export const teamMessageInput = messageInput.extend({ internal: z.boolean().default(false) });

const reportCore = {
  number: z.number(),
  title: z.string(),
  description: z.string(),
  descriptionHtml: z.string(),
  steps: z.string(),
  stepsHtml: z.string(),
  asset: z.string(),
  status: reportState,
  severity: severity.nullable(),
  cvss: cvssScore.nullable(),
  cwe: z.object({ id: z.string(), name: z.string() }).nullable(),
  receivedAt: z.string(),
  disclosureDate: z.string().nullable(),
  messages: z.array(threadMessage),
  attachments: z.array(attachment),
};

/** What a capability link shows: this report and nothing about any other. */
export const researcherView = z.object({
  ...reportCore,
  credit: z.object({ name: z.string(), optIn: z.boolean() }).nullable(),
  notify: z.boolean(),
  hasEmail: z.boolean(),
  advisory: z.object({ id: z.string(), url: z.string() }).nullable(),
});
export type ResearcherView = z.infer<typeof researcherView>;

export const researcherPreferencesInput = z.strictObject({
  credit: z
    .strictObject({ name: text(100), optIn: z.boolean() })
    .nullable()
    .optional(),
  notify: z.boolean().optional(),
});

export const SLA_CLOCKS = ['first_response', 'triage', 'fix'] as const;
export const slaClock = z.object({
  clock: z.enum(SLA_CLOCKS),
  startedAt: z.string(),
  dueAt: z.string(),
  stoppedAt: z.string().nullable(),
  /** Share of the allowed time used so far (or when it stopped), in percent. */
  percentUsed: z.number(),
  state: z.enum(['running', 'met', 'breached', 'overdue']),
});
export type SlaClock = z.infer<typeof slaClock>;

export const reportEvent = z.object({
  kind: z.string(),
  detail: z.record(z.string(), z.unknown()),
  actor: z.string(),
  at: z.string(),
});

export const reportSummary = z.object({
  id: z.string(),
  number: z.number(),
  title: z.string(),
  asset: z.string(),
  status: reportState,
  severity: severity.nullable(),
  ownerId: z.string().nullable(),
  receivedAt: z.string(),
  updatedAt: z.string(),
  overdue: z.array(z.enum(SLA_CLOCKS)),
});
export type ReportSummary = z.infer<typeof reportSummary>;

export const teamReportView = z.object({
  id: z.string(),
  ...reportCore,
  suggestedSeverity: severity.nullable(),
  contact: z.object({ name: z.string().nullable(), email: z.string().nullable() }).nullable(),
  notify: z.boolean(),
  credit: z.object({ name: z.string(), optIn: z.boolean() }).nullable(),
  affectedAssets: z.array(z.string()),
  affectedVersions: z.array(z.string()),
  duplicateOf: z.object({ id: z.string(), number: z.number() }).nullable(),
  duplicates: z.array(z.object({ id: z.string(), number: z.number() })),
  incidentId: z.string().nullable(),
  ownerId: z.string().nullable(),
  clocks: z.array(slaClock),
  events: z.array(reportEvent),
  links: z.array(
    z.object({
      createdAt: z.string(),
      expiresAt: z.string(),
      revokedAt: z.string().nullable(),
      lastUsedAt: z.string().nullable(),
    }),
  ),
  advisoryId: z.string().nullable(),
  updatedAt: z.string(),
});
export type TeamReportView = z.infer<typeof teamReportView>;

export const teamAttachmentQuery = z.strictObject({
  internal: z.enum(['true', 'false']).default('false'),
});

export const reportListQuery = z.strictObject({
  status: reportState.optional(),
  overdue: z.enum(['true', 'false']).optional(),
});

export const transitionInput = z.strictObject({
  status: reportState,
  /** Required for `duplicate`: the original, which keeps the credit. */
  duplicateOf: id.optional(),
  /** Sent to the researcher with the change, when given. */
  message: longText(20_000).optional(),
});

export const assessmentInput = z.strictObject({
  /** A CVSS 3.1 or 4.0 vector; the score and severity are computed from it. */
  cvss: z.string().max(300).nullable(),
  /** Needed only without a vector; with one, the vector decides. */
  severity: severity.nullable().default(null),
  cwe: cwe.nullable(),
  affectedAssets: shortList(50),
  affectedVersions: shortList(50),
});

export const ownerInput = z.strictObject({ ownerId: id.nullable() });
export const incidentLinkInput = z.strictObject({ incidentId: id.nullable() });
export const disclosureDateInput = z.strictObject({
  date,
  /** How it was agreed, for the record: "researcher agreed by email on 3 Feb". */
  note: longText(2000).pipe(z.string().min(1, 'is required')),
});

export const slaTargets = z.strictObject({
  firstResponseBusinessDays: z.number().int().min(1).max(60).default(3),
  triageBusinessDays: z.number().int().min(1).max(120).default(10),
  fixDays: z
    .strictObject({
      critical: z.number().int().min(1).max(730).default(7),
      high: z.number().int().min(1).max(730).default(30),
      medium: z.number().int().min(1).max(730).default(90),
      low: z.number().int().min(1).max(730).default(180),
    })
    .prefault({}),
});
export type SlaTargets = z.infer<typeof slaTargets>;

/** The vulnerability disclosure programme: the policy page and the SLAs come from it. */
export const programInput = z.strictObject({
  inScope: z.array(text(300)).max(100).default([]),
  outOfScope: z.array(text(300)).max(100).default([]),
  safeHarbour: longText(10_000).default(''),
  howToReport: longText(10_000).default(''),
  disclosureWindowDays: z.number().int().min(1).max(365).default(90),
  sla: slaTargets.prefault({}),
  /** Business days are counted in this zone, with this country's public holidays. */
  timezone: text(60).default('UTC'),
  holidayCountry: z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be a two-letter ISO 3166-1 country code')
    .nullable()
    .default(null),
  /** Leading zero bits of proof-of-work the form asks for; 0 turns it off. */
  proofOfWorkBits: z.number().int().min(0).max(24).default(0),
  /** How long a researcher's link stays valid after its last issue. */
  linkDays: z.number().int().min(7).max(730).default(365),
});
export type ProgramInput = z.infer<typeof programInput>;

/** The programme as stored and served (input schemas transform, so they cannot serialize). */
export const program = z.object({
  inScope: z.array(z.string()),
  outOfScope: z.array(z.string()),
  safeHarbour: z.string(),
  howToReport: z.string(),
  disclosureWindowDays: z.number(),
  sla: z.object({
    firstResponseBusinessDays: z.number(),
    triageBusinessDays: z.number(),
    fixDays: z.object({
      critical: z.number(),
      high: z.number(),
      medium: z.number(),
      low: z.number(),
    }),
  }),
  timezone: z.string(),
  holidayCountry: z.string().nullable(),
  proofOfWorkBits: z.number(),
  linkDays: z.number(),
});
export type Program = z.infer<typeof program>;

export const slaQuarter = z.object({
  quarter: z.string(),
  /** Reports received in the quarter whose clocks have all ended or lapsed. */
  decided: z.number(),
  withinSla: z.number(),
  share: z.number().nullable(),
});

export const slaDashboard = z.object({
  overdue: z.array(reportSummary),
  quarters: z.array(slaQuarter),
});
