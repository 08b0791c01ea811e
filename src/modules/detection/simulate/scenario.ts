import type { DetectionEvent } from '../detection.events.js';
import {
  accountBruteForce,
  accountTakeover,
  distributedStuffing,
  passwordSpraying,
  sourceStuffing,
  sshdBruteForce,
  vendorApiVolume,
  type Attack,
  type AttackWindow,
  type GeneratedAttack,
} from './attacks.js';
import {
  DAY_MS,
  HOUR_MS,
  MINUTE_MS,
  generateLoginBaseline,
  generateSshdOperators,
  generateVendorApiBaseline,
  type VendorApiBaseline,
} from './baseline.js';
import { Random } from './random.js';

export interface SimulatedTraffic {
  start: number;
  end: number;
  /** Sorted by time; ties keep the order of the generator that made them. */
  events: DetectionEvent[];
  labels: Attack[];
  /** For events[i], the index in `labels` of the attack that sent it, or -1 when benign. */
  attackOf: Int32Array;
  maliciousEventCount: number;
}

/** Merges benign streams and attacks into one time-ordered stream with per-event labels. */
export function mergeTraffic(
  window: { start: number; end: number },
  benign: DetectionEvent[][],
  attacks: GeneratedAttack[],
): SimulatedTraffic {
  const streams = [...benign, ...attacks.map((attack) => attack.events)];
  for (const stream of streams) stream.sort((a, b) => a.time - b.time);
  const labelOf = (stream: number) => (stream < benign.length ? -1 : stream - benign.length);
  const total = streams.reduce((sum, stream) => sum + stream.length, 0);
  const events: DetectionEvent[] = new Array<DetectionEvent>(total);
  const attackOf = new Int32Array(total);
  const cursor = new Int32Array(streams.length);
  // A binary heap of stream numbers by (head time, stream number): k is a few dozen at most,
  // and a k-way merge keeps the sorted streams' work linear instead of re-sorting millions.
  const heap = streams.map((_, i) => i).filter((i) => streams[i]!.length > 0);
  const before = (a: number, b: number) => {
    const ta = streams[a]![cursor[a]!]!.time;
    const tb = streams[b]![cursor[b]!]!.time;
    return ta < tb || (ta === tb && a < b);
  };
  const siftDown = (from: number) => {
    for (let i = from; ;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let least = i;
      if (left < heap.length && before(heap[left]!, heap[least]!)) least = left;
      if (right < heap.length && before(heap[right]!, heap[least]!)) least = right;
      if (least === i) return;
      [heap[i], heap[least]] = [heap[least]!, heap[i]!];
      i = least;
    }
  };
  for (let i = (heap.length >> 1) - 1; i >= 0; i--) siftDown(i);
  let malicious = 0;
  for (let n = 0; n < total; n++) {
    const stream = heap[0]!;
    events[n] = streams[stream]![cursor[stream]!++]!;
    const label = labelOf(stream);
    attackOf[n] = label;
    if (label >= 0) malicious++;
    if (cursor[stream]! >= streams[stream]!.length) {
      const last = heap.pop()!;
      if (heap.length > 0) heap[0] = last;
    }
    siftDown(0);
  }
  return {
    ...window,
    events,
    labels: attacks.map((attack) => attack.attack),
    attackOf,
    maliciousEventCount: malicious,
  };
}

/** The facts of ../shared/scenario/shopco.md, "The attack". */
export const SHOPCO_ATTACK = {
  stuffingStart: Date.UTC(2026, 2, 10, 2),
  stuffingEnd: Date.UTC(2026, 2, 12, 9),
  stuffingSources: 3_400,
  stuffingNetworks: 41,
  stuffingAccounts: 280_000,
  stuffingSuccessRate: 0.009,
  vendorPullStart: Date.UTC(2026, 2, 10, 3),
  vendorMultiplier: 40,
  vendorDeclaredCategories: ['email', 'order_history'],
  vendorOutOfScopeCategory: 'phone',
  vendorPhoneCustomers: 310_000,
  loginsPerDay: 40_000,
  failureRate: 0.04,
  peakHourLocal: 19,
  /** ShopCo's local time in March: CET. */
  utcOffsetMinutes: 60,
  customers: 750_000,
} as const;

export interface ShopcoScenarioOptions {
  /** Vendor X's "Recommendations API" integration, as the demo created it. */
  vendorXIntegrationId: string;
  vendorXKeyId?: string | null;
  /** When given, Authenticator Inc.'s integration pulls its steady baseline too. */
  authenticatorIntegrationId?: string;
  seed?: number;
  /** Days of quiet baseline before 2026-03-10, for the detectors to learn from. */
  daysBefore?: number;
  vendorXRecordsPerDay?: number;
}

export const SHOPCO_SEED = 20_260_310;

/** ShopCo's traffic through 2026-03-12 09:00 UTC: labels[0] is the stuffing, [1] Vendor X. */
export function shopcoAttackScenario(options: ShopcoScenarioOptions): SimulatedTraffic {
  const facts = SHOPCO_ATTACK;
  const seed = options.seed ?? SHOPCO_SEED;
  const start = Date.UTC(2026, 2, 10) - (options.daysBefore ?? 14) * DAY_MS;
  const window = { seed, start, end: facts.stuffingEnd };
  const vendorX: VendorApiBaseline = {
    integrationId: options.vendorXIntegrationId,
    keyId: options.vendorXKeyId ?? null,
    recordsPerDay: options.vendorXRecordsPerDay ?? 20_000,
    categories: facts.vendorDeclaredCategories,
  };
  const integrations = [vendorX];
  if (options.authenticatorIntegrationId !== undefined) {
    integrations.push({
      integrationId: options.authenticatorIntegrationId,
      endpoint: '/api/v1/customers/sync',
      recordsPerDay: 8_000,
      categories: ['name', 'email', 'phone', 'password_hash'],
    });
  }
  const benign = [
    generateLoginBaseline({
      ...window,
      loginsPerDay: facts.loginsPerDay,
      failureRate: facts.failureRate,
      utcOffsetMinutes: facts.utcOffsetMinutes,
      peakHour: facts.peakHourLocal,
      customers: facts.customers,
    }),
    ...integrations.map((integration) => generateVendorApiBaseline(window, integration)),
  ];
  const stuffing = distributedStuffing({
    id: 'shopco-credential-stuffing',
    seed,
    start: facts.stuffingStart,
    end: facts.stuffingEnd,
    sources: facts.stuffingSources,
    networks: facts.stuffingNetworks,
    accounts: facts.stuffingAccounts,
    successRate: facts.stuffingSuccessRate,
    customers: facts.customers,
  });
  const pull = vendorApiVolume({
    id: 'shopco-vendor-x-pull',
    seed,
    start: facts.vendorPullStart,
    end: facts.stuffingEnd,
    integration: vendorX,
    multiplier: facts.vendorMultiplier,
    outOfScopeCategories: [facts.vendorOutOfScopeCategory],
    outOfScopeRecords: facts.vendorPhoneCustomers,
  });
  return mergeTraffic(window, benign, [stuffing, pull]);
}

export interface EvaluationOptions {
  seed: number;
  days: number;
  /** Epoch ms of the first day; a Monday in February 2026 by default. */
  start?: number;
}

const EVALUATION_START = Date.UTC(2026, 1, 2);
/** The evaluation's vendor integrations and the categories each declares. */
export const EVALUATION_INTEGRATIONS: VendorApiBaseline[] = [
  {
    integrationId: 'eval-recommendations',
    recordsPerDay: 20_000,
    categories: ['email', 'order_history'],
  },
  {
    integrationId: 'eval-login-provider',
    recordsPerDay: 6_000,
    categories: ['name', 'email', 'phone', 'password_hash'],
  },
];

export function baselineOnly(options: EvaluationOptions): SimulatedTraffic {
  const start = options.start ?? EVALUATION_START;
  const window = { seed: options.seed, start, end: start + options.days * DAY_MS };
  return mergeTraffic(window, benignStreams(window), []);
}

function benignStreams(window: { seed: number; start: number; end: number }): DetectionEvent[][] {
  return [
    generateLoginBaseline(window),
    generateSshdOperators(window),
    ...EVALUATION_INTEGRATIONS.map((integration) => generateVendorApiBaseline(window, integration)),
  ];
}

type Spec = [minutes: number, make: (window: AttackWindow) => GeneratedAttack];
const [recommendations, loginProvider] = EVALUATION_INTEGRATIONS as [
  VendorApiBaseline,
  VendorApiBaseline,
];

/**
 * Every attack kind at several strengths, from blatant to the weakest instance of each kind
 * sitting just above the default thresholds in src/contracts/detection.ts.
 */
const EVALUATION_ATTACKS: Record<string, Spec> = {
  'brute-force-fast': [10, (w) => accountBruteForce({ ...w, customer: 4_242, attempts: 60 })],
  'brute-force-slow': [
    30,
    (w) => accountBruteForce({ ...w, customer: 77_007, attempts: 30, succeeds: true }),
  ],
  'brute-force-rotating': [
    60,
    (w) => accountBruteForce({ ...w, customer: 123_456, attempts: 100, sources: 25 }),
  ],
  'stuffing-one-ip': [
    60,
    (w) => sourceStuffing({ ...w, mode: 'ip', accounts: 800, successRate: 0.02 }),
  ],
  'stuffing-one-network': [
    120,
    (w) =>
      sourceStuffing({ ...w, mode: 'network', sources: 30, accounts: 2_000, successRate: 0.01 }),
  ],
  'stuffing-one-agent': [
    180,
    (w) =>
      sourceStuffing({
        ...w,
        mode: 'user_agent',
        sources: 250,
        accounts: 3_000,
        successRate: 0.01,
      }),
  ],
  'distributed-strong': [
    480,
    (w) =>
      distributedStuffing({
        ...w,
        sources: 1_500,
        networks: 30,
        accounts: 40_000,
        successRate: 0.009,
      }),
  ],
  'distributed-weak': [
    360,
    (w) =>
      distributedStuffing({
        ...w,
        sources: 400,
        networks: 12,
        accounts: 6_000,
        successRate: 0.009,
        unknownShare: 0.3,
      }),
  ],
  'spraying-wide': [
    360,
    (w) => passwordSpraying({ ...w, sources: 8, accounts: 3_000, successRate: 0.002 }),
  ],
  'spraying-narrow': [
    240,
    (w) =>
      passwordSpraying({ ...w, sources: 3, accounts: 1_000, successRate: 0.003, passwords: 2 }),
  ],
  'takeover-after-failures': [120, (w) => accountTakeover({ ...w, victims: 6, failuresBefore: 8 })],
  'vendor-bulk-with-phone': [
    360,
    (w) =>
      vendorApiVolume({
        ...w,
        integration: recommendations,
        multiplier: 40,
        outOfScopeCategories: ['phone'],
        outOfScopeRecords: 20_000,
      }),
  ],
  'vendor-bulk-in-scope': [
    240,
    (w) => vendorApiVolume({ ...w, integration: loginProvider, multiplier: 12 }),
  ],
  'vendor-burst': [
    120,
    (w) => vendorApiVolume({ ...w, integration: recommendations, multiplier: 15 }),
  ],
  'sshd-scanner-fast': [10, (w) => sshdBruteForce({ ...w, attempts: 600 })],
  'sshd-scanner-medium': [30, (w) => sshdBruteForce({ ...w, attempts: 150 })],
  'sshd-scanner-slow': [120, (w) => sshdBruteForce({ ...w, attempts: 80 })],
};

/**
 * Baseline with every attack kind injected at known times, for recall and false alerts. The
 * first days stay quiet (two when there are four or more) so detectors can learn the
 * baseline; then each attack gets its own slot, in an order drawn from the seed. A takeover
 * from the one-IP stuffing source follows that attack, as criminals use what they found.
 */
export function evaluationScenario(options: EvaluationOptions): SimulatedTraffic {
  if (!(options.days >= 1)) throw new RangeError('an evaluation needs at least one day');
  const start = options.start ?? EVALUATION_START;
  const end = start + options.days * DAY_MS;
  const window = { seed: options.seed, start, end };
  const random = new Random(options.seed).fork('schedule');
  const quiet = (options.days >= 4 ? 2 : options.days >= 2 ? 1 : 0) * DAY_MS;
  const names = random.shuffle(Object.keys(EVALUATION_ATTACKS));
  const slot = (end - start - quiet) / (names.length + 1);
  const attacks: GeneratedAttack[] = [];
  names.forEach((name, i) => {
    const [minutes, make] = EVALUATION_ATTACKS[name]!;
    const duration = minutes * MINUTE_MS;
    const slotStart = start + quiet + i * slot;
    const from = Math.floor(slotStart + random.next() * Math.max(0, slot - duration));
    attacks.push(
      make({ id: name, seed: options.seed, start: from, end: Math.min(end, from + duration) }),
    );
  });
  const stuffing = attacks.find((attack) => attack.attack.id === 'stuffing-one-ip')!.attack;
  const after = Math.min(stuffing.end + 20 * MINUTE_MS, end - 2 * HOUR_MS);
  attacks.push(
    accountTakeover({
      id: 'takeover-from-stuffing-source',
      seed: options.seed,
      start: after,
      end: after + 2 * HOUR_MS,
      victims: stuffing.takenOver.length,
      accounts: stuffing.takenOver,
      failuresBefore: 0,
      sources: stuffing.sources,
    }),
  );
  return mergeTraffic(window, benignStreams(window), attacks);
}
