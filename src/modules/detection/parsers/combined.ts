import type { EventLine } from '../../../contracts/detection.js';
import {
  failure,
  isAddress,
  type LineParse,
  MONTHS,
  notAnAddress,
  printable,
  safeText,
  skip,
} from './parse.types.js';

export interface CombinedParserOptions {
  /** The shop's login form; compared with the request path without its query string. */
  loginPath?: string;
  loginMethods?: string[];
  /** Statuses the login form answers a wrong password with. */
  failureStatuses?: number[];
}

/*
 * nginx and Apache "combined" (`%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-Agent}i"`) and
 * "common" (the same without the last two). Fields are found with indexOf rather than one big
 * regex so that a 1 MB line costs one pass. Decisions:
 * - Apache writes `"` and `\` inside quoted fields as `\"` and `\\`, which are undone; `\xhh`
 *   (Apache's escape for other bytes, nginx's for everything) is kept as written, because
 *   decoding it could produce control characters the contract refuses anyway.
 * - A quote is the end of the request only when a status follows, so older servers that did not
 *   escape quotes in the request still parse.
 * - The last field may lack its closing quote: one line of the shared sample
 *   (apache-combined-access.log:8899) is cut short inside the user agent. The rest of the line is
 *   then the user agent. Fields after the user agent (nginx additions) are ignored.
 * - A request that is not `METHOD target [HTTP/x]` with an upper-case method ("-" for an empty
 *   connection, TLS bytes sent to the HTTP port) is a valid line with no request in it: skip.
 */
const TIMESTAMP = /^(\d\d)\/([A-Z][a-z]{2})\/(\d{4}):(\d\d):(\d\d):(\d\d) ([+-])(\d\d)(\d\d)$/;
const METHOD = /^[A-Z]{1,16}$/;
const SECONDS = /^[0-5]\d$/;
const BYTES = /^\d{1,15}$/;
const NOT_ACCESS_LOG = 'not a combined or common access log line';

/** The index of the quote closing a field that opened before `from`, or -1. */
function closingQuote(line: string, from: number): number {
  let quote = line.indexOf('"', from);
  while (quote !== -1) {
    let backslashes = 0;
    while (line.charCodeAt(quote - 1 - backslashes) === 92 /* \ */) backslashes += 1;
    if (backslashes % 2 === 0) return quote;
    quote = line.indexOf('"', quote + 1);
  }
  return -1;
}

const unescape = (field: string) =>
  field.includes('\\') ? field.replace(/\\(["\\])/g, '$1') : field;

const isDigit = (code: number) => code >= 48 && code <= 57;

/** The end of the request field: a closing quote followed by ` NNN`. */
function endOfRequest(line: string, from: number): number {
  let quote = closingQuote(line, from);
  while (quote !== -1) {
    if (
      line.charCodeAt(quote + 1) === 32 &&
      isDigit(line.charCodeAt(quote + 2)) &&
      isDigit(line.charCodeAt(quote + 3)) &&
      isDigit(line.charCodeAt(quote + 4))
    )
      return quote;
    quote = closingQuote(line, quote + 1);
  }
  return -1;
}

function requestPath(target: string): string {
  let start = 0;
  if (target.startsWith('http://') || target.startsWith('https://')) {
    const slash = target.indexOf('/', target.indexOf('//') + 2);
    if (slash === -1) return '/';
    start = slash;
  }
  const query = target.indexOf('?', start);
  const fragment = target.indexOf('#', start);
  const end = Math.min(query === -1 ? target.length : query, fragment === -1 ? Infinity : fragment);
  return target.slice(start, end);
}

/** `10/Oct/2000:13:55:36 -0700` as a UTC ISO string, or undefined. */
function stampToIso(stamp: string): string | undefined {
  const match = TIMESTAMP.exec(stamp);
  if (!match) return undefined;
  const month = MONTHS[match[2]!];
  const [day, year, hour, minute, second] = [1, 3, 4, 5, 6].map((index) => Number(match[index]));
  const [offsetHours, offsetMinutes] = [Number(match[8]), Number(match[9])];
  if (month === undefined || year! < 1000 || day! < 1 || hour! > 23 || minute! > 59) return;
  if (second! > 60 || offsetHours > 23 || offsetMinutes > 59) return;
  const wall = Date.UTC(year!, month, day, hour, minute, second);
  if (new Date(wall).getUTCDate() !== day) return;
  const sign = match[7] === '-' ? -1 : 1;
  return new Date(wall - sign * (offsetHours * 60 + offsetMinutes) * 60_000).toISOString();
}

export function createCombinedParser(options: CombinedParserOptions = {}): LineParse {
  const loginPath = options.loginPath ?? '/login';
  const loginMethods = new Set(options.loginMethods ?? ['POST']);
  const failureStatuses = new Set(options.failureStatuses ?? [401, 403]);
  let minuteKey = '';
  let minutePrefix: string | undefined;

  /** Converts once per minute of log: offsets are whole minutes, so the seconds carry over. */
  function isoOf(stamp: string): string | undefined {
    const seconds = stamp.slice(18, 20);
    if (stamp.length !== 26 || !SECONDS.test(seconds)) return stampToIso(stamp);
    const key = stamp.slice(0, 18) + stamp.slice(20);
    if (key !== minuteKey) {
      minuteKey = key;
      minutePrefix = stampToIso(`${stamp.slice(0, 18)}00${stamp.slice(20)}`)?.slice(0, 17);
    }
    return minutePrefix === undefined ? undefined : `${minutePrefix}${seconds}.000Z`;
  }

  return (line) => {
    const hostEnd = line.indexOf(' ');
    const stampStart = line.indexOf(' [', hostEnd);
    const stampEnd = stampStart === -1 ? -1 : line.indexOf('] "', stampStart);
    if (hostEnd <= 0 || stampEnd === -1) return failure(NOT_ACCESS_LOG);
    const requestStart = stampEnd + 3;
    const requestEnd = endOfRequest(line, requestStart);
    if (requestEnd === -1) return failure(`${NOT_ACCESS_LOG}: no request followed by a status`);

    const ip = line.slice(0, hostEnd);
    if (!isAddress(ip)) return notAnAddress(ip);
    const stamp = line.slice(stampStart + 2, stampEnd);
    const at = isoOf(stamp);
    if (at === undefined) return failure(`not a timestamp: ${printable(stamp)}`);

    const status = Number(line.slice(requestEnd + 2, requestEnd + 5));
    const bytesStart = requestEnd + 6;
    let bytesEnd = line.indexOf(' ', bytesStart);
    if (bytesEnd === -1) bytesEnd = line.length;
    const bytesText = line.slice(bytesStart, bytesEnd);
    if (line.charCodeAt(requestEnd + 5) !== 32 || !(bytesText === '-' || BYTES.test(bytesText)))
      return failure(`not a byte count: ${printable(bytesText)}`);
    if (status < 100 || status > 599) return failure(`not an HTTP status: ${status}`);

    let userAgent: string | undefined;
    if (line.startsWith(' "', bytesEnd)) {
      const refererEnd = closingQuote(line, bytesEnd + 2);
      if (refererEnd !== -1 && line.startsWith(' "', refererEnd + 1)) {
        const agentEnd = closingQuote(line, refererEnd + 3);
        const agent = line.slice(refererEnd + 3, agentEnd === -1 ? line.length : agentEnd);
        if (agent !== '-') userAgent = safeText(unescape(agent), 1000);
      }
    }

    const request = unescape(line.slice(requestStart, requestEnd));
    const methodEnd = request.indexOf(' ');
    const method = request.slice(0, methodEnd);
    if (methodEnd === -1 || !METHOD.test(method)) return skip;
    let target = request.slice(methodEnd + 1);
    const protocol = target.lastIndexOf(' ');
    if (protocol !== -1 && target.startsWith('HTTP/', protocol + 1))
      target = target.slice(0, protocol);
    const path = safeText(target, 4000);
    if (path === undefined) return skip;

    const agent = userAgent === undefined ? {} : { user_agent: userAgent };
    if (loginMethods.has(method) && requestPath(target) === loginPath) {
      const outcome = failureStatuses.has(status)
        ? 'bad_password'
        : status >= 200 && status < 400
          ? 'success'
          : undefined;
      if (outcome) {
        const event: EventLine = {
          type: 'login',
          stream: 'web',
          at,
          ip,
          outcome,
          ...agent,
        };
        return { kind: 'event', event };
      }
    }
    const bytes = bytesText === '-' ? 0 : Number(bytesText);
    const event: EventLine = {
      type: 'http',
      at,
      ip,
      method,
      path,
      status,
      bytes,
      ...agent,
    };
    return { kind: 'event', event };
  };
}
