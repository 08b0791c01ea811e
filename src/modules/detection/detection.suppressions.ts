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
  const parsed = rules.map((rule) => ({
    rule,
    cidr: rule.subject === 'cidr' && rule.value ? parseCidr(rule.value) : null,
  }));

  const inRange = (cidr: Cidr | null, value: string) => {
    const candidate = cidr ? parseCidr(value) : null;
    return cidr !== null && candidate !== null && cidrContains(cidr, candidate);
  };

  return {
    hits,
    apply(signal: Signal): Signal | null {
      const applicable = parsed.filter(
        ({ rule }) => rule.detector === null || rule.detector === signal.detector,
      );
      if (applicable.length === 0) return signal;
      const primary = signal.primary;
      for (const { rule, cidr } of applicable) {
        const drops =
          rule.subject === 'all' ||
          (primary !== undefined &&
            ((rule.subject === 'cidr' &&
              (primary.kind === 'ip' || primary.kind === 'network') &&
              inRange(cidr, primary.value)) ||
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
      const ranges = applicable.filter(({ rule }) => rule.subject === 'cidr');
      const accounts = new Set(
        applicable.filter(({ rule }) => rule.subject === 'account').map(({ rule }) => rule.value),
      );
      return {
        ...signal,
        subjects: {
          ...signal.subjects,
          sources: signal.subjects.sources.filter(
            (ip) => !ranges.some(({ cidr }) => inRange(cidr, ip)),
          ),
          targets: signal.subjects.targets.filter((account) => !accounts.has(account)),
          takenOver: signal.subjects.takenOver.filter((account) => !accounts.has(account)),
        },
      };
    },
  };
}
