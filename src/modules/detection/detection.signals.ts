import type { AlertSeverity, DetectorName } from '../../contracts/detection.js';

/** One threshold a detector compared, as shown in an alert: "observed ≥ threshold". */
export interface Measure {
  name: string;
  observed: number;
  threshold: number;
  comparator: '>=' | '<=';
}

export interface Ranked {
  value: string;
  count: number;
}

/**
 * What a detector says when its condition holds. Signals for the same `key` describe one
 * ongoing attack; the alert service folds them into one alert. Subjects are incremental: the
 * sources and accounts first seen since the previous signal for this key.
 */
export interface Signal {
  detector: DetectorName;
  key: string;
  /** 'web', 'sshd', or 'api:<integration id>'. */
  stream: string;
  severity: AlertSeverity;
  /** Event time of the observation (epoch ms). */
  at: number;
  title: string;
  reason: string;
  measures: Measure[];
  counts: Record<string, number>;
  topSources: Ranked[];
  topAccounts: Ranked[];
  /** The headline observed value, one point of the alert's chart. */
  point: number;
  /**
   * Earlier observations of the same key merged into this signal since the last drain
   * (oldest first, this one excluded): a bulk import drains rarely, and the alert still
   * learns when the attack started and how it went.
   */
  earlier?: [number, number][];
  /** The one source, account or integration the alert is about, when there is one. */
  primary?: { kind: 'ip' | 'network' | 'user_agent' | 'account' | 'integration'; value: string };
  subjects: {
    sources: string[];
    targets: string[];
    takenOver: string[];
    integrationId?: string;
    categories?: string[];
  };
}

/** Picks the severity for the first band whose bar the value clears, from the top. */
export function severityOf(
  value: number,
  bands: { critical: number; high: number; medium: number },
): AlertSeverity {
  if (value >= bands.critical) return 'critical';
  if (value >= bands.high) return 'high';
  if (value >= bands.medium) return 'medium';
  return 'low';
}

export const round = (value: number, digits = 2) => {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
};
