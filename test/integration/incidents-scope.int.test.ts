import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident, ScopeSnapshot } from '../../src/contracts/incidents.js';
import { systemContext } from '../../src/lib/principal.js';
import { testDialect } from '../support/database.js';
import { createTestApp, type Caller, type TestApp } from '../support/app.js';

/**
 * An incident's scope from the data map: the customers its linked vendors received in the
 * exposure window, by jurisdiction and category combination, kept as an exact set.
 */
describe(`incident scope snapshots (${testDialect})`, () => {
  let t: TestApp;
  let analyst: Caller;
  let vendorId: string;
  let integrationId: string;
  const system = systemContext('test');

  const call = (method: string, url: string, payload?: object) =>
    t.app.inject({
      method: method as 'GET',
      url: `/api/v1${url}`,
      headers: analyst.headers,
      ...(payload ? { payload } : {}),
    });
  async function ok<T>(method: string, url: string, payload?: object) {
    const response = await call(method, url, payload);
    expect(response.statusCode, response.body).toBeLessThan(300);
    return response.json<T>();
  }
  const share = (n: number, customer: string, categories: string[], at: string) =>
    t.services.datamap.ledger.ingest(
      system,
      JSON.stringify({
        id: `s${n}`,
        integration: integrationId,
        customer,
        categories,
        records: 1,
        at,
      }),
      { partial: false },
    );

  beforeAll(async () => {
    t = await createTestApp();
    analyst = await t.callerWithRole('analyst');
    const customers = [
      ['C1', 'US', 'CA'],
      ['C2', 'US', 'CA'],
      ['C3', 'DE', null],
      ['C4', 'US', 'TX'],
    ] as const;
    for (const [id, country, region] of customers)
      await t.services.datamap.customers.upsert(system, id, {
        email: `${id.toLowerCase()}@example.com`,
        name: null,
        phone: null,
        country,
        region,
        locale: null,
        customerSince: null,
      });
    vendorId = (await ok<{ id: string }>('POST', '/vendors', { legalName: 'Vendor X GmbH' })).id;
    integrationId = (
      await ok<{ id: string }>('POST', `/vendors/${vendorId}/integrations`, {
        name: 'Recommendations API',
        kind: 'server_api_client',
        declaredCategories: ['email', 'order_history'],
      })
    ).id;
    await share(1, 'C1', ['email', 'order_history'], '2025-10-01T10:00:00Z');
    await share(2, 'C2', ['email'], '2025-11-01T10:00:00Z');
    await share(3, 'C3', ['email', 'order_history'], '2026-03-10T04:00:00Z');
    // Shared before the exposure window: not affected.
    await share(4, 'C4', ['email'], '2025-06-01T10:00:00Z');
  });
  afterAll(() => t.close());

  it('needs a linked vendor and an exposure start, then counts who is affected and keeps the set', async () => {
    const incident = await ok<Incident>('POST', '/incidents', {
      title: 'Vendor X breach',
      type: 'vendor_compromise',
      severity: 'critical',
    });
    const unlinked = await call('POST', `/incidents/${incident.id}/scope`);
    expect(unlinked.statusCode).toBe(400);
    expect(unlinked.body).toContain('links');
    await ok('POST', `/incidents/${incident.id}/links`, { kind: 'vendor', targetId: vendorId });
    const noWindow = await call('POST', `/incidents/${incident.id}/scope`);
    expect(noWindow.body).toContain('exposure_from');
    await ok('POST', `/incidents/${incident.id}/triggers`, {
      trigger: 'exposure_from',
      at: '2025-09-01T00:00:00Z',
      reason: 'first access in the vendor logs',
      source: "Vendor X's incident report",
    });
    await ok('POST', `/incidents/${incident.id}/triggers`, {
      trigger: 'exposure_to',
      at: '2026-03-01T00:00:00Z',
      reason: 'key rotated',
      source: 'vault audit log',
    });

    const first = await ok<ScopeSnapshot>('POST', `/incidents/${incident.id}/scope`);
    expect(first).toMatchObject({
      customers: 2,
      window: { from: '2025-09-01T00:00:00.000Z', to: '2026-03-01T00:00:00.000Z' },
      change: null,
      inputs: { vendorIds: [vendorId], paths: [{ integrationId }] },
    });
    expect(first.groups).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          country: 'US',
          region: 'CA',
          categories: ['email'],
          customers: 1,
        }),
        expect.objectContaining({
          country: 'US',
          region: 'CA',
          categories: ['email', 'order_history'],
          customers: 1,
        }),
      ]),
    );
    const blob = await t.database.db.kysely
      .selectFrom('blobs')
      .select('content')
      .where('sha256', '=', first.setSha256)
      .executeTakeFirstOrThrow();
    expect(createHash('sha256').update(blob.content).digest('hex')).toBe(first.setSha256);
    expect(gunzipSync(blob.content).toString()).toBe('C1\nC2\n');

    // The window widens: a rerun shows who came in.
    await ok('POST', `/incidents/${incident.id}/triggers`, {
      trigger: 'exposure_to',
      at: null,
      reason: 'the key was still in use',
      source: 'detection',
    });
    const second = await ok<ScopeSnapshot>('POST', `/incidents/${incident.id}/scope`);
    expect(second).toMatchObject({
      customers: 3,
      change: { previousId: first.id, added: 1, removed: 0, customers: 1 },
    });
    const listed = await ok<{ items: ScopeSnapshot[] }>('GET', `/incidents/${incident.id}/scope`);
    expect(listed.items.map((s) => s.id)).toEqual([second.id, first.id]);
    const timeline = await ok<{ items: { kind: string }[] }>(
      'GET',
      `/incidents/${incident.id}/timeline?kind=scope_snapshot`,
    );
    expect(timeline.items).toHaveLength(2);
  });

  it('names what reached the vendor of each of some customers, for taken-over accounts', async () => {
    const scope = await t.services.datamap.blastRadius.scope(
      system,
      { vendorIds: [vendorId], integrationIds: [] },
      { from: '2025-09-01T00:00:00Z', to: '2026-03-01T00:00:00Z' },
    );
    const reached = await scope.categoriesOf(['C1', 'C2', 'C3', 'C4', 'C-unknown']);
    // C3 was shared after the window closed and C4 before it opened.
    expect(Object.fromEntries(reached)).toEqual({
      C1: ['email', 'order_history'],
      C2: ['email'],
    });
  });
});
