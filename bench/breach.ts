import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { ScopeGroup } from '../src/modules/breach/breach.coverage.js';
import { computeObligations } from '../src/modules/breach/breach.engine.js';
import { builtinRules, catalogue } from '../src/modules/breach/breach.test-fixtures.js';
import { formatCount } from './support/instance.js';

/**
 * Obligation computation for a 750,000-customer scope (issue 8: < 1 s). The engine reads the
 * scope snapshot's groups, one per (place, exact combination of categories, way reached), so
 * its cost follows the number of groups. ShopCo's scope has a few dozen; this spreads the same
 * customers over every country and US state with 16 combinations each (about 4,900 groups),
 * far more than a real shop, and times the whole rule book over it.
 * Options: --customers N (750,000), --runs N (20).
 */
const COMBINATIONS = [
  ['email'],
  ['email', 'order_history'],
  ['email', 'phone'],
  ['email', 'order_history', 'phone'],
  ['name', 'email'],
  ['name', 'email', 'order_history'],
  ['name', 'government_id'],
  ['email', 'password_hash'],
  ['name', 'payment_card_pan'],
  ['order_history'],
  ['phone'],
  ['name'],
  ['name', 'phone'],
  ['email', 'password_hash', 'order_history'],
  ['name', 'email', 'phone', 'order_history'],
  ['name', 'email', 'government_id'],
] as const;
const US_STATES =
  'AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC'.split(
    ' ',
  );

export async function runBreachBench(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      customers: { type: 'string', default: '750000' },
      runs: { type: 'string', default: '20' },
    },
  });
  const customers = Number(values.customers);
  const places = [
    ...countries().filter((code) => code !== 'US'),
    ...US_STATES.map((state) => `US-${state}`),
  ];
  const groups = spread(customers, places);
  const { book, calendars } = builtinRules();
  const facts = {
    snapshot: { id: 'bench', takenAt: '2026-03-13T00:00:00.000Z', customers, groups },
    triggers: {
      suspected: '2026-03-10T02:40:00.000Z',
      aware: '2026-03-12T08:00:00.000Z',
      discovered: '2026-03-12T08:00:00.000Z',
      determined: '2026-03-12T08:00:00.000Z',
    },
    catalogue,
    encryption: new Map(),
    decisions: [],
  };
  const times: number[] = [];
  let owed = 0;
  for (let run = 0; run < Number(values.runs); run++) {
    const started = performance.now();
    const report = computeObligations(book, calendars, facts, new Date('2026-03-13T08:00:00Z'));
    times.push(performance.now() - started);
    owed = report.obligations.filter((o) => o.status !== 'not_required').length;
  }
  times.sort((a, b) => a - b);
  console.log(
    `obligations for ${formatCount(customers)} customers in ${formatCount(groups.length)} scope groups, ` +
      `${book.rules.length} rules: ${owed} obligations owed or to assess; ` +
      `min ${times[0]!.toFixed(1)} ms, median ${times[Math.floor(times.length / 2)]!.toFixed(1)} ms, ` +
      `max ${times[times.length - 1]!.toFixed(1)} ms (target < 1,000 ms)`,
  );
}

/** Every ISO 3166-1 alpha-2 code the runtime can name. */
function countries(): string[] {
  const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  return [...letters]
    .flatMap((a) => [...letters].map((b) => a + b))
    .filter((code) => names.of(code) !== undefined);
}

/** The customers dealt over places × combinations, the remainder to the first groups. */
function spread(customers: number, places: string[]): ScopeGroup[] {
  const count = places.length * COMBINATIONS.length;
  const each = Math.floor(customers / count);
  let left = customers - each * count;
  const groups: ScopeGroup[] = [];
  for (const place of places)
    for (const [n, categories] of COMBINATIONS.entries()) {
      const [country, region] = place.split('-') as [string, string | undefined];
      const extra = left > 0 ? 1 : 0;
      left -= extra;
      groups.push({
        country,
        region: region ?? null,
        known: true,
        categories: [...categories],
        via: n === COMBINATIONS.length - 1 ? 'account_takeover' : 'vendor',
        customers: each + extra,
      });
    }
  return groups;
}
