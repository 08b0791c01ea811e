import type { DetectionSettings, DetectorName } from '../../api/detection.js';
import { detectorLabels } from './labels.js';

/** One threshold: its path in the settings (`spike.windowMinutes`) and how to enter it. */
export interface ThresholdField {
  path: string;
  label: string;
  description?: string;
  min: number;
  max: number;
  /** Whole numbers unless a step is given. */
  step?: number;
}
export interface ThresholdGroup {
  key: keyof DetectionSettings;
  title: string;
  description: string;
  fields: ThresholdField[];
}

const DAY_MINUTES = 24 * 60;
const windowField = (group: string): ThresholdField => ({
  path: `${group}.windowMinutes`,
  label: 'Window (minutes)',
  min: 1,
  max: DAY_MINUTES,
});
const count = (path: string, label: string, description?: string): ThresholdField => ({
  path,
  label,
  min: 1,
  max: 10_000_000,
  ...(description ? { description } : {}),
});
const ratio = (path: string, label: string, description?: string): ThresholdField => ({
  path,
  label,
  min: 0,
  max: 1,
  step: 0.01,
  description: description ?? 'A share from 0 to 1',
});
const zScore = (group: string): ThresholdField => ({
  path: `${group}.zScore`,
  label: 'Z-score above baseline',
  description: 'How many standard deviations above normal',
  min: 1,
  max: 100,
  step: 0.5,
});

const group = (
  key: keyof DetectionSettings,
  detector: DetectorName,
  description: string,
  fields: ThresholdField[],
): ThresholdGroup => ({ key, title: detectorLabels[detector], description, fields });

/** The thresholds of every detector, in the order the settings form shows them. */
export const thresholdGroups: ThresholdGroup[] = [
  group('spike', 'failed_login_spike', 'Failed logins across the shop far above normal.', [
    windowField('spike'),
    count('spike.minFailures', 'Minimum failures'),
    zScore('spike'),
    ratio('spike.minRatio', 'Minimum failure ratio'),
  ]),
  group('accountBruteForce', 'account_brute_force', 'Many failures against one account.', [
    windowField('accountBruteForce'),
    count('accountBruteForce.failures', 'Failures per account'),
    count('accountBruteForce.manySources', 'Sources that make it distributed'),
  ]),
  group('sourceStuffing', 'source_stuffing', 'One source trying many accounts.', [
    windowField('sourceStuffing'),
    count('sourceStuffing.ipAccounts', 'Accounts per IP address'),
    count('sourceStuffing.networkAccounts', 'Accounts per network'),
    count('sourceStuffing.userAgentAccounts', 'Accounts per user agent'),
    ratio('sourceStuffing.maxSuccessRatio', 'Maximum success ratio'),
  ]),
  group(
    'distributedStuffing',
    'distributed_stuffing',
    'Many sources, each below the per-source bar, failing on many accounts.',
    [
      windowField('distributedStuffing'),
      count('distributedStuffing.minAccounts', 'Minimum accounts failing'),
      count('distributedStuffing.minSources', 'Minimum sources'),
      zScore('distributedStuffing'),
    ],
  ),
  group('passwordSpraying', 'password_spraying', 'Few attempts on each of many real accounts.', [
    count('passwordSpraying.minAccounts', 'Minimum accounts'),
    {
      path: 'passwordSpraying.maxAttemptsPerAccount',
      label: 'Maximum attempts per account',
      min: 1,
      max: 10,
      step: 0.1,
    },
    ratio('passwordSpraying.maxUnknownShare', 'Maximum share of unknown accounts'),
  ]),
  group('accountTakeover', 'account_takeover', 'A successful login right after failures.', [
    count('accountTakeover.failuresBeforeSuccess', 'Failures before a success'),
  ]),
  group('vendorVolume', 'vendor_api_volume', 'A vendor reading far more records than usual.', [
    windowField('vendorVolume'),
    {
      path: 'vendorVolume.factor',
      label: 'Times the baseline',
      min: 1.5,
      max: 10_000,
      step: 0.5,
    },
    count('vendorVolume.minRecords', 'Minimum records'),
  ]),
  group('sshd', 'sshd_brute_force', 'Failed SSH logins from one source.', [
    windowField('sshd'),
    count('sshd.maxRetry', 'Failures per source'),
    count(
      'sshd.trustedMaxRetry',
      'Failures per trusted source',
      'For sources that have logged in successfully before',
    ),
  ]),
  {
    key: 'blockHours',
    title: 'Blocklist',
    description: 'How long a source stays on the blocklist after it was last seen attacking.',
    fields: [{ path: 'blockHours', label: 'Hours on the blocklist', min: 1, max: 24 * 90 }],
  },
];

export type ThresholdValues = Record<string, number | string>;

/** The settings as form values, keyed by path. */
export function toValues(settings: DetectionSettings): ThresholdValues {
  const values: ThresholdValues = {};
  for (const { fields } of thresholdGroups)
    for (const { path } of fields) {
      const [key, field] = path.split('.') as [keyof DetectionSettings, string | undefined];
      const part: unknown = settings[key];
      values[path] =
        field === undefined ? (part as number) : ((part as Record<string, number>)[field] ?? '');
    }
  return values;
}

/** Form values back into the settings shape; blanks become NaN, which the contract refuses. */
export function fromValues(values: ThresholdValues): Record<string, unknown> {
  const settings: Record<string, Record<string, number> | number> = {};
  for (const [path, raw] of Object.entries(values)) {
    const value = raw === '' ? Number.NaN : Number(raw);
    const [key, field] = path.split('.') as [string, string | undefined];
    if (field === undefined) settings[key] = value;
    else
      settings[key] = { ...(settings[key] as Record<string, number> | undefined), [field]: value };
  }
  return settings;
}
