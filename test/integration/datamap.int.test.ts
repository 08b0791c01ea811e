import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BlastRadius } from '../../src/contracts/datamap.js';
import { testDialect } from '../support/database.js';
import { createTestApp, type Caller, type TestApp } from '../support/app.js';

/**
 * The data map end to end: customers in, sharing events in, blast radius out. Runs on SQLite
 * and PostgreSQL.
 */
describe(`data map (${testDialect})`, () => {
  let t: TestApp;
  let analyst: Caller;
  let admin: Caller;
  let viewer: Caller;
  let vendorX: string;
  let cloudHost: string;
  let recommendations: string;
  let exports: string;

  const call = (
    caller: Caller,
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    payload?: unknown,
  ) =>
    t.app.inject({
      method,
      url,
      headers: caller.headers,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  const upload = (
    caller: Caller,
    url: string,
    body: string | Buffer,
    headers: Record<string, string>,
  ) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { ...caller.headers, ...headers },
      payload: body,
    });

  const events = (lines: object[]) => lines.map((line) => JSON.stringify(line)).join('\n');

  beforeAll(async () => {
    t = await createTestApp();
    analyst = await t.callerWithRole('analyst');
    admin = await t.callerWithRole('admin');
    viewer = await t.callerWithRole('viewer');
    const vendor = async (legalName: string) =>
      (await call(analyst, 'POST', '/api/v1/vendors', { legalName })).json<{ id: string }>().id;
    vendorX = await vendor('Vendor X Analytics GmbH');
    cloudHost = await vendor('CloudHost Ltd');
    const integration = async (name: string, declaredCategories: string[]) => {
      const response = await call(analyst, 'POST', `/api/v1/vendors/${vendorX}/integrations`, {
        name,
        kind: 'server_api_client',
        declaredCategories,
      });
      expect(response.statusCode, response.body).toBe(201);
      return response.json<{ id: string }>().id;
    };
    recommendations = await integration('Recommendations API', ['email', 'order_history']);
    exports = await integration('Nightly export', ['email']);
    const link = await call(analyst, 'POST', `/api/v1/vendors/${vendorX}/subprocessors`, {
      subprocessorId: cloudHost,
      categories: ['email'],
      location: 'IE',
    });
    expect(link.statusCode, link.body).toBe(201);
  });
  afterAll(() => t.close());

  describe('customers', () => {
    const csv = [
      'external_id,email,name,phone,country,region,locale',
      'C1,ada@example.com,Ada Lovelace,+44 20 7946 0000,GB,,en-GB',
      'C2,bob@example.com,Bob Müller,,DE,BY,de-DE',
      'C3,cy@example.com,"Cy, Jr.",,US,CA,en-US',
      'C4,di@example.com,Di,,US,CA,en-US',
      'C5,,=cmd(),,US,TX,',
    ].join('\n');

    it('imports a CSV file and counts customers by jurisdiction', async () => {
      const response = await upload(analyst, '/api/v1/customers/imports', csv, {
        'content-type': 'text/csv',
      });
      expect(response.statusCode, response.body).toBe(201);
      expect(response.json()).toMatchObject({
        status: 'committed',
        rowsRead: 5,
        inserted: 5,
        updated: 0,
      });
      const summary = (await call(viewer, 'GET', '/api/v1/customers/summary')).json<{
        total: number;
        byJurisdiction: { country: string; region: string | null; customers: number }[];
      }>();
      expect(summary.total).toBe(5);
      expect(summary.byJurisdiction).toContainEqual({ country: 'US', region: 'CA', customers: 2 });
    });

    it('refuses a file with bad rows, naming each, and writes nothing', async () => {
      const bad = [
        'external_id,email,country',
        'C9,not-an-email,DE',
        'C10,ok@example.com,Germany',
        'C11,fine@example.com,FR',
        'C9,again@example.com,FR',
      ].join('\n');
      const response = await upload(analyst, '/api/v1/customers/imports', bad, {
        'content-type': 'text/csv',
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().rows).toEqual([
        { line: 2, field: 'email', message: 'must be an email address' },
        { line: 3, field: 'country', message: expect.stringContaining('country code') },
      ]);
      const summary = (await call(viewer, 'GET', '/api/v1/customers/summary')).json<{
        total: number;
      }>();
      expect(summary.total).toBe(5);
      const imports = (await call(viewer, 'GET', '/api/v1/customers/imports')).json<
        { status: string }[]
      >();
      expect(imports[0]?.status).toBe('rejected');
    });

    it('refuses duplicate external ids within one file', async () => {
      const dup = 'external_id,country\nD1,FR\nD2,FR\nD1,DE\n';
      const response = await upload(analyst, '/api/v1/customers/imports', dup, {
        'content-type': 'text/csv',
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().rows).toEqual([
        {
          line: 4,
          field: 'external_id',
          message: "'D1' appears 2 times in the file (first on line 2)",
        },
      ]);
    });

    it('imports gzipped NDJSON and updates existing customers', async () => {
      const ndjson = events([
        { externalId: 'C5', email: 'eve@example.com', name: 'Eve', country: 'US', region: 'TX' },
        { external_id: 'C6', email: 'fay@example.com', country: 'FR' },
      ]);
      const response = await upload(analyst, '/api/v1/customers/imports', gzipSync(ndjson), {
        'content-type': 'application/x-ndjson',
        'content-encoding': 'gzip',
      });
      expect(response.statusCode, response.body).toBe(201);
      expect(response.json()).toMatchObject({ inserted: 1, updated: 1 });
    });

    it('keeps PII encrypted at rest and opens it for analysts, audited', async () => {
      const rows = await t.database.db.kysely
        .selectFrom('customers')
        .select(['pii', 'email_index'])
        .execute();
      const raw = JSON.stringify(rows);
      expect(raw).not.toContain('ada@example.com');
      expect(raw).not.toContain('Lovelace');
      const found = await call(analyst, 'POST', '/api/v1/customers/lookup', {
        email: 'ADA@example.com',
      });
      expect(found.statusCode).toBe(200);
      expect(found.json()).toMatchObject({ externalId: 'C1', name: 'Ada Lovelace', country: 'GB' });
      expect(found.headers['cache-control']).toBe('no-store');
      const audit = await call(admin, 'GET', '/api/v1/audit-events?action=datamap.customer.view');
      expect(
        audit.json<{ items: { objectId: string }[] }>().items.map((e) => e.objectId),
      ).toContain('C1');
    });

    it('does not show PII to viewers or to ingest-only tokens', async () => {
      expect((await call(viewer, 'GET', '/api/v1/customers/C1')).statusCode).toBe(403);
      const created = await call(analyst, 'POST', '/api/v1/tokens', {
        name: 'ingest',
        scopes: ['ingest'],
        expiresInDays: 1,
      });
      const bearer = { authorization: `Bearer ${created.json<{ secret: string }>().secret}` };
      for (const url of [
        '/api/v1/customers/C1',
        '/api/v1/customers/summary',
        '/api/v1/blast-radius/customers.csv',
      ])
        expect((await t.app.inject({ method: 'GET', url, headers: bearer })).statusCode, url).toBe(
          403,
        );
    });

    it('erases a customer, leaving a tombstone', async () => {
      const erased = await call(admin, 'DELETE', '/api/v1/customers/C6', {
        reason: 'GDPR Art. 17 request',
      });
      expect(erased.statusCode).toBe(200);
      const after = await call(analyst, 'GET', '/api/v1/customers/C6');
      expect(after.json()).toMatchObject({
        externalId: 'C6',
        email: null,
        name: null,
        country: 'FR',
      });
      expect(after.json().erasedAt).not.toBeNull();
      expect(
        (await call(analyst, 'POST', '/api/v1/customers/lookup', { email: 'fay@example.com' }))
          .statusCode,
      ).toBe(404);
      expect(
        (await call(analyst, 'DELETE', '/api/v1/customers/C1', { reason: 'nope' })).statusCode,
      ).toBe(403);
    });
  });

  describe('sharing ledger and blast radius', () => {
    const at = (day: string) => `${day}T12:00:00Z`;
    const ndjson = { 'content-type': 'application/x-ndjson' };
    const share = (
      id: string,
      customer: string,
      categories: string[],
      day: string,
      integration = recommendations,
    ) => ({
      id,
      integration,
      customer,
      categories,
      records: 2,
      at: at(day),
    });

    it('counts each event once, however often it is delivered', async () => {
      const batch = events([
        share('e1', 'C1', ['email', 'order_history'], '2025-10-01'),
        share('e2', 'C2', ['email'], '2025-10-02'),
        share('e3', 'C3', ['order_history'], '2025-10-03'),
        share('e4', 'C4', ['email'], '2026-03-12'),
        share('x1', 'C1', ['email'], '2025-11-01', exports),
        share('x2', 'C5', ['email'], '2025-11-01', exports),
        share('x3', 'UNKNOWN-1', ['email'], '2025-11-01', exports),
      ]);
      const first = await upload(analyst, '/api/v1/sharing-events', batch, ndjson);
      expect(first.json()).toEqual({ accepted: 7, duplicates: 0, rejected: 0, errors: [] });
      const again = await upload(analyst, '/api/v1/sharing-events', gzipSync(batch), {
        ...ndjson,
        'content-encoding': 'gzip',
      });
      expect(again.json()).toEqual({ accepted: 0, duplicates: 7, rejected: 0, errors: [] });
    });

    it('rejects a batch with bad lines unless partial acceptance is asked for', async () => {
      const batch = [
        JSON.stringify(share('b1', 'C2', ['order_history'], '2025-12-01')),
        '{not json',
        JSON.stringify({
          ...share('b2', 'C2', ['email'], '2025-12-01'),
          integration: '7c9e6679-7425-40de-944b-e07fc1f66ae7',
        }),
        JSON.stringify(share('b3', 'C2', ['shoe_size'], '2025-12-01')),
        JSON.stringify({ ...share('b4', 'C2', ['email'], '2025-12-01'), at: 'yesterday' }),
      ].join('\n');
      const refused = await upload(analyst, '/api/v1/sharing-events', batch, ndjson);
      expect(refused.statusCode).toBe(400);
      expect(
        refused
          .json<{ rows: { line: number; field: string }[] }>()
          .rows.map((r) => [r.line, r.field]),
      ).toEqual([
        [2, '(line)'],
        [3, 'integration'],
        [4, 'categories'],
        [5, 'at'],
      ]);
      const partial = await upload(analyst, '/api/v1/sharing-events?partial=true', batch, ndjson);
      expect(partial.json()).toMatchObject({ accepted: 1, rejected: 4 });
    });

    it('raises an alert when an integration receives categories it never declared', async () => {
      await upload(
        analyst,
        '/api/v1/sharing-events',
        events([share('p1', 'C3', ['email', 'phone'], '2026-01-10')]),
        ndjson,
      );
      await upload(
        analyst,
        '/api/v1/sharing-events',
        events([share('p2', 'C4', ['phone'], '2026-01-11')]),
        ndjson,
      );
      const alerts = (await call(viewer, 'GET', '/api/v1/sharing-alerts?status=open')).json<
        { id: string; category: string; events: number; vendorName: string }[]
      >();
      expect(alerts).toEqual([
        expect.objectContaining({
          category: 'phone',
          events: 2,
          vendorName: 'Vendor X Analytics GmbH',
        }),
      ]);
      expect(
        (await call(viewer, 'POST', `/api/v1/sharing-alerts/${alerts[0]!.id}/acknowledge`, {}))
          .statusCode,
      ).toBe(403);
      const acknowledged = await call(
        analyst,
        'POST',
        `/api/v1/sharing-alerts/${alerts[0]!.id}/acknowledge`,
        { note: 'checked' },
      );
      expect(acknowledged.json()).toMatchObject({ status: 'acknowledged' });
    });

    it('scopes a vendor breach by category and jurisdiction, within the window', async () => {
      const response = await call(
        viewer,
        'GET',
        `/api/v1/blast-radius?vendorId=${vendorX}&from=2025-09-01T00:00:00Z&to=2026-03-12T00:00:00Z`,
      );
      expect(response.statusCode, response.body).toBe(200);
      const radius = response.json();
      // C1-C4 via recommendations (C4's sharing began in January, inside the window), and C1,
      // C5 and an id the directory does not know via the export.
      expect(radius.customers).toBe(6);
      expect(radius.unknownCustomers).toBe(1);
      expect(radius.byCategory).toEqual([
        { key: 'email', name: 'Email address', customers: 6 },
        { key: 'phone', name: 'Phone number', customers: 2 },
        { key: 'order_history', name: 'Order history', customers: 3 },
      ]);
      expect(radius.byJurisdiction).toEqual(
        expect.arrayContaining([
          { country: 'US', region: 'CA', customers: 2 },
          { country: 'US', region: 'TX', customers: 1 },
          { country: 'GB', region: null, customers: 1 },
          { country: 'DE', region: 'BY', customers: 1 },
        ]),
      );
    });

    it('scopes a subprocessor breach to what was passed down to it', async () => {
      const radius = (
        await call(
          viewer,
          'GET',
          `/api/v1/blast-radius?subprocessorId=${cloudHost}&from=2025-09-01T00:00:00Z&to=2026-03-12T00:00:00Z`,
        )
      ).json<BlastRadius>();
      // Only email travels on to CloudHost, so order history and phone numbers stay out.
      expect(radius.target).toMatchObject({ type: 'subprocessor', name: 'CloudHost Ltd' });
      expect(radius.byCategory).toEqual([{ key: 'email', name: 'Email address', customers: 6 }]);
      expect(radius.paths.map((p) => p.categories)).toEqual([['email'], ['email']]);
    });

    it('exports the affected customers as CSV for analysts, audited', async () => {
      const url = `/api/v1/blast-radius/customers.csv?integrationId=${recommendations}&from=2025-09-01T00:00:00Z&to=2026-03-12T00:00:00Z`;
      expect((await call(viewer, 'GET', url)).statusCode).toBe(403);
      const response = await call(analyst, 'GET', url);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toContain('text/csv');
      const lines = response.body.trim().split('\r\n');
      expect(lines[0]).toBe('external_id,email,name,phone,country,region,categories');
      expect(lines.slice(1)).toEqual([
        // A leading + would start a spreadsheet formula: the apostrophe keeps it text.
        "C1,ada@example.com,Ada Lovelace,'+44 20 7946 0000,GB,,email;order_history",
        'C2,bob@example.com,Bob Müller,,DE,BY,email;order_history',
        'C3,cy@example.com,"Cy, Jr.",,US,CA,email;phone;order_history',
        'C4,di@example.com,Di,,US,CA,email;phone',
      ]);
      const audit = await call(
        admin,
        'GET',
        '/api/v1/audit-events?action=datamap.blast-radius.export',
      );
      expect(audit.json<{ items: unknown[] }>().items).toHaveLength(1);
    });

    it('pages a multi-path export without skipping or repeating anyone', async () => {
      // Two overlapping populations, larger than one export page (5,000), on two paths.
      const bulk = (prefix: string, integration: string, from: number, to: number) =>
        Array.from({ length: to - from }, (_, i) =>
          share(
            `${prefix}${from + i}`,
            `B${String(from + i).padStart(5, '0')}`,
            ['email'],
            '2025-12-20',
            integration,
          ),
        );
      for (const batch of [bulk('r', recommendations, 0, 6000), bulk('x', exports, 3000, 9000)])
        expect(
          (await upload(analyst, '/api/v1/sharing-events', events(batch), ndjson)).statusCode,
        ).toBe(200);
      const url = `/api/v1/blast-radius/customers.csv?subprocessorId=${cloudHost}&from=2025-12-01T00:00:00Z&to=2025-12-31T00:00:00Z`;
      const refs = (await call(analyst, 'GET', url)).body
        .trim()
        .split('\r\n')
        .slice(1)
        .map((line) => line.split(',')[0]!);
      const bulkRefs = refs.filter((ref) => ref.startsWith('B'));
      expect(bulkRefs).toHaveLength(9000);
      expect(new Set(bulkRefs).size).toBe(9000);
      expect(refs).toEqual([...refs].sort());
    });

    it('refuses to delete a vendor whose integrations received customer data', async () => {
      const refused = await call(admin, 'DELETE', `/api/v1/vendors/${vendorX}`);
      expect(refused.statusCode).toBe(409);
      expect(refused.json<{ message: string }>().message).toContain('offboard it instead');
    });

    it('answers 404 for targets that do not exist and 400 for a bad window', async () => {
      const missing = '7c9e6679-7425-40de-944b-e07fc1f66ae7';
      expect(
        (
          await call(
            viewer,
            'GET',
            `/api/v1/blast-radius?vendorId=${missing}&from=2025-01-01T00:00:00Z&to=2026-01-01T00:00:00Z`,
          )
        ).statusCode,
      ).toBe(404);
      const backwards = await call(
        viewer,
        'GET',
        `/api/v1/blast-radius?vendorId=${vendorX}&from=2026-01-01T00:00:00Z&to=2025-01-01T00:00:00Z`,
      );
      expect(backwards.statusCode).toBe(400);
      expect(backwards.json().issues[0].field).toBe('querystring.from');
    });

    it('draws the data map and the vendor’s sharing over time', async () => {
      const map = (await call(viewer, 'GET', '/api/v1/data-map')).json();
      expect(map.edges).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            kind: 'integration',
            from: 'shop',
            to: vendorX,
            label: 'Recommendations API',
            customers: 6004,
          }),
          expect.objectContaining({
            kind: 'subprocessor',
            from: vendorX,
            to: cloudHost,
            categories: ['email'],
          }),
        ]),
      );
      const series = (await call(viewer, 'GET', `/api/v1/vendors/${vendorX}/sharing`)).json<
        { integrationId: string; days: unknown[] }[]
      >();
      const recs = series.find((s) => s.integrationId === recommendations);
      expect(recs?.days[0]).toEqual({ day: '2025-10-01', events: 1, records: 2, customers: 1 });
    });
  });
});
