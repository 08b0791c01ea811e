import { createHash, randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemContext } from '../../src/lib/principal.js';
import {
  AGREEMENT_EXPIRY_JOB,
  registerAgreementJobs,
} from '../../src/modules/vendors/vendors.agreements.jobs.js';
import { testDialect } from '../support/database.js';
import { createTestApp, type Caller, type TestApp } from '../support/app.js';

/**
 * Integrations, subprocessor links, agreements and their documents, through the real routes.
 * Vendors are inserted directly so these tests depend only on the relations code.
 */
describe(`vendor relations (${testDialect})`, () => {
  let t: TestApp;
  let analyst: Caller;
  beforeEach(async () => {
    t = await createTestApp();
    analyst = await t.callerWithRole('analyst');
  });
  afterEach(() => t.close());

  const db = () => t.database.db.kysely;

  async function insertVendor(legalName: string): Promise<string> {
    const id = randomUUID();
    const at = t.clock.now().toISOString();
    await db()
      .insertInto('vendors')
      .values({
        id,
        legal_name: legalName,
        name_key: legalName.toLowerCase(),
        trading_name: null,
        website: null,
        domains: '[]',
        country: null,
        services: '',
        business_owner: null,
        security_contact: null,
        notes: '',
        status: 'prospect',
        risk_tier: 'low',
        risk_explanation: '{}',
        risk_tier_override: null,
        risk_override_reason: null,
        risk_override_by: null,
        risk_override_at: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    return id;
  }

  const call = (method: string, url: string, caller: Caller, payload?: object) =>
    t.app.inject({
      method: method as 'GET',
      url: `/api/v1${url}`,
      headers: caller.headers,
      ...(payload ? { payload } : {}),
    });

  const recommendations = {
    name: 'Recommendations API',
    kind: 'server_api_client',
    declaredCategories: ['email', 'order_history'],
    credentialsRef: 'vault:kv/vendor-x/api-key',
  };

  const pdf = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');

  /** A multipart body as a browser would send it: `files` as [field, name, bytes]. */
  async function uploadFiles(
    vendorId: string,
    agreementId: string,
    files: [string, string, Buffer][],
  ) {
    const form = new FormData();
    for (const [field, fileName, bytes] of files) form.append(field, new Blob([bytes]), fileName);
    const encoded = new Response(form);
    return t.app.inject({
      method: 'POST',
      url: `/api/v1/vendors/${vendorId}/agreements/${agreementId}/documents`,
      headers: { ...analyst.headers, 'content-type': encoded.headers.get('content-type')! },
      payload: Buffer.from(await encoded.arrayBuffer()),
    });
  }

  const upload = (vendorId: string, agreementId: string, fileName: string, bytes: Buffer) =>
    uploadFiles(vendorId, agreementId, [['file', fileName, bytes]]);

  async function agreement(vendorId: string, body: object) {
    const response = await call('POST', `/vendors/${vendorId}/agreements`, analyst, body);
    expect(response.statusCode).toBe(201);
    return response.json<{ id: string }>();
  }

  async function auditDetails(action: string): Promise<string[]> {
    const rows = await db()
      .selectFrom('audit_events')
      .select('details')
      .where('action', '=', action)
      .orderBy('seq')
      .execute();
    return rows.map((row) => row.details);
  }

  describe('integrations', () => {
    it('are created, read, updated and deleted, with consecutive ledger numbers', async () => {
      const vendorX = await insertVendor('Vendor X Analytics GmbH');
      const created = await call(
        'POST',
        `/vendors/${vendorX}/integrations`,
        analyst,
        recommendations,
      );
      expect(created.statusCode).toBe(201);
      const integration = created.json();
      expect(integration).toMatchObject({
        vendorId: vendorX,
        vendorName: 'Vendor X Analytics GmbH',
        status: 'planned',
        declaredCategories: ['email', 'order_history'],
      });
      expect(integration).not.toHaveProperty('ledgerNo');
      const second = await call('POST', `/vendors/${vendorX}/integrations`, analyst, {
        ...recommendations,
        name: 'Order export',
      });
      expect(second.statusCode).toBe(201);
      const ledger = await db().selectFrom('integrations').select('ledger_no').execute();
      expect(ledger.map((row) => Number(row.ledger_no)).sort()).toEqual([1, 2]);

      const url = `/vendors/${vendorX}/integrations/${integration.id}`;
      expect((await call('GET', url, analyst)).json().name).toBe('Recommendations API');
      expect((await call('GET', `/vendors/${vendorX}/integrations`, analyst)).json()).toHaveLength(
        2,
      );
      expect((await call('GET', '/integrations', analyst)).json()).toHaveLength(2);

      const updated = await call('PUT', url, analyst, {
        ...recommendations,
        // Going live needs an approval (the assessments tests cover that gate).
        status: 'suspended',
        credentialsRef: 'vault:kv/vendor-x/api-key-2',
      });
      expect(updated.statusCode).toBe(200);
      expect(updated.json()).toMatchObject({
        status: 'suspended',
        createdAt: integration.createdAt,
      });
      const [details] = await auditDetails('vendors.integration.update');
      expect(JSON.parse(details!)).toMatchObject({ changed: ['credentialsRef', 'status'] });
      // The reference is not a secret, but it stays out of the audit trail all the same.
      for (const recorded of await auditDetails('vendors.integration.create'))
        expect(recorded).not.toContain('vault:');
      expect(details).not.toContain('vault:');

      expect((await call('DELETE', url, analyst)).statusCode).toBe(403);
      const admin = await t.callerWithRole('admin');
      expect((await call('DELETE', url, admin)).statusCode).toBe(200);
      expect((await call('GET', url, analyst)).statusCode).toBe(404);
    });

    it('refuses unknown data categories, naming the field, and writes nothing', async () => {
      const vendorX = await insertVendor('Vendor X Analytics GmbH');
      const response = await call('POST', `/vendors/${vendorX}/integrations`, analyst, {
        ...recommendations,
        declaredCategories: ['email', 'shoe_size'],
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().issues).toEqual([
        { field: 'body.declaredCategories', message: expect.stringContaining('shoe_size') },
      ]);
      expect(await db().selectFrom('integrations').selectAll().execute()).toHaveLength(0);
    });

    it('refuses a credentials reference that looks like a live secret', async () => {
      const vendorX = await insertVendor('Vendor X Analytics GmbH');
      const response = await call('POST', `/vendors/${vendorX}/integrations`, analyst, {
        ...recommendations,
        credentialsRef: 'vault:sk_live_51HqLyjWDarjtT1zdp7dc',
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().issues[0]).toMatchObject({
        field: 'body.credentialsRef',
        message: expect.stringMatching(/looks like a secret/),
      });
      expect(await db().selectFrom('integrations').selectAll().execute()).toHaveLength(0);
    });

    it('cannot be deleted once the ledger holds data for them: retire instead', async () => {
      const vendorX = await insertVendor('Vendor X Analytics GmbH');
      const admin = await t.callerWithRole('admin');
      const { id } = (
        await call('POST', `/vendors/${vendorX}/integrations`, analyst, recommendations)
      ).json();
      const { ledger_no } = await db()
        .selectFrom('integrations')
        .select('ledger_no')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      await db()
        .insertInto('sharing_ledger')
        .values({
          integration_no: ledger_no,
          customer_ref: 'c-1',
          categories: 1,
          first_at: 1,
          last_at: 1,
          events: 1,
          records: 1,
        })
        .execute();
      const refused = await call('DELETE', `/vendors/${vendorX}/integrations/${id}`, admin);
      expect(refused.statusCode).toBe(409);
      expect(refused.json().message).toMatch(/retire it instead/);
      expect(await db().selectFrom('integrations').select('id').execute()).toHaveLength(1);
    });
  });

  it('a viewer cannot change anything', async () => {
    const vendorX = await insertVendor('Vendor X Analytics GmbH');
    const viewer = await t.callerWithRole('viewer');
    const response = await call(
      'POST',
      `/vendors/${vendorX}/integrations`,
      viewer,
      recommendations,
    );
    expect(response.statusCode).toBe(403);
    expect((await call('GET', `/vendors/${vendorX}/integrations`, viewer)).json()).toEqual([]);
  });

  it('an id from another vendor is 404 for integrations, agreements and documents', async () => {
    const vendorX = await insertVendor('Vendor X Analytics GmbH');
    const other = await insertVendor('Authenticator Inc.');
    const admin = await t.callerWithRole('admin');
    const integration = (
      await call('POST', `/vendors/${vendorX}/integrations`, analyst, recommendations)
    ).json();
    const dpa = await agreement(vendorX, { type: 'DPA', title: 'DPA' });
    const document = (await upload(vendorX, dpa.id, 'dpa.pdf', pdf)).json();

    const wrongPaths: [string, string, object?][] = [
      ['GET', `/vendors/${other}/integrations/${integration.id}`],
      ['PUT', `/vendors/${other}/integrations/${integration.id}`, recommendations],
      ['DELETE', `/vendors/${other}/integrations/${integration.id}`],
      ['GET', `/vendors/${other}/agreements/${dpa.id}`],
      ['PUT', `/vendors/${other}/agreements/${dpa.id}`, { type: 'NDA', title: 'Mine' }],
      ['DELETE', `/vendors/${other}/agreements/${dpa.id}`],
      ['GET', `/vendors/${other}/agreements/${dpa.id}/documents/${document.id}`],
      ['DELETE', `/vendors/${other}/agreements/${dpa.id}/documents/${document.id}`],
      ['GET', `/vendors/${randomUUID()}/integrations`],
    ];
    for (const [method, url, payload] of wrongPaths) {
      const response = await call(method, url, admin, payload);
      expect(response.statusCode, `${method} ${url}`).toBe(404);
    }
    // The other vendor's own agreement does not open this vendor's document either.
    const nda = await agreement(other, { type: 'NDA', title: 'NDA' });
    const viaNda = `/vendors/${other}/agreements/${nda.id}/documents/${document.id}`;
    expect((await call('GET', viaNda, admin)).statusCode).toBe(404);
    expect((await upload(other, dpa.id, 'x.pdf', pdf)).statusCode).toBe(404);

    // Nothing was changed through the wrong paths.
    const still = await call('GET', `/vendors/${vendorX}/agreements/${dpa.id}`, analyst);
    expect(still.json()).toMatchObject({ title: 'DPA', documents: [{ id: document.id }] });
    const unchanged = await call(
      'GET',
      `/vendors/${vendorX}/integrations/${integration.id}`,
      admin,
    );
    expect(unchanged.json()).toMatchObject({ name: recommendations.name, status: 'planned' });
  });

  describe('subprocessors', () => {
    it('form a DAG: self-links, duplicates and cycles are refused, naming the vendors', async () => {
      const shop = await insertVendor('Vendor X Analytics GmbH');
      const host = await insertVendor('CloudHost Ltd');
      const backup = await insertVendor('Backup Co');
      const link = (from: string, to: string, categories = ['email', 'order_history']) =>
        call('POST', `/vendors/${from}/subprocessors`, analyst, {
          subprocessorId: to,
          categories,
          location: 'Ireland',
        });

      const created = await link(shop, host);
      expect(created.statusCode).toBe(201);
      expect(created.json()).toMatchObject({
        vendorName: 'Vendor X Analytics GmbH',
        subprocessorName: 'CloudHost Ltd',
        location: 'Ireland',
      });
      expect((await link(host, backup, ['email'])).statusCode).toBe(201);

      const cycle = await link(backup, shop);
      expect(cycle.statusCode).toBe(409);
      expect(cycle.json().message).toContain(
        'Backup Co → Vendor X Analytics GmbH → CloudHost Ltd → Backup Co',
      );
      const self = await link(host, host);
      expect(self.statusCode).toBe(409);
      expect(self.json().message).toContain('CloudHost Ltd');
      expect((await link(shop, host)).statusCode).toBe(409);
      const unknown = await link(shop, backup, ['shoe_size']);
      expect(unknown.json().issues[0].field).toBe('body.categories');
      const nobody = await link(shop, randomUUID());
      expect(nobody.json().issues[0].field).toBe('body.subprocessorId');
      expect(await db().selectFrom('subprocessors').select('id').execute()).toHaveLength(2);

      const usedBy = (await call('GET', `/vendors/${host}/used-by`, analyst)).json<
        { vendorName: string }[]
      >();
      expect(usedBy.map((l) => l.vendorName)).toEqual(['Vendor X Analytics GmbH']);
      expect(await t.services.vendors.subprocessors.ancestorsOf(backup)).toEqual([
        { vendorId: host, categories: ['email'], depth: 1 },
        { vendorId: shop, categories: ['email'], depth: 2 },
      ]);

      const linkId = created.json().id;
      expect(
        (await call('DELETE', `/vendors/${host}/subprocessors/${linkId}`, analyst)).statusCode,
      ).toBe(404);
      expect(
        (await call('DELETE', `/vendors/${shop}/subprocessors/${linkId}`, analyst)).statusCode,
      ).toBe(200);
      expect((await link(backup, shop)).statusCode).toBe(201);
    });
  });

  describe('agreements', () => {
    it('keep their legal terms, and only admins delete them', async () => {
      const vendorX = await insertVendor('Vendor X Analytics GmbH');
      const terms = {
        type: 'DPA',
        title: 'Data processing agreement',
        signedOn: '2025-08-20',
        effectiveOn: '2025-09-01',
        expiresOn: '2027-08-31',
        autoRenews: true,
        renewalNoticeDays: 90,
        breachNoticeHours: 72,
        auditRights: true,
        subprocessorApproval: true,
      };
      const dpa = await agreement(vendorX, terms);
      const listed = await call('GET', `/vendors/${vendorX}/agreements`, analyst);
      expect(listed.json()).toEqual([
        expect.objectContaining({ ...terms, id: dpa.id, terminationNoticeDays: null }),
      ]);

      const backwards = await call('POST', `/vendors/${vendorX}/agreements`, analyst, {
        ...terms,
        expiresOn: '2025-01-01',
      });
      expect(backwards.json().issues[0].field).toBe('body.expiresOn');

      const url = `/vendors/${vendorX}/agreements/${dpa.id}`;
      const updated = await call('PUT', url, analyst, { ...terms, breachNoticeHours: 24 });
      expect(updated.json()).toMatchObject({ breachNoticeHours: 24, autoRenews: true });
      const [details] = await auditDetails('vendors.agreement.update');
      expect(JSON.parse(details!)).toMatchObject({ changed: ['breachNoticeHours'] });

      expect((await call('DELETE', url, analyst)).statusCode).toBe(403);
      expect((await call('DELETE', url, await t.callerWithRole('admin'))).statusCode).toBe(200);
      expect((await call('GET', url, analyst)).statusCode).toBe(404);
    });
  });

  describe('agreement documents', () => {
    it('upload, download byte for byte, and store the same bytes once', async () => {
      const vendorX = await insertVendor('Vendor X Analytics GmbH');
      const dpa = await agreement(vendorX, { type: 'DPA', title: 'DPA' });
      const sccs = await agreement(vendorX, { type: 'SCCs', title: 'SCCs' });
      const first = await upload(vendorX, dpa.id, 'Auftragsverarbeitung – signiert.pdf', pdf);
      expect(first.statusCode).toBe(201);
      const sha256 = createHash('sha256').update(pdf).digest('hex');
      expect(first.json()).toMatchObject({
        fileName: 'Auftragsverarbeitung – signiert.pdf',
        mediaType: 'application/pdf',
        byteSize: pdf.length,
        sha256,
      });
      expect((await upload(vendorX, sccs.id, 'copy.pdf', pdf)).statusCode).toBe(201);
      const blobs = await db().selectFrom('blobs').select('sha256').execute();
      expect(blobs).toEqual([{ sha256 }]);

      const url = `/vendors/${vendorX}/agreements/${dpa.id}/documents/${first.json().id}`;
      const download = await call('GET', url, analyst);
      expect(download.statusCode).toBe(200);
      expect(download.rawPayload.equals(pdf)).toBe(true);
      expect(download.headers['content-type']).toBe('application/pdf');
      expect(download.headers['x-content-type-options']).toBe('nosniff');
      expect(download.headers['content-disposition']).toBe(
        `attachment; filename="Auftragsverarbeitung _ signiert.pdf"; filename*=UTF-8''Auftragsverarbeitung%20%E2%80%93%20signiert.pdf`,
      );

      expect((await call('DELETE', url, analyst)).statusCode).toBe(200);
      expect((await call('GET', url, analyst)).statusCode).toBe(404);
    });

    it('refuses a disguised program with 415 and keeps nothing', async () => {
      const vendorX = await insertVendor('Vendor X Analytics GmbH');
      const { id } = await agreement(vendorX, { type: 'DPA', title: 'DPA' });
      const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), pdf]);
      const response = await upload(vendorX, id, 'signed-contract.pdf', elf);
      expect(response.statusCode).toBe(415);
      expect(response.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
      expect(await db().selectFrom('blobs').select('sha256').execute()).toHaveLength(0);
      const documentsUrl = `/vendors/${vendorX}/agreements/${id}/documents`;
      const notMultipart = await call('POST', documentsUrl, analyst, { file: 'x' });
      expect(notMultipart.statusCode).toBe(415);
    });

    it('takes exactly one file of at most 25 MB, in the field "file"', async () => {
      const vendorX = await insertVendor('Vendor X Analytics GmbH');
      const { id } = await agreement(vendorX, { type: 'DPA', title: 'DPA' });
      const tooBig = Buffer.alloc(25 * 1024 * 1024 + 1, 'a');
      expect((await upload(vendorX, id, 'big.txt', tooBig)).statusCode).toBe(413);
      const two = await uploadFiles(vendorX, id, [
        ['file', 'a.pdf', pdf],
        ['file', 'b.txt', Buffer.from('second')],
      ]);
      expect(two.statusCode).toBe(413);
      const wrongField = await uploadFiles(vendorX, id, [['document', 'a.pdf', pdf]]);
      expect(wrongField.statusCode).toBe(400);
      expect(wrongField.json().issues[0].field).toBe('body.document');
      expect(await db().selectFrom('agreement_documents').select('id').execute()).toHaveLength(0);
      expect(await db().selectFrom('blobs').select('sha256').execute()).toHaveLength(0);
    });
  });

  describe('agreement expiry', () => {
    it('alerts once per agreement and expiry date, and lists what is expiring', async () => {
      const vendorX = await insertVendor('Vendor X Analytics GmbH');
      // Today is 2026-03-12 on the test clock.
      const dpa = await agreement(vendorX, {
        type: 'DPA',
        title: 'Data processing agreement',
        expiresOn: '2026-04-01',
        breachNoticeHours: 72,
      });
      await agreement(vendorX, {
        type: 'MSA',
        title: 'Master services agreement',
        expiresOn: '2026-09-01',
        terminationNoticeDays: 180,
      });
      await agreement(vendorX, { type: 'SLA', title: 'Old SLA', expiresOn: '2026-01-31' });
      await agreement(vendorX, { type: 'NDA', title: 'NDA', expiresOn: '2026-12-31' });

      const expiring = (await call('GET', '/agreements/expiring?days=30', analyst)).json<
        { type: string; vendorName: string }[]
      >();
      expect(expiring.map((a) => a.type)).toEqual(['SLA', 'DPA']);
      expect(expiring[0]!.vendorName).toBe('Vendor X Analytics GmbH');

      await registerAgreementJobs(t.registry, t.queue, t.services.vendors);
      expect((await t.queue.listSchedules()).map((s) => s.jobName)).toContain(AGREEMENT_EXPIRY_JOB);
      const runJob = () =>
        t.registry
          .get(AGREEMENT_EXPIRY_JOB)!
          .handle({}, { jobId: 'test', attempt: 1, signal: new AbortController().signal });

      await runJob();
      expect(t.sentMail).toHaveLength(1);
      expect(t.sentMail[0]).toMatchObject({
        to: analyst.email,
        subject: '3 vendor agreements expiring',
      });
      expect(t.sentMail[0]!.text).toContain(
        'Vendor X Analytics GmbH: MSA "Master services agreement" expires on 2026-09-01 (notice period 180 days)',
      );
      expect(t.sentMail[0]!.text).toContain('SLA "Old SLA" expired on 2026-01-31');
      expect(t.sentMail[0]!.text).not.toContain('NDA');
      expect(await auditDetails('vendors.agreement.expiry-alert')).toHaveLength(3);

      await runJob();
      expect(t.sentMail).toHaveLength(1);

      // A renewed term is a new expiry date, so it is alerted again, once.
      await call('PUT', `/vendors/${vendorX}/agreements/${dpa.id}`, analyst, {
        type: 'DPA',
        title: 'Data processing agreement',
        expiresOn: '2026-04-05',
      });
      const again = await t.services.vendors.agreements.alertExpiring(systemContext('test'));
      expect(again.map((a) => a.id)).toEqual([dpa.id]);
      expect(t.sentMail).toHaveLength(2);
      expect(await t.services.vendors.agreements.alertExpiring(systemContext('test'))).toEqual([]);
    });
  });
});
