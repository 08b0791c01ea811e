import type { EventLine } from '../../../contracts/detection.js';
import type { LoginOutcome } from '../detection.events.js';
import {
  createWallClock,
  daysInMonth,
  failure,
  isAddress,
  isoToMs,
  type LineParse,
  type LineResult,
  MONTHS,
  notAnAddress,
  safeText,
  skip,
  type WallClock,
} from './parse.types.js';

export interface SshdParserOptions {
  /** When the log was last written (its mtime) or now: no year-less timestamp lands after it. */
  referenceTime: Date;
  /** IANA zone of the classic, zone-less timestamps (the server's zone); UTC by default. */
  timeZone?: string;
}

/*
 * What counts as one attempt, decided against ../shared/data/logs/ubuntu-auth-3weeks.log:
 * - Each "Failed password|keyboard-interactive… for [invalid user] X from IP" is one attempt;
 *   rsyslog's "message repeated N times: [ Failed … ]" is N more (1 Failed + "repeated 5 times"
 *   is followed by "PAM 5 more authentication failures" in every such session: 6 attempts).
 * - "Failed publickey|hostbased" is not an attempt: clients offer every key they hold before a
 *   password (the operator's own sessions show "Failed publickey" then "Accepted password"), and
 *   fail2ban treats it the same way. "Failed none" is the method probe every client sends.
 * - "Invalid user X from IP" (and "User X … not allowed because …") is one unknown_account
 *   attempt, emitted at once: of the 178 sessions with one, 86 log no Failed line at all
 *   (the client quits, or sshd gives up on silent keyboard-interactive probes). The session's
 *   first "Failed … for invalid user" is then the same attempt and is not counted again.
 * - Lines that only summarise a session ("maximum authentication attempts exceeded",
 *   "Connection closed by|Disconnected from authenticating|invalid user X IP port N") count one
 *   attempt only when nothing in that session was counted before. The real number of silent
 *   tries is unknown, so one it is.
 * - Duplicates are skipped: pam_unix "authentication failure; … rhost=" precedes each Failed
 *   password, "PAM N more authentication failures" restates the session's Failed lines,
 *   "input_userauth_request: invalid user" restates Invalid user, and anonymous disconnects
 *   ("Connection closed by IP port N [preauth]") name no account.
 * A session is the sshd pid plus the client address, forgotten after SESSION_TTL_MS of silence
 * because pids are reused (pid 1361 appears on two different days in the sample).
 */
const SESSION_TTL_MS = 10 * 60_000;
const MAX_SESSIONS = 10_000;
/** A timestamp further back than this from the previous one means the year rolled over. */
const DISORDER_MS = 7 * 86_400_000;
const FUTURE_SLACK_MS = 86_400_000;
/** Bounds the copies a forged "message repeated 999999999 times" line can make. */
const MAX_REPEATS = 10_000;

const SSHD_PROGRAMS = new Set(['sshd', 'sshd-session', 'sshd-auth']);
const TAG = String.raw`(?:([^\s[\]:]+)(?:\[(\d+)\])?: )?`;
const CLASSIC = new RegExp(
  String.raw`^([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d\d):(\d\d):(\d\d)(?:\.\d+)? (\S+) ${TAG}`,
);
const ISO = new RegExp(String.raw`^(\d{4}-\d\d-\d\dT[\d:.,]+(?:Z|[+-][\d:]+)?) (\S+) ${TAG}`);
const PRIORITY = /^<\d{1,3}>/;
const RFC5424 = /^<\d{1,3}>1 (\S+) \S+ (\S+) (\S+) \S+ /;

const AUTH =
  /^(Accepted|Failed|Partial) (\S+) for (invalid user )?(.*) from (\S+) port \d+(?: ssh\d)?(?:: .*)?$/s;
const REPEATED = /^message repeated (\d+) times: \[ ?(.*)\]$/s;
const INVALID_USER = /^Invalid user (.*) from (\S+)(?: port \d+)?$/s;
const NOT_ALLOWED = /^User (.*) from (\S+) not allowed because /s;
const MAX_TRIES =
  /^(?:error: )?maximum authentication attempts exceeded for (invalid user )?(.*) from (\S+) port \d+(?: ssh\d)?(?: \[preauth\])?$/s;
const GAVE_UP =
  /^(?:Connection closed by|Disconnected from) (authenticating|invalid) user (.*) (\S+) port \d+(?: \[preauth\])?$/s;
const NO_SECRET_METHODS = new Set(['none', 'publickey', 'hostbased']);

interface Session {
  ip: string;
  lastSeen: number;
  attempts: number;
  /** The Invalid user line already counted the first Failed line of this session. */
  credit: boolean;
  /** A first factor succeeded ("Partial publickey"), so a later failure is a second factor. */
  partial: boolean;
}

interface Header {
  at: number;
  program: string | undefined;
  pid: string | undefined;
  message: string;
}

interface Attempt {
  ip: string;
  account: string;
  outcome: LoginOutcome;
}

/** A parser for one file: it remembers the year it inferred and the sessions it has seen. */
export function createSshdParser(options: SshdParserOptions): LineParse {
  if (Number.isNaN(options.referenceTime.getTime()))
    throw new TypeError('referenceTime must be a valid date');
  const clock = createWallClock(options.timeZone ?? 'UTC');
  const limit = clock.toWall(options.referenceTime.getTime()) + FUTURE_SLACK_MS;
  const sessions = new Map<string, Session>();
  let previousWall: number | undefined;
  let minuteKey = '';
  let minuteWall = 0;
  let lastMs = NaN;
  let lastIso = '';

  /**
   * Reading forwards, a stamp far behind the previous one is next year; none is in the future.
   * Runs once a minute of log, so it is written without closures or arrays.
   */
  function inferYear(match: RegExpExecArray): number | string {
    const month = MONTHS[match[1]!];
    const day = Number(match[2]);
    const hour = Number(match[3]);
    const minute = Number(match[4]);
    const second = Number(match[5]);
    if (month === undefined || hour > 23 || minute > 59 || second > 60)
      return 'not a syslog timestamp';
    let earlier: number | undefined;
    if (previousWall === undefined) {
      const referenceYear = new Date(limit - FUTURE_SLACK_MS).getUTCFullYear();
      // Feb 29 may need to go back up to 7 years to find a leap year.
      for (let year = referenceYear; year > referenceYear - 8 && earlier === undefined; year--) {
        const wall = wallIn(year, month, day, hour, minute, second);
        if (wall !== undefined && wall <= limit) earlier = wall;
      }
      return earlier ?? `no such date: ${match[1]} ${day}`;
    }
    const previousYear = new Date(previousWall).getUTCFullYear();
    for (let year = previousYear - 1; year <= previousYear + 1; year++) {
      const wall = wallIn(year, month, day, hour, minute, second);
      if (wall === undefined) continue;
      if (wall >= previousWall - DISORDER_MS)
        return wall > limit && earlier !== undefined ? earlier : wall;
      earlier = wall;
    }
    return earlier ?? `no such date: ${match[1]} ${day}`;
  }

  function readHeader(text: string): Header | string {
    let line = text;
    if (line.startsWith('<')) {
      const priority = PRIORITY.exec(line);
      if (!priority) return 'not a syslog line';
      // RFC 5424 has version 1 after the priority; a relay's RFC 3164 line just keeps it.
      if (line.startsWith('1 ', priority[0].length)) return read5424(line, clock);
      line = line.slice(priority[0].length);
    }
    const start = line.charCodeAt(0);
    if (start >= 48 && start <= 57 /* 0-9 */) {
      const iso = ISO.exec(line);
      const at = iso ? isoToMs(iso[1]!, clock) : undefined;
      if (at === undefined) return 'not a syslog line with an ISO-8601 timestamp';
      return { at, program: iso![3], pid: iso![4], message: line.slice(iso![0].length) };
    }
    const classic = CLASSIC.exec(line);
    if (!classic) return 'not a syslog line';
    // Lines within one minute share the year: infer it once per minute, not per line.
    const second = Number(classic[5]);
    let wall: number | string;
    if (minuteKey !== '' && line.startsWith(minuteKey) && second <= 60)
      wall = minuteWall + second * 1000;
    else {
      wall = inferYear(classic);
      if (typeof wall === 'string') return wall;
      minuteKey = line.slice(0, 12);
      minuteWall = wall - second * 1000;
    }
    previousWall = wall;
    const message = line.slice(classic[0].length);
    return { at: clock.toUtc(wall), program: classic[7], pid: classic[8], message };
  }

  function sessionFor(header: Header, ip: string, fresh = false): Session {
    const key = header.pid ?? `ip ${ip}`;
    const known = sessions.get(key);
    if (!fresh && known?.ip === ip && header.at - known.lastSeen <= SESSION_TTL_MS) {
      known.lastSeen = header.at;
      return known;
    }
    sessions.delete(key);
    if (sessions.size >= MAX_SESSIONS) sessions.delete(sessions.keys().next().value!);
    const session = { ip, lastSeen: header.at, attempts: 0, credit: false, partial: false };
    sessions.set(key, session);
    return session;
  }

  function emit(header: Header, attempt: Attempt, count: number): LineResult {
    if (count <= 0) return skip;
    if (header.at !== lastMs) [lastMs, lastIso] = [header.at, new Date(header.at).toISOString()];
    const { ip, outcome } = attempt;
    const event: EventLine = { type: 'login', stream: 'sshd', at: lastIso, ip, outcome };
    const account = safeText(attempt.account, 320);
    if (account !== undefined) event.account = account;
    if (count === 1) return { kind: 'event', event };
    return { kind: 'event', event, more: Array.from({ length: count - 1 }, () => ({ ...event })) };
  }

  function readAuth(header: Header, match: RegExpExecArray, times: number): LineResult {
    const [, verdict, method, invalid, account, ip] = match as unknown as string[];
    if (!isAddress(ip!)) return notAnAddress(ip!);
    if (verdict === 'Accepted') {
      sessions.delete(header.pid ?? `ip ${ip}`);
      return emit(header, { ip: ip!, account: account!, outcome: 'success' }, times);
    }
    const session = sessionFor(header, ip!);
    if (verdict === 'Partial') session.partial = true;
    if (verdict !== 'Failed' || NO_SECRET_METHODS.has(method!)) return skip;
    const outcome = invalid ? 'unknown_account' : session.partial ? 'mfa_failure' : 'bad_password';
    const count = times - (invalid && session.credit ? 1 : 0);
    session.credit = false;
    session.attempts += count;
    return emit(header, { ip: ip!, account: account!, outcome }, count);
  }

  function readUnknownAccount(header: Header, account: string, ip: string): LineResult {
    if (!isAddress(ip)) return notAnAddress(ip);
    Object.assign(sessionFor(header, ip, true), { credit: true, attempts: 1 });
    return emit(header, { ip, account, outcome: 'unknown_account' }, 1);
  }

  function readSummary(header: Header, invalid: boolean, account: string, ip: string) {
    if (!isAddress(ip)) return notAnAddress(ip);
    const session = sessionFor(header, ip);
    if (session.attempts > 0) return skip;
    session.attempts = 1;
    return emit(header, { ip, account, outcome: invalid ? 'unknown_account' : 'bad_password' }, 1);
  }

  function readMessage(header: Header, message: string, times: number): LineResult {
    let match: RegExpExecArray | null;
    switch (message.charCodeAt(0)) {
      case 65 /* A */:
      case 70 /* F */:
      case 80 /* P */:
        match = AUTH.exec(message);
        return match ? readAuth(header, match, times) : skip;
      case 109 /* m */:
        // One level only: a forged nest of "message repeated" would rescan the line each time.
        match = times === 1 ? REPEATED.exec(message) : null;
        if (match) return readMessage(header, match[2]!, Math.min(Number(match[1]), MAX_REPEATS));
        match = MAX_TRIES.exec(message);
        return match ? readSummary(header, !!match[1], match[2]!, match[3]!) : skip;
      case 101 /* e */:
        match = MAX_TRIES.exec(message);
        return match ? readSummary(header, !!match[1], match[2]!, match[3]!) : skip;
      case 73 /* I */:
        match = INVALID_USER.exec(message);
        return match ? readUnknownAccount(header, match[1]!, match[2]!) : skip;
      case 85 /* U */:
        match = NOT_ALLOWED.exec(message);
        return match ? readUnknownAccount(header, match[1]!, match[2]!) : skip;
      case 67 /* C */:
      case 68 /* D */:
        match = GAVE_UP.exec(message);
        return match ? readSummary(header, match[1] === 'invalid', match[2]!, match[3]!) : skip;
      default:
        return skip;
    }
  }

  return (line) => {
    const header = readHeader(line);
    if (typeof header === 'string') return failure(header);
    if (header.program === undefined || !SSHD_PROGRAMS.has(header.program)) return skip;
    return readMessage(header, header.message, 1);
  };
}

/** RFC 5424: `<PRI>1 TIMESTAMP HOST APP PROCID MSGID [SD…]|- MSG`. */
function read5424(line: string, clock: WallClock): Header | string {
  const head = RFC5424.exec(line);
  if (!head) return 'not an RFC 5424 syslog line';
  const at = isoToMs(head[1]!, clock);
  if (at === undefined) return 'RFC 5424 line without a usable timestamp';
  let position = head[0].length;
  if (line[position] === '-') position += 1;
  while (line[position] === '[') {
    let end = position + 1;
    while (end < line.length && line[end] !== ']') end += line[end] === '\\' ? 2 : 1;
    if (end >= line.length) return 'RFC 5424 structured data is not closed';
    position = end + 1;
  }
  let message = line.slice(line[position] === ' ' ? position + 1 : position);
  if (message.startsWith('\ufeff')) message = message.slice(1);
  return { at, program: head[2], pid: head[3] === '-' ? undefined : head[3], message };
}

/** The wall-clock instant of a date in `year`, or undefined when the day is not in its month. */
function wallIn(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
): number | undefined {
  return day >= 1 && day <= daysInMonth(year, month)
    ? Date.UTC(year, month, day, hour, minute, second)
    : undefined;
}
