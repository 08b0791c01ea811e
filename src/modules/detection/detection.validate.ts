import { eventLine, type ParsedEventLine } from '../../contracts/detection.js';

/**
 * Validates one event line with the Zod contract and names the first wrong field. The common
 * case, a login line of plain ASCII such as every log parser makes, is checked by hand first
 * (about a tenth of Zod's 2.5 µs, which was the costliest step of ingest): anything that check
 * is not sure of goes to Zod, so Zod alone decides what is refused and says why. A property
 * test holds the two to the same output on whatever the check accepts.
 */
export function validateEventLine(
  value: unknown,
): { event: ParsedEventLine } | { field: string; message: string } {
  const fast = plainLoginLine(value);
  if (fast !== undefined) return { event: fast };
  const parsed = eventLine.safeParse(value);
  if (parsed.success) return { event: parsed.data };
  const issue = parsed.error.issues[0]!;
  return { field: issue.path.join('.') || '(line)', message: issue.message };
}

const LOGIN_KEYS = new Set([
  'id',
  'at',
  'type',
  'stream',
  'account',
  'ip',
  'user_agent',
  'outcome',
  'country',
  'asn',
]);
const OUTCOMES = new Set(['success', 'bad_password', 'unknown_account', 'mfa_failure', 'locked']);
const STORED_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const COUNTRY = /^[A-Z]{2}$/;

/**
 * The login line Zod would return, when the line is one that plainly passes: known keys only,
 * the stored instant form of a real date, and texts of printable ASCII without surrounding
 * spaces (which Unicode normalisation and trimming leave as they are). Otherwise undefined.
 */
export function plainLoginLine(value: unknown): ParsedEventLine | undefined {
  if (
    typeof value !== 'object' ||
    value === null ||
    Object.getPrototypeOf(value) !== Object.prototype
  )
    return undefined;
  const line = value as Record<string, unknown>;
  for (const key in line) if (!LOGIN_KEYS.has(key)) return undefined;
  const { id, at, type, stream, account, ip, user_agent, outcome, country, asn } = line;
  if (type !== 'login' || typeof outcome !== 'string' || !OUTCOMES.has(outcome)) return undefined;
  if (stream !== undefined && stream !== 'web' && stream !== 'sshd') return undefined;
  // ASCII only here too: Zod measures other strings differently (an astral character is one).
  if (id !== undefined && !isPlainText(id, 1, 200)) return undefined;
  if (typeof at !== 'string' || Number.isNaN(storedInstantMs(at))) return undefined;
  if (!isPlainText(ip, 2, 64)) return undefined;
  if (account !== undefined && !isPlainText(account, 1, 320)) return undefined;
  if (user_agent !== undefined && !isPlainText(user_agent, 0, 1000)) return undefined;
  if (country !== undefined && (typeof country !== 'string' || !COUNTRY.test(country)))
    return undefined;
  if (
    asn !== undefined &&
    !(Number.isSafeInteger(asn) && (asn as number) >= 0 && (asn as number) <= 4_294_967_295)
  )
    return undefined;
  const parsed: Record<string, unknown> = { type, stream: stream ?? 'web', at, ip, outcome };
  if (id !== undefined) parsed.id = id;
  if (account !== undefined) parsed.account = account;
  if (user_agent !== undefined) parsed.user_agent = user_agent;
  if (country !== undefined) parsed.country = country;
  if (asn !== undefined) parsed.asn = asn;
  return parsed as ParsedEventLine;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Epoch milliseconds of an instant in the stored form (`2026-03-10T02:00:00.000Z`, years from
 * 1970), or NaN for any other text or a date that does not exist. Read by hand: Date.parse
 * and the toISOString check it would need cost about a microsecond a line.
 */
export function storedInstantMs(at: string): number {
  if (at.length !== 24 || !STORED_INSTANT.test(at)) return NaN;
  const year = digits(at, 0, 4);
  const month = digits(at, 5, 2);
  const day = digits(at, 8, 2);
  const hour = digits(at, 11, 2);
  const minute = digits(at, 14, 2);
  const second = digits(at, 17, 2);
  if (year < 1970 || month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return NaN;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day < 1 || day > DAYS_IN_MONTH[month - 1]! + (leap ? 1 : 0)) return NaN;
  return Date.UTC(year, month - 1, day, hour, minute, second, digits(at, 20, 3));
}

function digits(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) value = value * 10 + text.charCodeAt(i) - 48;
  return value;
}

function isPlainText(value: unknown, min: number, max: number): boolean {
  if (typeof value !== 'string' || value.length < min || value.length > max) return false;
  const last = value.length - 1;
  for (let i = 0; i <= last; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || (c === 0x20 && (i === 0 || i === last))) return false;
  }
  return true;
}
