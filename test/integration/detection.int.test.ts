import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DetectionAlert, IngestResult, ResetList } from '../../src/contracts/detection.js';
import { testDialect } from '../support/database.js';
import { createTestApp, type Caller, type TestApp } from '../support/app.js';

const NDJSON = { 'content-type': 'application/x-ndjson' };

/** Ingest through the real HTTP endpoint, detectors behind it, alerts and outputs out. */
describe(`detection (${testDialect})`, () => {
  let t: TestApp;
  let analyst: Caller;
  let viewer: Caller;

  const ingest = async (lines: unknown[], headers: Record<string, string> = {}) => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/events',
      headers: { ...analyst.headers, ...NDJSON, ...headers },
      payload: lines
        .map((line) => (typeof line === 'string' ? line : JSON.stringify(line)))
        .join('\n'),
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<IngestResult>();
  };
  const alerts = async (query = '') => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/v1/detection/alerts${query}`,
      headers: viewer.headers,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<{ items: DetectionAlert[]; total: number }>();
  };
  const login = (n: number, ip: string, account: string, outcome: string, at: string) => ({
    id: `t-${n}`,
    type: 'login',
    at,
    account,
    ip,
    user_agent: 'python-requests/2.31',
    outcome,
  });

  beforeAll(async () => {
    t = await createTestApp();
    analyst = await t.callerWithRole('analyst');
    viewer = await t.callerWithRole('viewer');
  });
  afterAll(() => t.close());

  it('raises one stuffing alert for one source trying many accounts, with its evidence', async () => {
    const lines = Array.from({ length: 60 }, (_, i) =>
      login(
        i,
        '203.0.113.9',
        `victim${i}@example.com`,
        i % 3 === 0 ? 'unknown_account' : 'bad_password',
        new Date(Date.parse('2026-03-12T07:00:00Z') + i * 5_000).toISOString(),
      ),
    );
    const result = await ingest(lines);
    expect(result).toMatchObject({ accepted: 60, duplicates: 0, rejected: 0 });
    const { items } = await alerts('?detector=source_stuffing');
    expect(items).toHaveLength(1);
    const alert = items[0]!;
    expect(alert.title).toContain('203.0.113.9');
    expect(
      alert.measures.find((m) => m.name === 'distinct accounts')!.observed,
    ).toBeGreaterThanOrEqual(20);
    expect(alert.subjects.sources).toBe(1);
    expect(alert.subjects.targets).toBe(60);
  });

  it('counts a redelivered batch as duplicates and reports bad lines by field', async () => {
    const again = await ingest([
      login(1, '203.0.113.9', 'victim1@example.com', 'bad_password', '2026-03-12T07:00:05.000Z'),
    ]);
    expect(again).toMatchObject({ accepted: 0, duplicates: 1 });
    const mixed = await ingest([
      '{not json',
      { type: 'login', at: '2026-03-10T03:00:00Z', ip: '999.1.1.1', outcome: 'success' },
      { type: 'login', at: '2030-01-01T00:00:00Z', ip: '192.0.2.1', outcome: 'success' },
      { type: 'login', at: '2026-03-10T03:00:00Z', ip: '::ffff:192.0.2.1', outcome: 'success' },
      '\u0000\u0001binary',
    ]);
    expect(mixed.accepted).toBe(1);
    expect(mixed.rejected).toBe(4);
    expect(mixed.errors.map((e) => [e.line, e.field])).toEqual([
      [1, '(line)'],
      [2, 'ip'],
      [3, 'at'],
      [5, '(line)'],
    ]);
  });

  it('accepts gzip and answers 413 past the batch limit', async () => {
    const body = gzipSync(
      JSON.stringify(
        login(900, '198.51.100.1', 'a@example.com', 'success', '2026-03-10T03:00:00Z'),
      ),
    );
    const gz = await t.app.inject({
      method: 'POST',
      url: '/api/v1/events',
      headers: { ...analyst.headers, ...NDJSON, 'content-encoding': 'gzip' },
      payload: body,
    });
    expect(gz.statusCode, gz.body).toBe(200);
    const huge = await t.app.inject({
      method: 'POST',
      url: '/api/v1/events',
      headers: { ...analyst.headers, ...NDJSON },
      payload: 'x'.repeat(17 * 1024 * 1024),
    });
    expect(huge.statusCode).toBe(413);
  });

  it('lists the stuffing source on the blocklist and its accounts for reset', async () => {
    const text = await t.app.inject({
      method: 'GET',
      url: '/api/v1/detection/blocklist',
      headers: viewer.headers,
    });
    expect(text.statusCode, text.body).toBe(200);
    expect(text.body).toContain('203.0.113.9');
    const resets = await t.app.inject({
      method: 'GET',
      url: '/api/v1/detection/password-resets',
      headers: viewer.headers,
    });
    expect(resets.json<ResetList>().total).toBe(60);
    const page = await t.app.inject({
      method: 'GET',
      url: '/api/v1/detection/password-resets?limit=25&offset=50',
      headers: viewer.headers,
    });
    const paged = page.json<ResetList>();
    expect(paged.total).toBe(60);
    expect(paged.items).toHaveLength(10);
    expect(
      paged.items.every((item) => item.reason === 'targeted' && item.alerts.length === 1),
    ).toBe(true);
  });

  it('rebuilds detector state from stored events after a restart, so an attack split by it is seen', async () => {
    const attempt = (i: number) =>
      login(
        500 + i,
        '192.0.2.200',
        `split${i}@example.com`,
        'unknown_account',
        new Date(Date.parse('2026-03-12T07:30:00Z') + i * 3000).toISOString(),
      );
    await ingest(Array.from({ length: 15 }, (_, i) => attempt(i)));
    expect(
      (await alerts('?detector=source_stuffing')).items.filter((a) =>
        a.title.includes('192.0.2.200'),
      ),
    ).toEqual([]);
    // A new process: the engine is rebuilt from storage before the next batch.
    await t.services.detection.pipeline.reset();
    await ingest(Array.from({ length: 10 }, (_, i) => attempt(15 + i)));
    const split = (await alerts('?detector=source_stuffing')).items.filter((a) =>
      a.title.includes('192.0.2.200'),
    );
    expect(split).toHaveLength(1);
    expect(split[0]!.subjects.targets).toBe(25);
  });

  // Last: it moves the shop stream's clock to 07:59, behind which earlier tests' events would be late.
  it('stores events far behind their stream but reports them late to the detectors', async () => {
    const result = await ingest([
      login(700, '192.0.2.70', 'late@example.com', 'bad_password', '2026-03-12T07:59:00Z'),
      login(701, '192.0.2.70', 'late@example.com', 'bad_password', '2026-03-12T06:00:00Z'),
    ]);
    expect(result).toMatchObject({ accepted: 2, late: 1 });
  });
});
