import { Readable } from 'node:stream';
import type { HistoryRow } from '../../modules/datamap/datamap.ledger.service.js';

/**
 * ShopCo's 750,000 customers and what its vendors received about them, generated from a fixed
 * seed so every run of the demo (and the browser test) sees the same people and counts.
 * The facts come from ../shared/scenario/shopco.md.
 */
export const JURISDICTIONS = [
  { country: 'DE', region: null, customers: 180_000, locale: 'de-DE', dial: '+49 30' },
  { country: 'FR', region: null, customers: 120_000, locale: 'fr-FR', dial: '+33 1' },
  { country: 'NL', region: null, customers: 60_000, locale: 'nl-NL', dial: '+31 20' },
  { country: 'IE', region: null, customers: 30_000, locale: 'en-IE', dial: '+353 1' },
  { country: 'GB', region: null, customers: 90_000, locale: 'en-GB', dial: '+44 20' },
  { country: 'US', region: 'CA', customers: 110_000, locale: 'en-US', dial: '+1 415' },
  { country: 'US', region: 'TX', customers: 70_000, locale: 'en-US', dial: '+1 512' },
  { country: 'US', region: 'NY', customers: 40_000, locale: 'en-US', dial: '+1 212' },
  { country: 'US', region: 'WA', customers: 20_000, locale: 'en-US', dial: '+1 206' },
  { country: 'US', region: 'FL', customers: 20_000, locale: 'en-US', dial: '+1 305' },
  { country: 'US', region: 'CO', customers: 10_000, locale: 'en-US', dial: '+1 303' },
] as const;

export const CUSTOMER_COUNT = 750_000;
export const VENDOR_X_CUSTOMERS = 612_000;
export const PHONE_PULLED_CUSTOMERS = 310_000;
/** The first 1,000 German customers have undeliverable addresses (the bounce path). */
export const UNDELIVERABLE = 1_000;

const FIRST = [
  'Anna',
  'Ben',
  'Chloé',
  'David',
  'Emma',
  'Finn',
  'Grace',
  'Hugo',
  'Ines',
  'Jonas',
  'Katie',
  'Liam',
  'Mia',
  'Noah',
  'Olivia',
  'Paul',
  'Rosa',
  'Sam',
  'Tara',
  'Yusuf',
];
const LAST = [
  'Müller',
  'Martin',
  'de Vries',
  'Murphy',
  'Smith',
  'Garcia',
  'Johnson',
  'Schmidt',
  'Bernard',
  'Jansen',
  'Kelly',
  'Brown',
  'Lopez',
  'Williams',
  'Fischer',
  'Dubois',
  'Bakker',
  'Byrne',
  'Taylor',
  'Nguyen',
];

/** A multiplier coprime with 750,000: `i → i·K mod N` is a permutation that mixes regions. */
const SPREAD = 7919;
const spreadRank = (index: number) => (index * SPREAD) % CUSTOMER_COUNT;

export const externalIdOf = (index: number) => `SC${String(index + 1).padStart(7, '0')}`;

function jurisdictionOf(index: number) {
  let start = 0;
  for (const place of JURISDICTIONS) {
    if (index < start + place.customers) return place;
    start += place.customers;
  }
  throw new RangeError(`customer index ${index} is out of range`);
}

/** Small, fast and seedable (mulberry32): the same seed gives the same demo everywhere. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Customer `index`'s email: what they log in with, so detection's hashes join them. */
export function customerEmailOf(index: number): string {
  const first = FIRST[index % FIRST.length]!;
  const last = LAST[Math.floor(index / FIRST.length) % LAST.length]!;
  const domain =
    jurisdictionOf(index).country === 'DE' && index < UNDELIVERABLE
      ? 'bounce.invalid'
      : 'mail.example';
  return `${first}.${last}.${index + 1}@${domain}`.toLowerCase().replace(/[^a-z0-9.@-]/g, '');
}

/** The directory as NDJSON, for the real import path (validation, sealing, all-or-nothing). */
export function customerFile(): Readable {
  return Readable.from(
    (function* () {
      const next = random(20260312);
      let chunk = '';
      for (let i = 0; i < CUSTOMER_COUNT; i++) {
        const place = jurisdictionOf(i);
        const first = FIRST[i % FIRST.length]!;
        const last = LAST[Math.floor(i / FIRST.length) % LAST.length]!;
        const since = Date.UTC(2019, 0, 1) + Math.floor(next() * 2_000) * 86_400_000;
        chunk += `${JSON.stringify({
          externalId: externalIdOf(i),
          email: customerEmailOf(i),
          name: `${first} ${last}`,
          phone: `${place.dial} ${String(1_000_000 + Math.floor(next() * 8_999_999))}`,
          country: place.country,
          region: place.region,
          locale: place.locale,
          customerSince: new Date(since).toISOString(),
        })}\n`;
        if (chunk.length > 256 * 1024) {
          yield chunk;
          chunk = '';
        }
      }
      if (chunk) yield chunk;
    })(),
  );
}

const at = (iso: string) => Date.parse(iso) / 1000;
const CHUNK = 25_000;

/** Authenticator Inc. handles every login: all 750,000 customers, since they signed up. */
export async function* authenticatorHistory(): AsyncGenerator<HistoryRow[]> {
  const next = random(1);
  const rows: HistoryRow[] = [];
  for (let i = 0; i < CUSTOMER_COUNT; i++) {
    const firstAt = at('2025-06-01T00:00:00Z') + Math.floor(next() * 90 * 86_400);
    const logins = 1 + Math.floor(next() * 40);
    rows.push({
      customer: externalIdOf(i),
      categories: ['name', 'email', 'phone', 'password_hash'],
      firstAt,
      lastAt: Math.max(firstAt, at('2026-03-12T09:00:00Z') - Math.floor(next() * 180 * 86_400)),
      events: logins,
      records: logins,
    });
    if (rows.length === CHUNK) yield rows.splice(0);
  }
  if (rows.length > 0) yield rows;
}

/**
 * Vendor X received email and order history on 612,000 customers between 2025-09-01 and the
 * attack; during it (from 2026-03-10 03:00) its key also pulled phone numbers of 310,000.
 */
export async function* vendorXHistory(): AsyncGenerator<HistoryRow[]> {
  const next = random(2);
  const start = at('2025-09-01T00:00:00Z');
  const attack = at('2026-03-10T03:00:00Z');
  const end = at('2026-03-12T09:00:00Z');
  const rows: HistoryRow[] = [];
  for (let i = 0; i < CUSTOMER_COUNT; i++) {
    const rank = spreadRank(i);
    if (rank >= VENDOR_X_CUSTOMERS) continue;
    const pulled = rank < PHONE_PULLED_CUSTOMERS;
    const firstAt = start + Math.floor(next() * (attack - start));
    const lastAt = pulled
      ? attack + Math.floor(next() * (end - attack))
      : firstAt + Math.floor(next() * (attack - firstAt));
    const events = 1 + Math.floor(next() * 12);
    rows.push({
      customer: externalIdOf(i),
      categories: pulled ? ['email', 'order_history', 'phone'] : ['email', 'order_history'],
      firstAt,
      lastAt,
      events: events + (pulled ? 1 : 0),
      records: events * 3 + (pulled ? 40 : 0),
    });
    if (rows.length === CHUNK) yield rows.splice(0);
  }
  if (rows.length > 0) yield rows;
}

/** Daily totals with a weekly rhythm; Vendor X's attack days pull 40 times the baseline. */
export function dailyTotals(options: {
  from: string;
  to: string;
  records: number;
  categories: string[];
  attack?: { from: string; categories: string[] };
}) {
  const days: { day: string; events: number; records: number; categories: string[] }[] = [];
  for (let t = Date.parse(options.from); t <= Date.parse(options.to); t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    const weekday = new Date(t).getUTCDay();
    const rhythm = weekday === 0 || weekday === 6 ? 1.25 : 1;
    const attacked = options.attack && day >= options.attack.from;
    const records = Math.round(options.records * rhythm * (attacked ? 40 : 1));
    days.push({
      day,
      events: Math.round(records / 3),
      records,
      categories: attacked ? options.attack!.categories : options.categories,
    });
  }
  return days;
}
