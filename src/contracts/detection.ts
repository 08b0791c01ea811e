import { z } from 'zod';
import { id, isoInstant, limit, longText, text, utcInstant } from './common.js';
import { categoryKey, rowError } from './datamap.js';

/**
 * One line of `POST /api/v1/events` (NDJSON). `id` makes redelivery safe: an id at a time is
 * counted once however often it arrives; without one, the line's own content is its id. Accounts
 * arrive in clear and are replaced by a keyed hash before anything is stored.
 */
const eventBase = {
  id: z.string().min(1).max(200).optional(),
  at: isoInstant,
};
const ip = z.string().min(2).max(64);
const userAgent = text(1000, 0).optional();

export const loginEventLine = z.strictObject({
  ...eventBase,
  type: z.literal('login'),
  stream: z.enum(['web', 'sshd']).default('web'),
  account: text(320).optional(),
  ip,
  user_agent: userAgent,
  outcome: z.enum(['success', 'bad_password', 'unknown_account', 'mfa_failure', 'locked']),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 code such as DE')
    .optional(),
  asn: z.number().int().min(0).max(4_294_967_295).optional(),
});

export const apiAccessEventLine = z.strictObject({
  ...eventBase,
  type: z.literal('api_access'),
  integration: id,
  key: text(200).optional(),
  endpoint: text(2000),
  records: z.number().int().min(0).max(1_000_000_000),
  bytes: z.number().int().min(0).max(1e15).default(0),
  categories: z.array(categoryKey).max(64).default([]),
});

export const httpEventLine = z.strictObject({
  ...eventBase,
  type: z.literal('http'),
  ip,
  method: z.string().regex(/^[A-Z]{1,16}$/, 'must be an HTTP method such as GET'),
  path: text(4000),
  status: z.number().int().min(100).max(599),
  bytes: z.number().int().min(0).max(1e15).default(0),
  user_agent: userAgent,
});

export const eventLine = z.discriminatedUnion('type', [
  loginEventLine,
  apiAccessEventLine,
  httpEventLine,
]);
export type EventLine = z.input<typeof eventLine>;
export type ParsedEventLine = z.output<typeof eventLine>;

/**
 * Detector thresholds. Defaults are tuned on the labelled simulator (bench/detection) to keep
 * false alerts under one a day on a 40,000-logins-a-day shop while catching every attack kind.
 */
const count = (fallback: number) => z.number().int().min(1).max(10_000_000).default(fallback);
const ratio = (fallback: number) => z.number().min(0).max(1).default(fallback);
const minutes = (fallback: number) =>
  z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(fallback);

export const detectionSettings = z.strictObject({
  spike: z
    .strictObject({
      windowMinutes: minutes(10),
      minFailures: count(50),
      zScore: z.number().min(1).max(100).default(6),
      minRatio: ratio(0.15),
    })
    .prefault({}),
  accountBruteForce: z
    .strictObject({
      windowMinutes: minutes(15),
      failures: count(10),
      manySources: count(5),
    })
    .prefault({}),
  sourceStuffing: z
    .strictObject({
      windowMinutes: minutes(10),
      ipAccounts: count(20),
      networkAccounts: count(40),
      userAgentAccounts: count(150),
      maxSuccessRatio: ratio(0.2),
    })
    .prefault({}),
  distributedStuffing: z
    .strictObject({
      windowMinutes: minutes(10),
      minAccounts: count(100),
      minSources: count(50),
      zScore: z.number().min(1).max(100).default(6),
    })
    .prefault({}),
  passwordSpraying: z
    .strictObject({
      minAccounts: count(20),
      maxAttemptsPerAccount: z.number().min(1).max(10).default(1.5),
      maxUnknownShare: ratio(0.1),
    })
    .prefault({}),
  accountTakeover: z
    .strictObject({
      failuresBeforeSuccess: count(5),
    })
    .prefault({}),
  vendorVolume: z
    .strictObject({
      windowMinutes: minutes(60),
      factor: z.number().min(1.5).max(10_000).default(10),
      minRecords: count(1000),
    })
    .prefault({}),
  sshd: z
    .strictObject({
      windowMinutes: minutes(10),
      maxRetry: count(5),
      /** A source that has logged in successfully gets this much more rope: operators mistype. */
      trustedMaxRetry: count(20),
    })
    .prefault({}),
  /** How long a blocked source stays on the blocklist after it was last seen attacking. */
  blockHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(24),
});
export type DetectionSettings = z.output<typeof detectionSettings>;
export const DETECTORS = [
  'failed_login_spike',
  'account_brute_force',
  'source_stuffing',
  'distributed_stuffing',
  'password_spraying',
  'account_takeover',
  'vendor_api_volume',
  'vendor_api_scope',
  'sshd_brute_force',
] as const;
export const detectorName = z.enum(DETECTORS);
export type DetectorName = (typeof DETECTORS)[number];
export const ALERT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

export const ingestResult = z.object({
  accepted: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.number().int(),
  /** The first bad lines (at most 100), each with the field that is wrong. */
  errors: z.array(rowError),
  /** Stored, but too far behind their stream for the detectors (more than five minutes). */
  late: z.number().int(),
  signals: z.number().int(),
});
export type IngestResult = z.infer<typeof ingestResult>;

export const ALERT_STATUSES = ['new', 'acknowledged', 'closed', 'false_positive'] as const;
export const alertStatus = z.enum(ALERT_STATUSES);
export type AlertStatus = (typeof ALERT_STATUSES)[number];
const ranked = z.object({ value: z.string(), count: z.number() });

export const detectionAlert = z.object({
  id,
  detector: detectorName,
  stream: z.string(),
  severity: z.enum(ALERT_SEVERITIES),
  status: alertStatus,
  title: z.string(),
  reason: z.string(),
  measures: z.array(
    z.object({
      name: z.string(),
      observed: z.number(),
      threshold: z.number(),
      comparator: z.enum(['>=', '<=']),
    }),
  ),
  counts: z.record(z.string(), z.number()),
  topSources: z.array(ranked),
  topAccounts: z.array(ranked),
  categories: z.array(z.string()),
  /** The headline value over time: one point per signal. */
  series: z.array(z.tuple([z.string(), z.number()])),
  signals: z.number().int(),
  integrationId: id.nullable(),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  statusReason: z.string().nullable(),
  statusChangedAt: z.string().nullable(),
  incidentId: z.string().nullable(),
  subjects: z.object({
    sources: z.number().int(),
    targets: z.number().int(),
    takenOver: z.number().int(),
  }),
});
export type DetectionAlert = z.infer<typeof detectionAlert>;

/** Alerts that may still go on: their accounts still want a reset. */
export const OPEN_ALERT_STATUSES = ['new', 'acknowledged'] as const satisfies AlertStatus[];

export const alertListQuery = z.strictObject({
  /** One status, or several comma-separated (`new,acknowledged` for the open ones). */
  status: z
    .string()
    .transform((text) => text.split(','))
    .pipe(z.array(alertStatus).min(1))
    .optional(),
  detector: detectorName.optional(),
  severity: z.enum(ALERT_SEVERITIES).optional(),
  from: utcInstant.optional(),
  to: utcInstant.optional(),
  limit,
  offset: z.coerce.number().int().min(0).default(0),
});
export const alertList = z.object({ items: z.array(detectionAlert), total: z.number().int() });

export const alertStatusInput = z
  .strictObject({ status: alertStatus.exclude(['new']), reason: longText(2000).optional() })
  .refine((input) => input.status !== 'false_positive' || (input.reason ?? '').length > 0, {
    path: ['reason'],
    message: 'is required when marking a false positive',
  });

export const SUBJECT_ROLES = ['source', 'target', 'taken_over'] as const;
export const alertSubjectsQuery = z.strictObject({
  role: z.enum(SUBJECT_ROLES),
  limit,
  offset: z.coerce.number().int().min(0).default(0),
});
export const alertSubjects = z.object({
  items: z.array(
    z.object({
      value: z.string(),
      /** For accounts: the customer whose email hashes to this account, when known. */
      customerId: z.string().nullable(),
      firstSeenAt: z.string(),
      lastSeenAt: z.string(),
    }),
  ),
  total: z.number().int(),
});

export const overviewQuery = z.strictObject({
  stream: z.enum(['web', 'sshd']).default('web'),
  from: utcInstant.optional(),
  to: utcInstant.optional(),
});
export const detectionOverview = z.object({
  stream: z.string(),
  from: z.string(),
  to: z.string(),
  bucketMinutes: z.number().int(),
  points: z.array(
    z.object({ at: z.string(), attempts: z.number(), failures: z.number(), ratio: z.number() }),
  ),
  alerts: z.array(
    z.object({
      id,
      detector: detectorName,
      severity: z.enum(ALERT_SEVERITIES),
      title: z.string(),
      at: z.string(),
    }),
  ),
});
export type DetectionOverview = z.infer<typeof detectionOverview>;

export const SUPPRESSION_SUBJECTS = ['all', 'cidr', 'account', 'integration'] as const;
export const suppressionInput = z
  .strictObject({
    detector: detectorName.optional(),
    subject: z.enum(SUPPRESSION_SUBJECTS),
    /** A CIDR or address, an account name (hashed on receipt), or an integration id. */
    value: text(320).optional(),
    reason: text(500),
    expiresAt: utcInstant.optional(),
  })
  .refine((input) => input.subject === 'all' || input.value !== undefined, {
    path: ['value'],
    message: 'is required for this subject',
  })
  .refine((input) => input.subject !== 'integration' || id.safeParse(input.value).success, {
    path: ['value'],
    message: 'must be an integration id (UUID)',
  });
export const suppression = z.object({
  id,
  detector: detectorName.nullable(),
  subject: z.enum(SUPPRESSION_SUBJECTS),
  value: z.string().nullable(),
  reason: z.string(),
  expiresAt: z.string().nullable(),
  hits: z.number().int(),
  createdAt: z.string(),
  removedAt: z.string().nullable(),
});
export type Suppression = z.infer<typeof suppression>;

export const blocklistQuery = z.strictObject({
  format: z.enum(['text', 'nftables', 'json']).default('text'),
});
export const blockDecision = z.object({
  value: z.string(),
  scope: z.enum(['Ip', 'Range']),
  type: z.literal('ban'),
  duration: z.string(),
  until: z.string(),
  origin: z.string(),
  scenario: z.string(),
  alerts: z.array(z.string()),
});

export const resetListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(10_000).default(1000),
  offset: z.coerce.number().int().min(0).default(0),
});
export const resetList = z.object({
  items: z.array(
    z.object({
      account: z.string(),
      customerId: z.string().nullable(),
      /** taken_over: a suspicious successful login; targeted: attacked, not known to be lost. */
      reason: z.enum(['taken_over', 'targeted']),
      alerts: z.array(z.string()),
      lastSeenAt: z.string(),
    }),
  ),
  total: z.number().int(),
});
export type ResetList = z.infer<typeof resetList>;
