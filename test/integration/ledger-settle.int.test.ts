import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BlastRadius } from '../../src/contracts/datamap.js';
import { systemContext } from '../../src/lib/principal.js';
import { LEDGER_SETTLE_JOB, registerDatamapJobs } from '../../src/modules/datamap/datamap.jobs.js';
import { createLedgerService } from '../../src/modules/datamap/datamap.ledger.service.js';
import { testDialect } from '../support/database.js';
import { createTestApp, type Caller, type TestApp } from '../support/app.js';

/**
 * Ingest appends to `sharing_pending`; reads and a threshold merge it into the ledger. What an
 * ingest call acknowledged must always be counted, once, whichever path merged it.
 */
describe(`sharing ledger settling (${testDialect})`, () => {
  let t: TestApp;
  let analyst: Caller;
  let admin: Caller;
  let vendorId: string;
  let integrationId: string;
  const ingestContext = systemContext('test-ingest');

  const line = (id: string, customer: string, categories: string[], at: string) =>
    JSON.stringify({ id, integration: integrationId, customer, categories, records: 3, at });

  const ledgerRows = () =>
    t.database.db.kysely
      .selectFrom('sharing_ledger')
      .selectAll()
      .orderBy('customer_ref')
      .execute()
      .then((rows) => rows.map((row) => ({ ...row, categories: Number(row.categories) })));
  const pendingCount = async () =>
    (await t.database.db.kysely.selectFrom('sharing_pending').selectAll().execute()).length;

  const blastRadius = async () => {
    const query = new URLSearchParams({
      vendorId,
      from: '2026-01-01T00:00:00Z',
      to: '2026-12-31T00:00:00Z',
    });
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/v1/blast-radius?${query.toString()}`,
      headers: analyst.headers,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<BlastRadius>();
  };

  beforeAll(async () => {
    t = await createTestApp();
    analyst = await t.callerWithRole('analyst');
    admin = await t.callerWithRole('admin');
    const vendor = await t.app.inject({
      method: 'POST',
      url: '/api/v1/vendors',
      headers: analyst.headers,
      payload: { legalName: 'Pending Analytics Ltd' },
    });
    vendorId = vendor.json<{ id: string }>().id;
    const integration = await t.app.inject({
      method: 'POST',
      url: `/api/v1/vendors/${vendorId}/integrations`,
      headers: analyst.headers,
      payload: { name: 'Events', kind: 'server_api_client', declaredCategories: ['email'] },
    });
    expect(integration.statusCode, integration.body).toBe(201);
    integrationId = integration.json<{ id: string }>().id;
  });
  afterAll(() => t.close());

  it('keeps acknowledged events pending, and a vendor with only pending rows undeletable', async () => {
    const ingest = (body: string, options: { partial: boolean }) =>
      t.services.datamap.ledger.ingest(ingestContext, body, options);
    await ingest(line('a1', 'P1', ['email'], '2026-02-01T10:00:00Z'), {
      partial: false,
    });
    await ingest(
      [
        line('a2', 'P1', ['phone'], '2026-02-03T10:00:00Z'),
        line('a3', 'P2', ['email'], '2026-02-02T10:00:00Z'),
      ].join('\n'),
      { partial: false },
    );
    expect(await ledgerRows()).toEqual([]);
    expect(await pendingCount()).toBe(3);

    const refused = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/vendors/${vendorId}`,
      headers: admin.headers,
    });
    expect(refused.statusCode, refused.body).toBe(409);
  });

  it('merges pending rows before a read, once, combining a customer across batches', async () => {
    const scope = await blastRadius();
    expect(scope.customers).toBe(2);
    expect(scope.byCategory.map(({ key, customers }) => [key, customers])).toEqual([
      ['email', 2],
      ['phone', 1],
    ]);
    expect(await pendingCount()).toBe(0);
    const [p1, p2] = await ledgerRows();
    expect(p1).toMatchObject({
      customer_ref: 'P1',
      first_at: Date.parse('2026-02-01T10:00:00Z') / 1000,
      last_at: Date.parse('2026-02-03T10:00:00Z') / 1000,
    });
    expect(Number(p1!.events)).toBe(2);
    expect(Number(p1!.records)).toBe(6);
    expect(p2).toMatchObject({ customer_ref: 'P2' });
    expect(Number(p2!.events)).toBe(1);

    // A second read finds nothing pending and counts the same.
    expect((await blastRadius()).customers).toBe(2);
    expect(Number((await ledgerRows())[0]!.events)).toBe(2);
  });

  it('merges into existing rows when concurrent settles race', async () => {
    for (let i = 0; i < 4; i++)
      await t.services.datamap.ledger.ingest(
        ingestContext,
        line(`r${i}`, 'P1', ['email'], '2026-02-04T10:00:00Z'),
        {
          partial: false,
        },
      );
    const ledger = t.services.datamap.ledger;
    await Promise.all([ledger.settle(), ledger.settle(), ledger.settle()]);
    expect(await pendingCount()).toBe(0);
    expect(Number((await ledgerRows())[0]!.events)).toBe(6);
  });

  it('settles by itself once a process has appended enough rows', async () => {
    const eager = createLedgerService({
      db: t.database.db,
      clock: t.clock,
      audit: t.services.audit,
      masterKey: Buffer.alloc(32),
      categories: t.services.datamap.categories,
      settleAfterRows: 3,
    });
    const body = (prefix: string, count: number) =>
      Array.from({ length: count }, (_, i) =>
        line(`${prefix}${i}`, `T${prefix}${i}`, ['email'], '2026-02-05T10:00:00Z'),
      ).join('\n');
    await eager.ingest(ingestContext, body('s', 2), { partial: false });
    expect(await pendingCount()).toBe(2);
    await eager.ingest(ingestContext, body('u', 1), { partial: false });
    expect(await pendingCount()).toBe(0);
    expect((await ledgerRows()).filter((row) => row.customer_ref.startsWith('T'))).toHaveLength(3);
  });

  it('merges a history load with what is pending for the same customer', async () => {
    const ledger = t.services.datamap.ledger;
    await ledger.ingest(ingestContext, line('h1', 'H1', ['email'], '2026-02-07T10:00:00Z'), {
      partial: false,
    });
    async function* history() {
      yield [
        {
          customer: 'H1',
          categories: ['phone'],
          firstAt: 1_000,
          lastAt: 2_000,
          events: 5,
          records: 9,
        },
      ];
    }
    await ledger.loadHistory(systemContext('test-history'), {
      integrationId,
      rows: history(),
      daily: [],
    });
    await ledger.settle();
    const row = (await ledgerRows()).find((entry) => entry.customer_ref === 'H1')!;
    expect(row).toMatchObject({
      first_at: 1_000,
      last_at: Date.parse('2026-02-07T10:00:00Z') / 1000,
    });
    expect([Number(row.events), Number(row.records)]).toEqual([6, 12]);
    const index = await t.services.datamap.categories.index();
    expect(index.keysOf(row.categories).sort()).toEqual(['email', 'phone']);
  });

  it('settles from a scheduled job', async () => {
    await t.services.datamap.ledger.ingest(
      ingestContext,
      line('j1', 'J1', ['email'], '2026-02-06T10:00:00Z'),
      { partial: false },
    );
    await registerDatamapJobs(t.registry, t.queue, t.services.datamap);
    expect((await t.queue.listSchedules()).map((s) => s.name)).toContain(LEDGER_SETTLE_JOB);
    expect(await pendingCount()).toBe(1);
    await t.registry
      .get(LEDGER_SETTLE_JOB)!
      .handle({}, { jobId: 'test', attempt: 1, signal: new AbortController().signal });
    expect(await pendingCount()).toBe(0);
    expect((await ledgerRows()).map((row) => row.customer_ref)).toContain('J1');
  });
});
