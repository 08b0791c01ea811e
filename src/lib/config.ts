import path from 'node:path';
import { z } from 'zod';
import { outboundUrlProblem } from '../contracts/common.js';

/**
 * The one configuration schema. It is parsed once at boot from the environment plus
 * command-line overrides, then frozen. Invalid configuration stops the process with a
 * message naming the variable.
 */
const trustedProxiesSchema = z
  .string()
  .trim()
  .transform((value, ctx): boolean | string[] => {
    if (value === '' || value === 'false') return false;
    if (value === 'true') return true;
    const entries = value
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
    for (const entry of entries) {
      if (!/^[0-9a-fA-F.:/]+$/.test(entry)) {
        ctx.addIssue({ code: 'custom', message: `'${entry}' is not an IP address or CIDR range` });
        return z.NEVER;
      }
    }
    return entries;
  });

const masterKeySchema = z
  .string()
  .trim()
  .refine((value) => Buffer.from(value, 'base64').length === 32, {
    message: 'must be 32 random bytes encoded as base64 (openssl rand -base64 32)',
  });

const urlSchema = z.url({ protocol: /^https?$/ }).transform((value) => value.replace(/\/+$/, ''));

export const configSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(8080),
  host: z.string().min(1).default('localhost'),
  dataDir: z.string().min(1).default('./data'),
  databaseUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  masterKey: masterKeySchema.optional(),
  smtpUrl: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  mailFrom: z.string().min(3).default('Cordon <cordon@localhost>'),
  /** Defaults to http://localhost:<port>; set it to the address people and links use. */
  publicUrl: urlSchema.optional(),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  trustedProxies: trustedProxiesSchema.default(false),
  sessionIdleMinutes: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  sessionAbsoluteHours: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  bodyLimitBytes: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(1024 * 1024),
  /** Built web assets; defaults to dist/web beside the code. */
  webRoot: z.string().min(1).optional(),
  /**
   * Browser tests only (refused unless NODE_ENV=test): a file holding seconds to add to the
   * system clock, so a walkthrough can move a running server's "now" forward (SLA deadlines).
   */
  testClockFile: z.string().min(1).optional(),
  /**
   * Advisory feeds fetched on a schedule, as `kind=url` pairs separated by commas, e.g.
   * `kev=https://…/known_exploited_vulnerabilities.json,osv=https://…/Go/all.zip`. Empty (the
   * default) means no sync: a self-hosted deployment calls out only when told to.
   */
  exposureFeeds: z
    .string()
    .default('')
    .transform((value, ctx) => {
      const feeds: { kind: 'osv' | 'kev' | 'nvd'; url: string }[] = [];
      for (const part of value
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean)) {
        const match = /^(osv|kev|nvd)=(\S+)$/.exec(part);
        const problem = match
          ? outboundUrlProblem(match[2]!)
          : 'is not kind=url (kind: osv, kev, nvd)';
        if (problem) {
          // A URL with credentials is not echoed: the message reaches the console and logs.
          const shown = problem.includes('credentials') ? `feed ${match![1]}` : `'${part}'`;
          ctx.addIssue({ code: 'custom', message: `${shown} ${problem}` });
          return z.NEVER;
        }
        feeds.push({ kind: match![1] as 'osv' | 'kev' | 'nvd', url: match![2]! });
      }
      return Object.freeze(feeds);
    }),
  /** Cron for the feed sync; only used when feeds are configured. */
  exposureSyncCron: z.string().min(9).default('41 */6 * * *'),
  /** Largest advisory file accepted, after decompression: zip and gzip bombs stop here. */
  exposureMaxExpandedBytes: z.coerce
    .number()
    .int()
    .min(1024 * 1024)
    .default(1024 * 1024 * 1024),
  /**
   * Months between assessments per inherent tier, as `critical=12,high=12,medium=24,low=0`;
   * 0 means "only when something changes". Tiers left out keep their default.
   */
  reassessmentMonths: z
    .string()
    .default('')
    .transform((value, ctx) => {
      const months: Record<'critical' | 'high' | 'medium' | 'low', number> = {
        critical: 12,
        high: 12,
        medium: 24,
        low: 0,
      };
      for (const part of value
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean)) {
        const match = /^(critical|high|medium|low)=(\d{1,3})$/.exec(part);
        if (!match) {
          ctx.addIssue({ code: 'custom', message: `'${part}' is not tier=months (e.g. high=12)` });
          return z.NEVER;
        }
        months[match[1] as keyof typeof months] = Number(match[2]);
      }
      return Object.freeze(months);
    }),
  /** Where new and escalated detection alerts are POSTed (Standard Webhooks); off when unset. */
  detectionWebhookUrl: z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      const problem = value === undefined ? null : outboundUrlProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  /** The Standard Webhooks signing secret, `whsec_` and base64 of at least 24 random bytes. */
  detectionWebhookSecret: z
    .string()
    .regex(/^whsec_[A-Za-z0-9+/]{32,}={0,2}$/, 'must be whsec_ followed by base64 of 24+ bytes')
    .optional(),
  /** Days raw detection events are kept (alerts, their subjects and 5-minute totals stay). */
  detectionRetentionDays: z.coerce.number().int().min(1).max(3650).default(30),
  /** Seconds a shop's containment receiver has to answer before the attempt is retried. */
  containmentTimeoutSeconds: z.coerce.number().int().min(1).max(120).default(10),
  /** The shop's name as customers know it, for notices and public pages. */
  shopName: z.string().trim().min(1).max(200).default('Our shop'),
  /** Where customers and authorities write about a breach (a DPO or privacy mailbox). */
  shopContactEmail: z.email().optional(),
  /** A directory of the shop's own breach rules: they add to the built-in ones or replace them. */
  breachRulesDir: z.string().min(1).optional(),
  /** The helpline a breach letter offers (`support.helpline` in notice templates). */
  supportHelpline: z.string().trim().min(1).max(200).optional(),
  /**
   * Breach letters a second, at most, across all campaigns of one worker (0: no limit). Relays
   * throttle bulk senders; staying under their limit is faster than being deferred.
   */
  breachSendRate: z.coerce.number().int().min(0).max(100_000).default(100),
  /** SMTP connections a campaign keeps open. */
  breachSendConnections: z.coerce.number().int().min(1).max(50).default(5),
});

export type Config = Readonly<z.infer<typeof configSchema> & { publicUrl: string }>;
export type ConfigInput = z.input<typeof configSchema>;

/** Environment variable for each setting, so errors can name what the operator must fix. */
export const configEnvironment: Record<keyof ConfigInput, string> = {
  port: 'PORT',
  host: 'HOST',
  dataDir: 'CORDON_DATA_DIR',
  databaseUrl: 'DATABASE_URL',
  masterKey: 'CORDON_MASTER_KEY',
  smtpUrl: 'SMTP_URL',
  mailFrom: 'CORDON_MAIL_FROM',
  publicUrl: 'CORDON_PUBLIC_URL',
  logLevel: 'LOG_LEVEL',
  trustedProxies: 'CORDON_TRUSTED_PROXIES',
  sessionIdleMinutes: 'CORDON_SESSION_IDLE_MINUTES',
  sessionAbsoluteHours: 'CORDON_SESSION_ABSOLUTE_HOURS',
  bodyLimitBytes: 'CORDON_BODY_LIMIT_BYTES',
  webRoot: 'CORDON_WEB_ROOT',
  testClockFile: 'CORDON_TEST_CLOCK_FILE',
  reassessmentMonths: 'CORDON_REASSESSMENT_MONTHS',
  exposureFeeds: 'CORDON_EXPOSURE_FEEDS',
  exposureSyncCron: 'CORDON_EXPOSURE_SYNC_CRON',
  exposureMaxExpandedBytes: 'CORDON_EXPOSURE_MAX_EXPANDED_BYTES',
  detectionWebhookUrl: 'CORDON_DETECTION_WEBHOOK_URL',
  detectionWebhookSecret: 'CORDON_DETECTION_WEBHOOK_SECRET',
  detectionRetentionDays: 'CORDON_DETECTION_RETENTION_DAYS',
  containmentTimeoutSeconds: 'CORDON_CONTAINMENT_TIMEOUT_SECONDS',
  breachRulesDir: 'CORDON_BREACH_RULES_DIR',
  shopName: 'CORDON_SHOP_NAME',
  shopContactEmail: 'CORDON_SHOP_CONTACT_EMAIL',
  supportHelpline: 'CORDON_SUPPORT_HELPLINE',
  breachSendRate: 'CORDON_BREACH_SEND_RATE',
  breachSendConnections: 'CORDON_BREACH_SEND_CONNECTIONS',
};

export class ConfigError extends Error {}

/** Reads the environment (empty strings count as unset) and applies explicit overrides. */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<ConfigInput> = {},
): Config {
  const fromEnv: Record<string, string> = {};
  for (const [key, variable] of Object.entries(configEnvironment)) {
    const value = env[variable];
    if (value !== undefined && value !== '') fromEnv[key] = value;
  }
  const result = configSchema.safeParse({ ...fromEnv, ...overrides });
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? '');
      const variable = configEnvironment[key as keyof ConfigInput] ?? key;
      return `  ${variable}: ${issue.message}`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const config = result.data;
  if (config.testClockFile && env.NODE_ENV !== 'test')
    throw new ConfigError(
      'Invalid configuration:\n  CORDON_TEST_CLOCK_FILE: is for browser tests only (NODE_ENV=test)',
    );
  return Object.freeze({
    ...config,
    dataDir: path.resolve(config.dataDir),
    publicUrl: config.publicUrl ?? `http://localhost:${config.port}`,
  });
}
