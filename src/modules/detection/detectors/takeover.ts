import type { DetectionSettings } from '../../../contracts/detection.js';
import type { SignalBus } from '../detection.bus.js';
import type { LoginFacts } from './facts.js';

/** Why a successful login looks like a takeover. */
export type TakeoverCause = 'after_failures' | 'from_stuffing_source' | 'from_attack_participant';

const CAUSE_TEXT: Record<TakeoverCause, string> = {
  after_failures: 'after a run of failed attempts',
  from_stuffing_source: 'from a source flagged for credential stuffing',
  from_attack_participant: 'from a source taking part in a distributed stuffing attack',
};

/**
 * Account takeover signals: a success that follows many failures on the same account, or that
 * comes from a source other detectors flagged. One alert per stream gathers the wave of
 * takeovers, and its accounts head the forced-password-reset list.
 */
export function createTakeoverDetector(
  settings: DetectionSettings,
  bus: SignalBus,
  stream: LoginFacts['event']['stream'],
) {
  const key = `account_takeover:${stream}`;
  const causes: Record<TakeoverCause, number> = {
    after_failures: 0,
    from_stuffing_source: 0,
    from_attack_participant: 0,
  };
  let total = 0;

  return {
    onSuccess(facts: LoginFacts, cause: TakeoverCause, failuresBefore: number): void {
      const { event, account } = facts;
      if (account === null) return;
      causes[cause]++;
      total++;
      const subjects = { takenOver: [account], sources: [event.ip] };
      if (!bus.due(key, event.time)) return bus.addSubjects(key, subjects);
      const bar = settings.accountTakeover.failuresBeforeSuccess;
      bus.emit({
        detector: 'account_takeover',
        key,
        stream,
        severity: 'critical',
        at: event.time,
        title: `Account takeover suspected (${total} accounts)`,
        reason:
          `Successful login ${CAUSE_TEXT[cause]}` +
          (cause === 'after_failures'
            ? ` (${Math.round(failuresBefore)} failures, threshold ${bar})`
            : '') +
          `; ${total} such logins so far`,
        measures: [
          {
            name: 'failures before success',
            observed: Math.round(failuresBefore),
            threshold: bar,
            comparator: '>=',
          },
        ],
        counts: { accounts: total, ...causes },
        topSources: [],
        topAccounts: [],
        point: total,
        subjects: { ...subjects, targets: [] },
      });
    },
  };
}
