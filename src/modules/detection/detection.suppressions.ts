import { cidrContains, parseCidr, type Cidr } from './detection.cidr.js';
import type { SuppressionRow } from './detection.alerts.store.js';
import type { Signal } from './detection.signals.js';

/**
 * Applies suppression rules to a signal. A rule names a detector (or all of them) and what it
 * exempts: everything, an address range, an account or an integration. A signal about an
 * exempt subject is dropped; exempt sources and accounts are also taken out of other signals'
 * subjects, so an allow-listed office network never reaches the blocklist through a wider
 * alert. `hits` counts drops per rule, so stale rules show up.
 */
export function createSuppressionMatcher(rules: SuppressionRow[]) {
  const hits = new Map<string, number>();
  const parsed = rules.map((rule) => ({ rule, cidr: rangeOf(rule) }));
  const exempt = rangeExemption(
    parsed
      .filter(({ rule }) => isRangeRule(rule))
      .map(({ rule, cidr }) => ({ detector: rule.detector, range: cidr })),
  );

  return {
    hits,
    apply(signal: Signal): Signal | null {
      const applicable = parsed.filter(
        ({ rule }) => rule.detector === null || rule.detector === signal.detector,
      );
      if (applicable.length === 0) return signal;
      const primary = signal.primary;
      const primaryRange =
        primary?.kind === 'ip' || primary?.kind === 'network' ? parseCidr(primary.value) : null;
      for (const { rule, cidr } of applicable) {
        const drops =
          rule.subject === 'all' ||
          (primary !== undefined &&
            ((rule.subject === 'cidr' && inRange(cidr, primaryRange)) ||
              (rule.subject === 'account' &&
                primary.kind === 'account' &&
                primary.value === rule.value) ||
              (rule.subject === 'integration' &&
                primary.kind === 'integration' &&
                primary.value === rule.value)));
        if (drops) {
          hits.set(rule.id, (hits.get(rule.id) ?? 0) + 1);
          return null;
        }
      }
      const accounts = new Set(
        applicable.filter(({ rule }) => rule.subject === 'account').map(({ rule }) => rule.value),
      );
      return {
        ...signal,
        subjects: {
          ...signal.subjects,
          sources: signal.subjects.sources.filter((ip) => !exempt(ip, signal.detector)),
          targets: signal.subjects.targets.filter((account) => !accounts.has(account)),
          takenOver: signal.subjects.takenOver.filter((account) => !accounts.has(account)),
        },
      };
    },
  };
}

/**
 * Whether an address or range lies inside a range a CIDR rule allows for this detector: the
 * matcher strips such sources from signals, and the blocklist drops those collected before
 * the rule existed.
 */
export function createRangeExemption(rules: SuppressionRow[]) {
  return rangeExemption(
    rules.filter(isRangeRule).map((rule) => ({ detector: rule.detector, range: rangeOf(rule) })),
  );
}

const isRangeRule = (rule: SuppressionRow) => rule.subject === 'cidr' && !!rule.value;
const rangeOf = (rule: SuppressionRow) => (isRangeRule(rule) ? parseCidr(rule.value!) : null);

function rangeExemption(ranges: { detector: string | null; range: Cidr | null }[]) {
  return (value: string, detector: string): boolean => {
    if (ranges.length === 0) return false;
    const candidate = parseCidr(value);
    return ranges.some(
      ({ detector: only, range }) =>
        (only === null || only === detector) && inRange(range, candidate),
    );
  };
}

function inRange(range: Cidr | null, candidate: Cidr | null): boolean {
  return range !== null && candidate !== null && cidrContains(range, candidate);
}
