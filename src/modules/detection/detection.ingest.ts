import { hash } from 'node:crypto';
import type { ParsedEventLine } from '../../contracts/detection.js';
import type { RowIssue } from '../../lib/errors.js';
import { vendorKeyOf, type DetectionEvent } from './detection.events.js';
import type { DeclaredScopes, EventRow, SeriesRow } from './detection.events.store.js';
import { emailIndexOf } from '../datamap/datamap.customers.pii.js';
import { canonicalIp } from './detection.ip.js';
import { storedInstantMs, validateEventLine } from './detection.validate.js';

/**
 * Events stamped further ahead than this are refused. It is well under the five minutes an
 * event may lag its stream, so one sender with a fast clock cannot make everyone else late.
 */
const MAX_FUTURE_MS = 60_000;
/** The series' bucket: 5-minute totals per stream or key. */
export const BUCKET_MS = 5 * 60_000;

export interface ParsedBatch {
  lines: number;
  accepted: { row: EventRow; event: DetectionEvent }[];
  issues: RowIssue[];
}

export interface BatchContext {
  /** Account hashes already computed in this batch: logs repeat the same names a lot. */
  hashes?: Map<string, string>;
  /** Key of the account hash: the customer email index key, so hashes join customers. */
  accountKey: Buffer;
  /** The integrations an API event may name. */
  integrations: DeclaredScopes;
  now: number;
}

/**
 * Turns an NDJSON batch into stored rows and detector events, line by line: a bad line is
 * reported with the field that is wrong and never stops the rest. Raw account names are
 * hashed here and go no further. Each event's key is its id, or its line when it has none;
 * with its time that is the event's identity, so the same event delivered twice counts once.
 */
export function parseEventBatch(text: string, context: BatchContext): ParsedBatch {
  const batch: ParsedBatch = { lines: 0, accepted: [], issues: [] };
  const receivedAt = new Date(context.now).toISOString();
  let start = 0;
  let lineNo = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end);
    start = end + 1;
    lineNo++;
    if (line.trim() === '') continue;
    batch.lines++;
    const result = parseLine(line, context, receivedAt);
    if ('field' in result) batch.issues.push({ line: lineNo, ...result });
    else batch.accepted.push(result);
  }
  return batch;
}

function parseLine(
  line: string,
  context: BatchContext,
  receivedAt: string,
): { row: EventRow; event: DetectionEvent } | { field: string; message: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { field: '(line)', message: 'is not valid JSON' };
  }
  return parseValue(value, line, context, receivedAt);
}

/**
 * Validated events from objects an in-process caller built (a log parser), without the JSON
 * round trip the API needs; numbered from 1 like lines. Each must carry an id.
 */
export function parseEventValues(values: readonly unknown[], context: BatchContext): ParsedBatch {
  const batch: ParsedBatch = { lines: values.length, accepted: [], issues: [] };
  const receivedAt = new Date(context.now).toISOString();
  values.forEach((value, index) => {
    const result = parseValue(value, null, context, receivedAt);
    if ('field' in result) batch.issues.push({ line: index + 1, ...result });
    else batch.accepted.push(result);
  });
  return batch;
}

function parseValue(
  value: unknown,
  line: string | null,
  context: BatchContext,
  receivedAt: string,
): { row: EventRow; event: DetectionEvent } | { field: string; message: string } {
  const valid = validateEventLine(value);
  if ('field' in valid) return valid;
  const input = valid.event;
  const stored = storedInstantMs(input.at);
  const time = Number.isNaN(stored) ? Date.parse(input.at) : stored;
  if (time > context.now + MAX_FUTURE_MS)
    return { field: 'at', message: 'is more than a minute in the future' };
  if (input.id === undefined && line === null) return { field: 'id', message: 'is required' };
  // One-shot hashing: no Hash object per event.
  const key = hash('sha256', input.id === undefined ? `line\n${line}` : `id\n${input.id}`).slice(
    0,
    32,
  );
  const event = detectionEventOf(input, time, context);
  if ('field' in event) return event;
  // Most events already carry the stored form (UTC, milliseconds); only others are rewritten.
  return { event, row: rowOf(event, key, receivedAt, Number.isNaN(stored) ? undefined : input.at) };
}

function detectionEventOf(
  input: ParsedEventLine,
  time: number,
  context: BatchContext,
): DetectionEvent | { field: string; message: string } {
  if (input.type === 'api_access') {
    if (!context.integrations.has(input.integration))
      return { field: 'integration', message: 'is not a known integration' };
    return {
      kind: 'api_access',
      time,
      integrationId: input.integration,
      keyId: input.key ?? null,
      endpoint: input.endpoint,
      records: input.records,
      bytes: input.bytes,
      categories: [...new Set(input.categories)],
    };
  }
  const ip = canonicalIp(input.ip);
  if (ip === null) return { field: 'ip', message: 'is not an IPv4 or IPv6 address' };
  const userAgent = input.user_agent ? input.user_agent : null;
  if (input.type === 'http')
    return {
      kind: 'http',
      time,
      ip,
      method: input.method,
      // Query strings carry tokens and email addresses; the path is what detection needs.
      path: input.path.replace(/[?#].*$/s, ''),
      status: input.status,
      bytes: input.bytes,
      userAgent,
    };
  return {
    kind: 'login',
    time,
    stream: input.stream,
    account: input.account === undefined ? null : hashAccount(context, input.account),
    ip,
    userAgent,
    outcome: input.outcome,
    country: input.country ?? null,
    asn: input.asn ?? null,
  };
}

/**
 * The stored row of an event (the inverse of `eventFromRow`). Every row has every column, so
 * all rows share one shape: ingest builds tens of thousands a second.
 */
function rowOf(event: DetectionEvent, key: string, receivedAt: string, at?: string): EventRow {
  const login = event.kind === 'login' ? event : null;
  const api = event.kind === 'api_access' ? event : null;
  const http = event.kind === 'http' ? event : null;
  return {
    event_key: key,
    type: event.kind,
    at: at ?? new Date(event.time).toISOString(),
    stream: login ? login.stream : api ? 'api' : 'http',
    account_hash: login ? login.account : null,
    ip: api ? null : (login ?? http)!.ip,
    user_agent: api ? null : (login ?? http)!.userAgent,
    outcome: login ? login.outcome : null,
    country: login ? login.country : null,
    asn: login ? login.asn : null,
    integration_id: api ? api.integrationId : null,
    key_id: api ? api.keyId : null,
    endpoint: api ? api.endpoint : null,
    records: api ? api.records : null,
    bytes: api ? api.bytes : http ? http.bytes : null,
    categories: api ? JSON.stringify(api.categories) : null,
    method: http ? http.method : null,
    path: http ? http.path : null,
    status: http ? http.status : null,
    received_at: receivedAt,
  };
}

function hashAccount(context: BatchContext, account: string): string {
  const cache = (context.hashes ??= new Map<string, string>());
  let digest = cache.get(account);
  if (digest === undefined)
    cache.set(account, (digest = emailIndexOf(context.accountKey, account)));
  return digest;
}

/** 5-minute totals of the events a batch added, per login stream and per vendor API key. */
export function seriesOf(events: readonly DetectionEvent[]): SeriesRow[] {
  const rows = new Map<string, SeriesRow>();
  // A batch spans a few buckets: each one's text is made once, not per event.
  let bucketMs = NaN;
  let bucket = '';
  for (const event of events) {
    if (event.kind === 'http') continue;
    const series = event.kind === 'login' ? `login:${event.stream}` : `api:${vendorKeyOf(event)}`;
    const start = event.time - (event.time % BUCKET_MS);
    if (start !== bucketMs) [bucketMs, bucket] = [start, new Date(start).toISOString()];
    const id = `${series}\n${bucket}`;
    let row = rows.get(id);
    if (!row)
      rows.set(id, (row = { series, bucket, attempts: 0, failures: 0, records: 0, bytes: 0 }));
    if (event.kind === 'login') {
      row.attempts++;
      if (event.outcome !== 'success') row.failures++;
    } else {
      row.records += event.records;
      row.bytes += event.bytes;
    }
  }
  return [...rows.values()];
}
