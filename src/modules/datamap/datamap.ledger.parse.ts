import { hash } from 'node:crypto';
import type { RowIssue } from '../../lib/errors.js';
import { withoutMask } from '../../lib/bitmask.js';
import type { CategoryIndex } from './datamap.categories.js';
import { validateSharingEvent } from './datamap.ledger.validate.js';

/** What a batch needs to know about each integration, keyed by integration id. */
export interface LedgerIntegration {
  id: string;
  ledgerNo: number;
  declaredMask: number;
}

/** One valid sharing event, resolved to the ledger's compact form. */
export interface LedgerEvent {
  line: number;
  /** The dedupe key: the event's UTC day, then a 64-bit digest of (integration, event id). */
  digest: string;
  integrationId: string;
  ledgerNo: number;
  customer: string;
  mask: number;
  /** Categories outside what the integration declared (0 when within scope). */
  undeclared: number;
  records: number;
  /** Epoch seconds. */
  at: number;
}

export interface ParsedBatch {
  events: LedgerEvent[];
  issues: RowIssue[];
  /** Lines that held an event, valid or not (blank lines are skipped). */
  lines: number;
}

/** Events dated further ahead than this are clock errors, not data. */
const MAX_FUTURE_SECONDS = 24 * 3600;
const EARLIEST = Date.UTC(2000, 0, 1) / 1000;

/**
 * Parses and checks an NDJSON batch line by line. Every problem is reported with its line
 * number and field; nothing here throws on bad input, so the caller decides between refusing
 * the batch and accepting the valid lines.
 */
export function parseSharingBatch(
  text: string,
  context: {
    integrations: ReadonlyMap<string, LedgerIntegration>;
    categories: CategoryIndex;
    nowSeconds: number;
  },
): ParsedBatch {
  const events: LedgerEvent[] = [];
  const issues: RowIssue[] = [];
  let lines = 0;
  let line = 0;
  for (const raw of text.split('\n')) {
    line += 1;
    if (raw.trim() === '') continue;
    lines += 1;
    const result = parseLine(raw, line, context);
    if ('field' in result) issues.push(result);
    else events.push(result);
  }
  return { events, issues, lines };
}

function parseLine(
  raw: string,
  line: number,
  context: Parameters<typeof parseSharingBatch>[1],
): LedgerEvent | RowIssue {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { line, field: '(line)', message: 'is not valid JSON' };
  }
  const checked = validateSharingEvent(value);
  if (!('event' in checked)) return { line, ...checked };
  const event = checked.event;
  const integration = context.integrations.get(event.integration);
  if (!integration) return { line, field: 'integration', message: 'is not a known integration' };
  const { mask, unknown } = context.categories.maskOf(event.categories);
  if (unknown.length > 0)
    return { line, field: 'categories', message: `unknown categories: ${unknown.join(', ')}` };
  const at = Math.floor(Date.parse(event.at) / 1000);
  if (at > context.nowSeconds + MAX_FUTURE_SECONDS || at < EARLIEST)
    return { line, field: 'at', message: 'is outside the accepted range (2000 to tomorrow)' };
  return {
    line,
    digest: eventDigest(integration.id, event.id, at),
    integrationId: integration.id,
    ledgerNo: integration.ledgerNo,
    customer: event.customer,
    mask,
    undeclared: withoutMask(mask, integration.declaredMask),
    records: event.records,
    at,
  };
}

/**
 * Leading with the day keeps each batch's new keys in a few neighbouring B-tree pages (events
 * arrive roughly in time order) instead of one random page per event, and lets old days be
 * pruned by key range. A redelivered event carries the same time, so it still collides.
 */
export function eventDigest(integrationId: string, eventId: string, atSeconds: number): string {
  const day = new Date(atSeconds * 1000).toISOString().slice(0, 10).replace(/-/g, '');
  return day + hash('sha256', `${integrationId}\u0000${eventId}`).slice(0, 16);
}
