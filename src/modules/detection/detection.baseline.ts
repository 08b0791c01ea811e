const HOUR_MS = 3_600_000;
const HOURS_PER_WEEK = 168;

/** What a window of this length normally holds at this time, and how much it varies. */
export interface Expectation {
  /** Expected count in the window. */
  count: number;
  /** Robust spread of that count (never below the Poisson floor √count, nor 1). */
  sigma: number;
  /** Usual share of failures among attempts. */
  ratio: number;
  basis: 'hour-of-week' | 'recent hours' | 'none';
  samples: number;
}

/**
 * Hour-of-week baseline of attempts and failures. The expectation is the median of the same
 * hour in earlier weeks, with the median absolute deviation as its spread: a past attack is
 * one outlying week and barely moves it, where a mean would learn the attack as normal. With
 * fewer than two such weeks it falls back to the hours just before, which knows no daily
 * rhythm but is better than nothing; with no history at all only absolute thresholds apply.
 */
export class SeasonalBaseline {
  private readonly hours = new Map<number, { attempts: number; failures: number }>();

  constructor(private readonly weeks = 8) {}

  /** Records a closed hour (replacing what was recorded for it). */
  set(hourStart: number, attempts: number, failures: number): void {
    const hour = Math.floor(hourStart / HOUR_MS);
    this.hours.set(hour, { attempts, failures });
    const oldest = hour - this.weeks * HOURS_PER_WEEK;
    if (this.hours.size > this.weeks * HOURS_PER_WEEK + 48)
      for (const key of this.hours.keys()) if (key < oldest) this.hours.delete(key);
  }

  expected(at: number, windowMinutes: number): Expectation {
    const hour = Math.floor(at / HOUR_MS);
    const weekly = this.collect(hour, HOURS_PER_WEEK, this.weeks);
    const recent = weekly.length >= 2 ? null : this.collect(hour, 1, 24);
    const samples = weekly.length >= 2 ? weekly : recent!.length >= 6 ? recent! : [];
    if (samples.length === 0) return { count: 0, sigma: 1, ratio: 0, basis: 'none', samples: 0 };
    const scale = windowMinutes / 60;
    const failures = samples.map((s) => s.failures);
    const median = medianOf(failures);
    const mad = medianOf(failures.map((value) => Math.abs(value - median)));
    const count = median * scale;
    const attempts = medianOf(samples.map((s) => s.attempts));
    return {
      count,
      sigma: Math.max(1.4826 * mad * scale, Math.sqrt(count), 1),
      ratio: attempts > 0 ? median / attempts : 0,
      basis: weekly.length >= 2 ? 'hour-of-week' : 'recent hours',
      samples: samples.length,
    };
  }

  private collect(hour: number, step: number, count: number) {
    const found: { attempts: number; failures: number }[] = [];
    for (let k = 1; k <= count; k++) {
      const sample = this.hours.get(hour - k * step);
      if (sample) found.push(sample);
    }
    return found;
  }
}

export function medianOf(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
