import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  RISK_RECOMPUTE_JOB,
  registerRiskJobs,
} from '../../src/modules/vendors/vendors.risk.jobs.js';
import { createTestApp, type Caller, type TestApp } from '../support/app.js';
import { testDialect } from '../support/database.js';

describe(`vendors (${testDialect})`, () => {
  let t: TestApp;
  let analyst: Caller;
  let ledgerNo = 0;
  beforeEach(async () => {
    t = await createTestApp();
    analyst = await t.callerWithRole('analyst');
  });
  afterEach(() => t.close());

  const call = (
    caller: Caller,
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    payload?: object | string,
    contentType?: string,
  ) =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { ...caller.headers, ...(contentType ? { 'content-type': contentType } : {}) },
      ...(payload === undefined ? {} : { payload }),
    });

  async function createVendor(legalName: string, extra: object = {}): Promise<{ id: string }> {
    const response = await call(analyst, 'POST', '/vendors', { legalName, ...extra });
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  }

  async function moveTo(id: string, ...statuses: string[]): Promise<void> {
    for (const status of statuses) {
      const response = await call(analyst, 'POST', `/vendors/${id}/status`, {
        status,
        reason: 'test',
      });
      expect(response.statusCode, `${status}: ${response.body}`).toBe(200);
    }
  }

  /** An integration row as the relations module would store it. */
  async function addIntegration(
    vendorId: string,
    fields: { kind?: string; status?: string; declaredCategories?: string[] } = {},
  ): Promise<number> {
    const at = t.clock.now().toISOString();
    ledgerNo += 1;
    await t.database.db.kysely
      .insertInto('integrations')
      .values({
        id: randomUUID(),
        vendor_id: vendorId,
        ledger_no: ledgerNo,
        name: `Integration ${ledgerNo}`,
        kind: fields.kind ?? 'server_api_client',
        environment: 'production',
        endpoints: '[]',
        domains: '[]',
        declared_scopes: '[]',
        declared_categories: JSON.stringify(fields.declaredCategories ?? []),
        credentials_ref: null,
        status: fields.status ?? 'active',
        owner: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    return ledgerNo;
  }

  async function auditOf(action: string) {
    const rows = await t.database.db.kysely
      .selectFrom('audit_events')
      .select(['object_id', 'actor_label', 'details'])
      .where('action', '=', action)
      .orderBy('seq')
      .execute();
    return rows.map((row) => ({ ...row, details: JSON.parse(row.details) as unknown }));
  }

  const names = async (query: string) =>
    (await call(analyst, 'GET', `/vendors?${query}`))
      .json<{ items: { legalName: string }[] }>()
      .items.map((vendor) => vendor.legalName);

  it('creates, reads, updates and deletes a vendor, audited', async () => {
    const created = await call(analyst, 'POST', '/vendors', {
      legalName: 'Vendor X Analytics GmbH',
      tradingName: 'Vendor X',
      domains: ['VendorX.example'],
      country: 'de',
      tags: [' Analytics ', 'analytics', 'EU  Hosted'],
    });
    expect(created.statusCode).toBe(201);
    const vendor = created.json();
    expect(vendor).toMatchObject({
      legalName: 'Vendor X Analytics GmbH',
      domains: ['vendorx.example'],
      country: 'DE',
      tags: ['analytics', 'eu hosted'],
      status: 'prospect',
      riskTier: 'low',
    });
    expect((await call(analyst, 'GET', `/vendors/${vendor.id}`)).json()).toMatchObject({
      id: vendor.id,
      integrationCount: 0,
      categories: [],
    });

    const updated = await call(analyst, 'PUT', `/vendors/${vendor.id}`, {
      legalName: 'Vendor X Analytics GmbH',
      website: 'https://vendorx.example',
      tags: ['analytics'],
    });
    expect(updated.json()).toMatchObject({
      website: 'https://vendorx.example',
      tags: ['analytics'],
    });
    expect((await auditOf('vendors.vendor.update'))[0]).toMatchObject({
      object_id: vendor.id,
      actor_label: analyst.email,
      details: { changed: ['tradingName', 'website', 'domains', 'country', 'tags'] },
    });

    const asAnalyst = await call(analyst, 'DELETE', `/vendors/${vendor.id}`);
    expect(asAnalyst.statusCode).toBe(403);
    const admin = await t.callerWithRole('admin');
    expect((await call(admin, 'DELETE', `/vendors/${vendor.id}`)).json()).toEqual({ ok: true });
    expect((await call(analyst, 'GET', `/vendors/${vendor.id}`)).statusCode).toBe(404);
    expect((await auditOf('vendors.vendor.create'))[0]).toMatchObject({
      object_id: vendor.id,
      details: { legalName: 'Vendor X Analytics GmbH', status: 'prospect' },
    });
    expect(await auditOf('vendors.vendor.delete')).toHaveLength(1);
  });

  it('keeps one vendor per legal name and only deletes prospects', async () => {
    const acme = await createVendor('Acme Ltd');
    const duplicate = await call(analyst, 'POST', '/vendors', { legalName: '  ACME   ltd ' });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().message).toBe(
      "A vendor named 'ACME   ltd' already exists as 'Acme Ltd'",
    );
    const other = await createVendor('Other Ltd');
    const rename = await call(analyst, 'PUT', `/vendors/${other.id}`, { legalName: 'acme ltd' });
    expect(rename.statusCode).toBe(409);

    await moveTo(acme.id, 'assessing');
    const admin = await t.callerWithRole('admin');
    const refused = await call(admin, 'DELETE', `/vendors/${acme.id}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toContain('Offboard it instead');
    expect((await call(analyst, 'GET', `/vendors/${acme.id}`)).statusCode).toBe(200);
  });

  it('filters by status, effective tier, tag, declared category and text', async () => {
    const auth = await createVendor('Authenticator Inc.', { tags: ['Identity'] });
    const vendorX = await createVendor('Vendor X Analytics GmbH', {
      tradingName: 'Vendor X',
      domains: ['vendorx.example'],
    });
    await createVendor('CloudHost Ltd', { tags: ['hosting'] });
    await createVendor('100% Hosting_Co');
    await moveTo(auth.id, 'assessing');
    await addIntegration(auth.id, { declaredCategories: ['password_hash', 'name', 'email'] });
    await addIntegration(auth.id, { kind: 'webhook_subscriber', status: 'retired' });
    await addIntegration(vendorX.id, { declaredCategories: ['order_history'] });
    await call(analyst, 'PUT', `/vendors/${vendorX.id}/risk-override`, {
      tier: 'high',
      reason: 'pulls more than it should',
    });

    expect(await names('')).toEqual([
      '100% Hosting_Co',
      'Authenticator Inc.',
      'CloudHost Ltd',
      'Vendor X Analytics GmbH',
    ]);
    expect(await names('status=assessing')).toEqual(['Authenticator Inc.']);
    expect(await names('tier=high')).toEqual(['Vendor X Analytics GmbH']);
    expect(await names('tier=low')).toHaveLength(3);
    expect(await names('tag=IDENTITY')).toEqual(['Authenticator Inc.']);
    expect(await names('category=email')).toEqual(['Authenticator Inc.']);
    expect(await names('category=order_history')).toEqual(['Vendor X Analytics GmbH']);
    expect(await names('q=HOST')).toEqual(['100% Hosting_Co', 'CloudHost Ltd']);
    expect(await names('q=vendor%20x')).toEqual(['Vendor X Analytics GmbH']);
    expect(await names('q=vendorx.exa')).toEqual(['Vendor X Analytics GmbH']);
    expect(await names('q=%25')).toEqual(['100% Hosting_Co']);
    expect(await names('q=g_c')).toEqual(['100% Hosting_Co']);
    expect(await names('q=t_l')).toEqual([]);

    const page = await call(analyst, 'GET', '/vendors?limit=2&offset=1');
    expect(page.json()).toMatchObject({
      total: 4,
      items: [{ legalName: 'Authenticator Inc.' }, {}],
    });
    expect(page.json().items[0]).toMatchObject({
      integrationCount: 2,
      categories: ['name', 'email', 'password_hash'],
    });
    expect((await call(analyst, 'GET', '/vendors/tags')).json()).toEqual(['hosting', 'identity']);
    expect((await call(analyst, 'GET', '/vendors?tier=extreme')).statusCode).toBe(400);
  });

  it('follows the lifecycle and gates offboarding on the checklist', async () => {
    const { id } = await createVendor('Vendor X Analytics GmbH');
    const skip = await call(analyst, 'POST', `/vendors/${id}/status`, {
      status: 'active',
      reason: '',
    });
    expect(skip.statusCode).toBe(409);
    expect(skip.json().message).toBe(
      "Vendor 'Vendor X Analytics GmbH' is prospect; it can move to assessing, not active",
    );
    await moveTo(id, 'assessing', 'approved', 'active');
    const early = await call(analyst, 'POST', `/vendors/${id}/offboarding/credentials_revoked`, {});
    expect(early.statusCode).toBe(409);

    await moveTo(id, 'offboarding');
    const step = (name: string) =>
      call(analyst, 'POST', `/vendors/${id}/offboarding/${name}`, { note: `${name} done` });
    expect((await step('credentials_revoked')).statusCode).toBe(200);
    expect((await step('credentials_revoked')).statusCode).toBe(409);
    const gated = await call(analyst, 'POST', `/vendors/${id}/status`, {
      status: 'offboarded',
      reason: 'contract ended',
    });
    expect(gated.statusCode).toBe(409);
    expect(gated.json().message).toContain(
      'deletion_certificate_received, removed_from_published_subprocessors',
    );
    await step('deletion_certificate_received');
    const checklist = (await step('removed_from_published_subprocessors')).json();
    expect(checklist).toHaveLength(3);
    expect(checklist[0]).toMatchObject({
      step: 'credentials_revoked',
      doneBy: analyst.email,
      doneAt: '2026-03-12T08:00:00.000Z',
      note: 'credentials_revoked done',
    });
    await moveTo(id, 'offboarded');
    expect((await auditOf('vendors.vendor.status')).map((event) => event.details)).toContainEqual({
      from: 'offboarding',
      to: 'offboarded',
      reason: 'test',
    });

    // A second offboarding starts from an empty checklist.
    await moveTo(id, 'prospect', 'assessing', 'approved', 'active', 'offboarding');
    const fresh = (await call(analyst, 'GET', `/vendors/${id}/offboarding`)).json<
      { doneAt: string | null }[]
    >();
    expect(fresh.map((entry) => entry.doneAt)).toEqual([null, null, null]);
  });

  it('explains the computed risk, recomputes it hourly and audits overrides', async () => {
    const { id } = await createVendor('Authenticator Inc.');
    const ledger = await addIntegration(id, { declaredCategories: ['name', 'password_hash'] });
    await t.database.db.kysely
      .insertInto('sharing_ledger')
      .values(
        ['c1', 'c2', 'c3'].map((customer) => ({
          integration_no: ledger,
          customer_ref: customer,
          categories: 1,
          first_at: 0,
          last_at: 0,
          events: 1,
          records: 1,
        })),
      )
      .execute();
    await registerRiskJobs(t.registry, t.queue, t.services.vendors);
    expect((await t.queue.listSchedules()).map((s) => s.name)).toContain(RISK_RECOMPUTE_JOB);
    await t.registry.get(RISK_RECOMPUTE_JOB)!.handle(
      {},
      {
        jobId: 'test',
        attempt: 1,
        signal: new AbortController().signal,
      },
    );

    const risk = (await call(analyst, 'GET', `/vendors/${id}/risk`)).json();
    expect(risk).toMatchObject({
      tier: 'medium',
      computedTier: 'medium',
      score: 9,
      override: null,
    });
    expect(risk.factors).toEqual([
      expect.objectContaining({ name: 'sensitivity', score: 3, label: 'High-sensitivity data' }),
      {
        name: 'reach',
        label: 'Fewer than 1,000 customers',
        score: 1,
        detail: '3 customers reached',
      },
      expect.objectContaining({ name: 'exposure', score: 3 }),
    ]);
    expect(await auditOf('vendors.risk.recompute')).toMatchObject([
      { object_id: id, details: { from: 'low', to: 'medium', score: 9 } },
    ]);

    const raised = await call(analyst, 'PUT', `/vendors/${id}/risk-override`, {
      tier: 'critical',
      reason: 'known exploited vulnerability',
    });
    expect(raised.json()).toMatchObject({
      tier: 'critical',
      computedTier: 'medium',
      override: { tier: 'critical', by: analyst.email, reason: 'known exploited vulnerability' },
    });
    expect((await call(analyst, 'GET', `/vendors/${id}`)).json().riskTier).toBe('critical');
    const cleared = await call(analyst, 'PUT', `/vendors/${id}/risk-override`, {
      tier: null,
      reason: 'patched',
    });
    expect(cleared.json()).toMatchObject({ tier: 'medium', override: null });
    expect((await auditOf('vendors.risk.override'))[0]!.details).toEqual({
      before: null,
      after: 'critical',
      computedTier: 'medium',
      reason: 'known exploited vulnerability',
    });
    expect((await auditOf('vendors.risk.override-clear'))[0]!.details).toMatchObject({
      before: 'critical',
      after: null,
    });
  });

  describe('CSV import', () => {
    const importCsv = (csv: string, contentType = 'text/csv; charset=utf-8') =>
      call(analyst, 'POST', '/vendors/import', csv, contentType);

    it('creates new vendors and updates existing ones, keeping columns the file lacks', async () => {
      const existing = await createVendor('CloudHost Ltd', {
        notes: 'hosts Vendor X',
        tags: ['old'],
      });
      const csv = [
        'legal_name,domains,country,status,tags',
        'Authenticator Inc.,auth.example;sso.auth.example,US,active,identity',
        'Vendor X Analytics GmbH,vendorx.example,DE,,analytics',
        'cloudhost  LTD,,IE,,hosting;EU',
      ].join('\r\n');
      const response = await importCsv(csv);
      expect(response.json()).toEqual({ created: 2, updated: 1, unchanged: 0 });

      const updated = (await call(analyst, 'GET', `/vendors/${existing.id}`)).json();
      expect(updated).toMatchObject({
        legalName: 'cloudhost  LTD',
        country: 'IE',
        notes: 'hosts Vendor X',
        tags: ['eu', 'hosting'],
      });
      expect(await names('status=active')).toEqual(['Authenticator Inc.']);
      expect(await auditOf('vendors.vendor.update')).toMatchObject([
        { object_id: existing.id, details: { source: 'import', line: 4 } },
      ]);
      expect((await importCsv(csv)).json()).toEqual({ created: 0, updated: 0, unchanged: 3 });
    });

    it('refuses a file with bad rows whole, listing each, and writes nothing', async () => {
      const existing = await createVendor('CloudHost Ltd');
      const csv = [
        'legal_name,website,country,status',
        'Good Vendor Ltd,https://good.example,GB,',
        ',https://nameless.example,,',
        'Bad Site Ltd,not a url,,',
        'Good Vendor Ltd,,,',
        'CloudHost Ltd,,,active',
      ].join('\n');
      const response = await importCsv(csv);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({
        code: 'VALIDATION',
        rowErrorCount: 3,
        rows: [
          { line: 3, field: 'legal_name', message: 'is required' },
          { line: 4, field: 'website', message: 'must be an http(s) URL' },
          { line: 5, field: 'legal_name', message: 'repeats line 2' },
        ],
      });
      // Rows only the database can judge are checked once the file itself is clean.
      const statusRow = await importCsv('legal_name,status\nNew Ltd,\nCloudHost Ltd,active\n');
      expect(statusRow.json().rows).toEqual([
        { line: 3, field: 'status', message: expect.stringContaining('the vendor is prospect') },
      ]);
      expect((await call(analyst, 'GET', '/vendors')).json()).toMatchObject({
        total: 1,
        items: [{ id: existing.id, status: 'prospect' }],
      });
      expect(await auditOf('vendors.vendor.create')).toHaveLength(1);
    });

    it('accepts only CSV bodies, up to 5 MB', async () => {
      expect((await importCsv('{}', 'application/json')).statusCode).toBe(400);
      const huge = `legal_name\n${'x'.repeat(5 * 1024 * 1024)}\n`;
      expect((await importCsv(huge)).statusCode).toBe(413);
    });
  });

  it('manages contacts, only under their own vendor', async () => {
    const vendorX = await createVendor('Vendor X Analytics GmbH');
    const other = await createVendor('CloudHost Ltd');
    const created = await call(analyst, 'POST', `/vendors/${vendorX.id}/contacts`, {
      name: 'Dana Security',
      email: 'Security@VendorX.example',
      role: 'security',
    });
    expect(created.statusCode).toBe(201);
    const contact = created.json();
    expect(contact).toMatchObject({ vendorId: vendorX.id, email: 'security@vendorx.example' });

    const elsewhere = `/vendors/${other.id}/contacts/${contact.id}`;
    expect((await call(analyst, 'PUT', elsewhere, { name: 'Hijack' })).statusCode).toBe(404);
    expect((await call(analyst, 'DELETE', elsewhere)).statusCode).toBe(404);
    expect((await call(analyst, 'GET', `/vendors/${other.id}/contacts`)).json()).toEqual([]);

    const own = `/vendors/${vendorX.id}/contacts/${contact.id}`;
    const renamed = await call(analyst, 'PUT', own, { name: 'Dana S.', role: 'security' });
    expect(renamed.json()).toMatchObject({ name: 'Dana S.', email: null });
    expect((await call(analyst, 'GET', `/vendors/${vendorX.id}/contacts`)).json()).toEqual([
      renamed.json(),
    ]);
    expect((await call(analyst, 'DELETE', own)).json()).toEqual({ ok: true });
    expect((await auditOf('vendors.contact.update'))[0]!.details).toEqual({
      vendorId: vendorX.id,
      changed: ['name', 'email'],
    });
  });

  it('answers 404 for unknown vendors and 403 to viewers who try to change things', async () => {
    const unknown = randomUUID();
    for (const [method, url, payload] of [
      ['GET', `/vendors/${unknown}`, undefined],
      ['PUT', `/vendors/${unknown}`, { legalName: 'Ghost Ltd' }],
      ['GET', `/vendors/${unknown}/risk`, undefined],
      ['GET', `/vendors/${unknown}/contacts`, undefined],
      ['POST', `/vendors/${unknown}/contacts`, { name: 'Nobody' }],
      ['GET', `/vendors/${unknown}/offboarding`, undefined],
      ['POST', `/vendors/${unknown}/status`, { status: 'assessing', reason: '' }],
    ] as const) {
      const response = await call(analyst, method, url, payload);
      expect(response.statusCode, `${method} ${url}`).toBe(404);
      expect(response.json().message).toBe(`Vendor '${unknown}' was not found`);
    }
    const viewer = await t.callerWithRole('viewer');
    expect((await call(viewer, 'POST', '/vendors', { legalName: 'Sneaky Ltd' })).statusCode).toBe(
      403,
    );
    expect((await call(viewer, 'GET', '/vendors')).json()).toEqual({ total: 0, items: [] });
  });
});
