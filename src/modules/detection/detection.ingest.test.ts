import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalIp } from './detection.ip.js';
import { parseEventBatch, parseEventValues, seriesOf } from './detection.ingest.js';
import type { DetectionEvent } from './detection.events.js';

const context = () => ({
  accountKey: randomBytes(32),
  integrations: new Map([['7d3c3f1e-0000-4000-8000-000000000001', new Set<string>()]]),
  now: Date.parse('2026-03-12T08:00:00Z'),
});

const loginLine = fc.record({
  type: fc.constant('login'),
  at: fc
    .date({
      min: new Date('2020-01-01'),
      max: new Date('2026-03-12T07:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString()),
  ip: fc.oneof(
    fc.ipV4(),
    fc.ipV6(),
    fc.ipV4().map((ip) => `::ffff:${ip}`),
  ),
  outcome: fc.constantFrom('success', 'bad_password', 'unknown_account', 'mfa_failure', 'locked'),
  account: fc.option(fc.string({ minLength: 1, maxLength: 40 }), { nil: undefined }),
});

/** Ingest payloads from outside: whatever arrives, each line is accepted or named, never fatal. */
describe('event batch parsing', () => {
  it('never throws, and accounts for every non-blank line exactly once', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string(),
            fc.json(),
            loginLine.map((l) => JSON.stringify(l)),
          ),
        ),
        (lines) => {
          const batch = parseEventBatch(lines.join('\n'), context());
          const nonBlank = lines
            .join('\n')
            .split('\n')
            .filter((line) => line.replace(/\r$/, '').trim() !== '').length;
          expect(batch.accepted.length + batch.issues.length).toBe(nonBlank);
          for (const issue of batch.issues) expect(issue.field.length).toBeGreaterThan(0);
        },
      ),
    );
  });

  it('stores canonical addresses, hashed accounts and never the raw name', () => {
    fc.assert(
      fc.property(loginLine, (line) => {
        const batch = parseEventBatch(JSON.stringify(line), context());
        if (batch.accepted.length === 0) return; // e.g. an account of blanks: refused by field
        const { event, row } = batch.accepted[0]!;
        expect(event.kind).toBe('login');
        if (event.kind !== 'login') return;
        expect(event.ip).toBe(canonicalIp(line.ip));
        expect(canonicalIp(event.ip)).toBe(event.ip);
        if (line.account !== undefined && line.account.trim() !== '') {
          expect(event.account).toMatch(/^[0-9a-f]{32}$/);
          expect(Object.values(row)).not.toContain(line.account);
          expect(Object.values(row)).not.toContain(line.account.trim());
        }
      }),
    );
  });

  it('unwraps IPv4-mapped addresses and refuses binary and far-future lines by field', () => {
    const batch = parseEventBatch(
      [
        JSON.stringify({
          type: 'login',
          at: '2026-03-12T07:00:00Z',
          ip: '::FFFF:192.0.2.1',
          outcome: 'success',
        }),
        '\u0000\u00ff\u00fe garbage',
        JSON.stringify({
          type: 'login',
          at: '2026-03-12T09:00:00Z',
          ip: '192.0.2.1',
          outcome: 'success',
        }),
        JSON.stringify({
          type: 'api_access',
          at: '2026-03-12T07:00:00Z',
          integration: '7d3c3f1e-0000-4000-8000-000000000002',
          endpoint: '/x',
          records: 1,
        }),
      ].join('\n'),
      context(),
    );
    expect(batch.accepted.map((a) => (a.event.kind === 'login' ? a.event.ip : null))).toEqual([
      '192.0.2.1',
    ]);
    expect(batch.issues.map((i) => [i.line, i.field])).toEqual([
      [2, '(line)'],
      [3, 'at'],
      [4, 'integration'],
    ]);
  });

  it('validates in-process objects like lines, and needs an id where there is no line', () => {
    const batch = parseEventValues(
      [
        { id: 'a', type: 'login', at: '2026-03-12T07:00:00Z', ip: '192.0.2.1', outcome: 'success' },
        { type: 'login', at: '2026-03-12T07:00:00Z', ip: '192.0.2.1', outcome: 'success' },
        { id: 'c', type: 'login', at: '2026-03-12T07:00:00Z', ip: 'nope', outcome: 'success' },
      ],
      context(),
    );
    expect(batch.accepted).toHaveLength(1);
    expect(batch.issues.map((i) => [i.line, i.field])).toEqual([
      [2, 'id'],
      [3, 'ip'],
    ]);
  });
});

describe('series', () => {
  it('totals each stream per 5-minute bucket', () => {
    const at = (iso: string) => Date.parse(iso);
    const login = (iso: string, stream: 'web' | 'sshd', outcome: 'success' | 'bad_password') =>
      ({
        kind: 'login',
        time: at(iso),
        stream,
        account: null,
        ip: '192.0.2.1',
        userAgent: null,
        outcome,
        country: null,
        asn: null,
      }) satisfies DetectionEvent;
    const rows = seriesOf([
      login('2026-03-10T02:00:01Z', 'web', 'success'),
      login('2026-03-10T02:04:59Z', 'web', 'bad_password'),
      login('2026-03-10T02:05:00Z', 'web', 'bad_password'),
      login('2026-03-10T02:01:00Z', 'sshd', 'bad_password'),
      login('2026-03-10T02:03:00Z', 'web', 'success'),
    ]);
    expect(rows.map((r) => [r.series, r.bucket, r.attempts, r.failures])).toEqual([
      ['login:web', '2026-03-10T02:00:00.000Z', 3, 1],
      ['login:web', '2026-03-10T02:05:00.000Z', 1, 1],
      ['login:sshd', '2026-03-10T02:00:00.000Z', 1, 1],
    ]);
  });
});
