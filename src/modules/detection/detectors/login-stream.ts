import type { DetectionSettings } from '../../../contracts/detection.js';
import type { SignalBus } from '../detection.bus.js';
import type { LoginEvent } from '../detection.events.js';
import { createAccountDetectors } from './accounts.js';
import type { LoginFacts } from './facts.js';
import { createGlobalDetectors } from './global.js';
import { createSshdDetector } from './sshd.js';
import type { SourceRecord } from './sources.js';
import { createSourceDetectors } from './stuffing.js';
import { createTakeoverDetector } from './takeover.js';

/**
 * Every login detector of one stream. The shop's own logins get the per-source stuffing and
 * spraying detectors; server logins get fail2ban's per-address rule instead. Both get the
 * account, takeover and stream-wide detectors.
 */
export function createLoginStream(
  settings: DetectionSettings,
  bus: SignalBus,
  stream: LoginEvent['stream'],
) {
  const sources = stream === 'web' ? createSourceDetectors(settings, bus) : null;
  const sshd = stream === 'sshd' ? createSshdDetector(settings, bus) : null;
  const accounts = createAccountDetectors(settings, bus, stream);
  const global = createGlobalDetectors(settings, bus, stream);
  const takeover = createTakeoverDetector(settings, bus, stream);
  const takeoverBar = settings.accountTakeover.failuresBeforeSuccess;

  function checkTakeover(facts: LoginFacts, source: SourceRecord | null): void {
    const { event } = facts;
    const failures = accounts.recentFailures(facts.account!, facts.accountHash, event.time);
    if (failures >= takeoverBar) takeover.onSuccess(facts, 'after_failures', failures);
    else if (sources?.lastFlagged()) takeover.onSuccess(facts, 'from_stuffing_source', failures);
    else if (source !== null && global.tookPart(source, event.time))
      takeover.onSuccess(facts, 'from_attack_participant', failures);
  }

  return {
    spanMinutes: global.spanMinutes,
    onLogin(facts: LoginFacts): void {
      // An operator failing as a user they log in as is noise to every detector here.
      if (sshd?.isOperatorFailure(facts)) return;
      const campaign = global.campaignActive(facts.event.time);
      // Exactly one of the two exists per stream, and each keeps the address's record.
      const source = sources ? sources.onLogin(facts, campaign) : sshd!.onLogin(facts);
      if (facts.event.outcome === 'success' && facts.account !== null) checkTakeover(facts, source);
      accounts.onLogin(facts);
      global.onLogin(facts, source);
    },
    onMinuteClosed: (end: number) => global.onMinuteClosed(end),
    seedHour(hour: { hourStart: number; attempts: number; failures: number }): void {
      global.baseline.set(hour.hourStart, hour.attempts, hour.failures);
    },
    stats: () => ({
      sources: sources?.tables.ip.size ?? 0,
      networks: sources?.tables.network.size ?? 0,
      watchedAccounts: accounts.watched,
    }),
  };
}

export type LoginStreamDetectors = ReturnType<typeof createLoginStream>;
