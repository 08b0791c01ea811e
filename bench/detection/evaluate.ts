import { detectionSettings, type DetectorName } from '../../src/contracts/detection.js';
import { createDetectionEngine } from '../../src/modules/detection/detection.engine.js';
import type { Signal } from '../../src/modules/detection/detection.signals.js';
import type { Attack, AttackKind } from '../../src/modules/detection/simulate/attacks.js';
import type { SimulatedTraffic } from '../../src/modules/detection/simulate/scenario.js';
import { QUIET_GAP_MS } from '../../src/modules/detection/detection.alerts.fold.js';
import { cidrContains, parseCidr } from '../../src/modules/detection/detection.cidr.js';

/** An alert may trail its attack by this much and still count as catching it. */
const GRACE_MS = 30 * 60_000;

/** Which detectors count as catching an attack of each kind. */
const CATCHES: Record<AttackKind, DetectorName[]> = {
  account_brute_force: ['account_brute_force'],
  // Inside an open campaign a stuffing source joins the campaign's alert instead of its own.
  source_stuffing: ['source_stuffing', 'distributed_stuffing'],
  distributed_stuffing: ['distributed_stuffing', 'failed_login_spike'],
  password_spraying: ['password_spraying'],
  account_takeover: ['account_takeover'],
  vendor_api_volume: ['vendor_api_volume', 'vendor_api_scope'],
  sshd_brute_force: ['sshd_brute_force'],
};

/** Signals folded the way the alert service folds them: same key, within the quiet gap. */
export interface SimulatedAlert {
  key: string;
  detector: DetectorName;
  first: number;
  last: number;
  primary: Signal['primary'];
  sources: Set<string>;
  accounts: Set<string>;
  integrationId: string | undefined;
}

export function runEngine(traffic: SimulatedTraffic, declared: Map<string, Set<string>>) {
  const engine = createDetectionEngine({
    settings: detectionSettings.parse({}),
    declaredCategories: (id) => declared.get(id),
  });
  const alerts: SimulatedAlert[] = [];
  const open = new Map<string, SimulatedAlert>();
  const fold = (signals: Signal[]) => {
    for (const s of signals) {
      const since = s.earlier?.[0]?.[0] ?? s.at;
      let alert = open.get(s.key);
      if (!alert || since - alert.last > QUIET_GAP_MS) {
        alert = {
          key: s.key,
          detector: s.detector,
          first: since,
          last: s.at,
          primary: s.primary,
          sources: new Set(),
          accounts: new Set(),
          integrationId: s.subjects.integrationId,
        };
        open.set(s.key, alert);
        alerts.push(alert);
      }
      alert.last = Math.max(alert.last, s.at);
      for (const ip of s.subjects.sources) alert.sources.add(ip);
      for (const account of [...s.subjects.targets, ...s.subjects.takenOver])
        alert.accounts.add(account);
    }
  };
  // Only the engine is timed: folding into alerts is the alert service's work, in storage.
  const drained: Signal[][] = [];
  const started = process.hrtime.bigint();
  const events = traffic.events;
  for (let i = 0; i < events.length; i++) {
    engine.push(events[i]!);
    if (i % 10_000 === 9_999) drained.push(engine.drain());
  }
  drained.push(engine.drain());
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  for (const signals of drained) fold(signals);
  return { alerts, seconds, stats: engine.stats() };
}

/** True when the alert is about this attack: right detector, right time, right subject. */
export function catches(alert: SimulatedAlert, attack: Attack): boolean {
  if (!CATCHES[attack.kind].includes(alert.detector)) return false;
  if (alert.last < attack.start || alert.first > attack.end + GRACE_MS) return false;
  const primary = alert.primary;
  if (!primary)
    return (
      alert.detector === 'failed_login_spike' ||
      [...alert.sources].some((ip) => attack.sources.includes(ip)) ||
      attack.accounts.some((account) => alert.accounts.has(account))
    );
  if (primary.kind === 'integration') return primary.value === attack.integrationId;
  if (primary.kind === 'account') return attack.accounts.includes(primary.value);
  if (primary.kind === 'ip') return attack.sources.includes(primary.value);
  if (primary.kind === 'network') return attack.sources.some((ip) => inNetwork(ip, primary.value));
  return [...alert.sources].some((ip) => attack.sources.includes(ip)) || alert.sources.size === 0;
}

/** Whether an alert is about any attack at all (anything else is a false alert). */
export function explained(alert: SimulatedAlert, attacks: Attack[]): boolean {
  return attacks.some((attack) => {
    if (alert.last < attack.start || alert.first > attack.end + GRACE_MS) return false;
    if (catches(alert, attack)) return true;
    // A wider detector on the same attack (a spike during stuffing) is not a false alert.
    const subjects = [...alert.sources].some((ip) => attack.sources.includes(ip));
    return (
      subjects ||
      alert.primary === undefined ||
      [...alert.accounts].some((a) => attack.accounts.includes(a))
    );
  });
}

function inNetwork(ip: string, cidr: string): boolean {
  const network = parseCidr(cidr);
  const address = parseCidr(ip);
  return network !== null && address !== null && cidrContains(network, address);
}
