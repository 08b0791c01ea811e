import { isIP } from 'node:net';
import type { EventLine } from '../../../contracts/detection.js';

/**
 * What a line parser makes of one line. `skip` is a well-formed line that says nothing about
 * an attack (a cron job, a session opening, a duplicate); `error` is a line the parser could not
 * read. `more` carries further events the same line stands for: syslog's "message repeated 5
 * times: [ Failed password … ]" is five more attempts, each of which gets its own id. Every
 * event is a new object the caller may complete (with its id) in place.
 */
export type LineResult =
  | { kind: 'event'; event: EventLine; more?: EventLine[] }
  | { kind: 'skip' }
  | { kind: 'error'; reason: string };

/** Turns one line (without its newline) into a result. Never throws, whatever the input. */
export type LineParse = (line: string) => LineResult;

export interface ParseSample {
  /** Line number in the input, counting from 1. */
  line: number;
  /** The start of the line, with control characters escaped so it is safe to print. */
  text: string;
  reason: string;
}

export interface ParseReport {
  lines: number;
  events: number;
  skipped: number;
  unparseable: number;
  /** The first few unparseable lines, enough for an operator to see what went wrong. */
  samples: ParseSample[];
}

const MAX_SAMPLES = 5;
const SAMPLE_CHARS = 200;

export const skip: LineResult = Object.freeze({ kind: 'skip' });
export const failure = (reason: string): LineResult => ({ kind: 'error', reason });

/** A client address as a log writes it (the ingest contract allows at most 64 characters). */
export const isAddress = (ip: string) => ip.length <= 64 && isIP(ip) !== 0;
export const notAnAddress = (ip: string) => failure(`not an IP address: ${printable(ip)}`);

export function eventsOf(result: LineResult): EventLine[] {
  if (result.kind !== 'event') return [];
  return result.more ? [result.event, ...result.more] : [result.event];
}

export function createParseReport(): ParseReport {
  return { lines: 0, events: 0, skipped: 0, unparseable: 0, samples: [] };
}

/** Counts one line's result; `line` is its 1-based number in the input. */
export function recordResult(
  report: ParseReport,
  line: number,
  text: string,
  result: LineResult,
): void {
  report.lines += 1;
  if (result.kind === 'event') report.events += 1 + (result.more?.length ?? 0);
  else if (result.kind === 'skip') report.skipped += 1;
  else {
    report.unparseable += 1;
    if (report.samples.length < MAX_SAMPLES)
      report.samples.push({ line, text: printable(text, SAMPLE_CHARS), reason: result.reason });
  }
}

// Characters the contract's text fields refuse, plus C1 controls that upset terminals: NUL and
// other controls, lone surrogates and bidirectional overrides ("Trojan Source").
const unsafeCharacter =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const plainAscii = /^[\u0020-\u007e]*$/;

const escapeCharacter = (char: string) => {
  const code = char.charCodeAt(0);
  return code < 0x100
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
};

/** Cuts at `max` UTF-16 units without splitting a surrogate pair. */
function cut(value: string, max: number): string {
  if (value.length <= max) return value;
  const code = value.charCodeAt(max - 1);
  return value.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

/** The start of untrusted text, safe to print on a terminal or in a report. */
export function printable(value: string, max = 60): string {
  const head = cut(value, max);
  const escaped = plainAscii.test(head) ? head : head.replace(unsafeCharacter, escapeCharacter);
  return head.length < value.length ? `${escaped}…` : escaped;
}

/**
 * Makes attacker-controlled text (a user name, a path, a user agent) acceptable to the contract's
 * `text()` fields without losing the event: forbidden characters are escaped rather than refused,
 * because a probe with a control character in the user name is still an attempt from that IP.
 * Returns undefined when nothing is left after trimming, as the contract has no empty names.
 */
export function safeText(value: string, max: number): string | undefined {
  let text = value;
  if (!plainAscii.test(text))
    text = text.normalize('NFC').replace(unsafeCharacter, escapeCharacter);
  text = cut(text.trim(), max).trim();
  return text === '' ? undefined : text;
}

export const MONTHS: Readonly<Record<string, number>> = {
  Jan: 0,
  Feb: 1,
  Mar: 2,
  Apr: 3,
  May: 4,
  Jun: 5,
  Jul: 6,
  Aug: 7,
  Sep: 8,
  Oct: 9,
  Nov: 10,
  Dec: 11,
};

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

/** Converts between UTC and a zone's wall time, both as epoch milliseconds. */
export interface WallClock {
  toWall(utc: number): number;
  toUtc(wall: number): number;
}

/**
 * Offsets are cached per quarter hour, the granularity of every zone's transitions, so Intl runs
 * once per 15 minutes of log rather than once per line. An unknown zone throws a RangeError.
 */
export function createWallClock(timeZone: string): WallClock {
  if (timeZone === 'UTC') return { toWall: (ms) => ms, toUtc: (ms) => ms };
  const format = new Intl.DateTimeFormat('en-US', {
    ...{ timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric' },
    ...{ hour: 'numeric', minute: 'numeric', second: 'numeric' },
  });
  const cache = new Map<number, number>();
  const offsetAt = (utc: number) => {
    const slot = Math.floor(utc / 900_000);
    let offset = cache.get(slot);
    if (offset === undefined) {
      const part: Record<string, number> = {};
      for (const { type, value } of format.formatToParts(slot * 900_000))
        part[type] = Number(value);
      const wall = Date.UTC(
        part.year!,
        part.month! - 1,
        part.day,
        part.hour,
        part.minute,
        part.second,
      );
      offset = wall - slot * 900_000;
      if (cache.size > 100_000) cache.clear();
      cache.set(slot, offset);
    }
    return offset;
  };
  return {
    toWall: (utc) => utc + offsetAt(utc),
    toUtc: (wall) => wall - offsetAt(wall - offsetAt(wall)),
  };
}

const ISO_INSTANT =
  /^(\d{4})-(\d\d)-(\d\d)[Tt ](\d\d):(\d\d):(\d\d)(?:[.,](\d{1,9}))?(?:([Zz])|([+-])(\d\d):?(\d\d))?$/;
const utcClock: WallClock = { toWall: (ms) => ms, toUtc: (ms) => ms };

/**
 * Epoch milliseconds of an ISO-8601 / RFC 3339 date-time, or undefined when it is not one or
 * names a day that does not exist. Without an offset the time is wall time on `clock`.
 */
export function isoToMs(text: string, clock: WallClock = utcClock): number | undefined {
  const match = ISO_INSTANT.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  if (year! < 1000 || month! < 1 || month! > 12 || day! < 1) return undefined;
  if (day! > daysInMonth(year!, month! - 1) || hour! > 23 || minute! > 59 || second! > 60)
    return undefined;
  const fraction = match[7] ? Math.floor(Number(`0.${match[7]}`) * 1000) : 0;
  const wall = Date.UTC(year!, month! - 1, day, hour, minute, second) + fraction;
  if (match[8]) return wall;
  if (!match[9]) return clock.toUtc(wall);
  const [hours, minutes] = [Number(match[10]), Number(match[11])];
  if (hours > 23 || minutes > 59) return undefined;
  return wall - (match[9] === '-' ? -1 : 1) * (hours * 60 + minutes) * 60_000;
}
