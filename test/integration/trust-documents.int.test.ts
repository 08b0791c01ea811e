import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublicAdvisory } from '../../src/contracts/advisories.js';
import type { AccessRequest, TrustDocument } from '../../src/contracts/trust.js';
import { createWorker } from '../../src/jobs/jobs.worker.js';
import { systemClock } from '../../src/lib/clock.js';
import { loadConfig } from '../../src/lib/config.js';
import { systemContext } from '../../src/lib/principal.js';
import { registerTrustJobs } from '../../src/modules/trust/trust.jobs.js';
import { createTrustModule } from '../../src/modules/trust/trust.module.js';
import { buildServer, openRuntime } from '../../src/server/runtime.js';
import { createTestApp, type Caller, type TestApp } from '../support/app.js';
import { createTestDatabase, testDialect } from '../support/database.js';
import { startSmtpServer } from '../support/smtp.js';
import { linkIn, trustHelpers } from '../support/trust.js';

const PDF = Buffer.from('%PDF-1.4\n% SOC 2 Type II report\n%%EOF\n');

async function multipart(fields: Record<string, string>, file: Buffer = PDF, name = 'soc2.pdf') {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  form.append('file', new Blob([new Uint8Array(file)]), name);
  const encoded = new Response(form);
  return {
    contentType: encoded.headers.get('content-type')!,
    body: Buffer.from(await encoded.arrayBuffer()),
  };
}

describe(`trust center documents (${testDialect})`, () => {
  let t: TestApp;
  let analyst: Caller;
  let viewer: Caller;
  let h: ReturnType<typeof trustHelpers>;

  beforeAll(async () => {
    t = await createTestApp();
    h = trustHelpers(t);
    analyst = await t.callerWithRole('analyst');
    viewer = await t.callerWithRole('viewer');
  });
  afterAll(() => t.close());

  async function upload(
    caller: Caller,
    fields: Record<string, string>,
    file?: Buffer,
    name?: string,
  ) {
    const body = await multipart(fields, file, name);
    return t.app.inject({
      method: 'POST',
      url: '/api/v1/trust/documents',
      headers: { ...caller.headers, 'content-type': body.contentType },
      payload: body.body,
    });
  }

  it('uploads only accepted types, names the bad field, and refuses viewers', async () => {
    expect((await upload(viewer, { title: 'SOC 2', access: 'public' })).statusCode).toBe(403);
    const exe = await upload(
      analyst,
      { title: 'Tool', access: 'public' },
      Buffer.from([0x4d, 0x5a, 0, 1]),
      'x.pdf',
    );
    expect(exe.statusCode).toBe(415);
    const bad = await upload(analyst, { title: 'SOC 2', access: 'everyone' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ issues: { field: string }[] }>().issues[0]!.field).toBe('body.access');
  });

  it('serves public documents as attachments, never inline', async () => {
    const doc = (
      await upload(analyst, {
        title: 'ISO 27001 certificate',
        kind: 'certification',
        access: 'public',
      })
    ).json<TrustDocument>();
    expect(doc).toMatchObject({
      mediaType: 'application/pdf',
      fileName: 'soc2.pdf',
      kind: 'certification',
    });
    const page = (await h.call(null, 'GET', '/trust/documents')).body;
    expect(page).toContain(`/trust/documents/${doc.id}/download`);
    const file = await h.call(null, 'GET', `/trust/documents/${doc.id}/download`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-disposition']).toMatch(/^attachment; filename="soc2.pdf"/);
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.rawPayload.equals(PDF)).toBe(true);
  });

  it('request access → approve → time-limited link; expired, revoked and denied links are refused', async () => {
    const doc = (
      await upload(analyst, { title: 'SOC 2 Type II report', access: 'request' })
    ).json<TrustDocument>();
    expect((await h.call(null, 'GET', `/trust/documents/${doc.id}/download`)).statusCode).toBe(404);

    const url = `/trust/documents/${doc.id}/request`;
    const form = await h.openForm(url);
    const fields = {
      csrf: form.csrf,
      name: 'Ada Auditor',
      email: 'ada@audit.example',
      company: 'Audit LLP',
      reason: 'Vendor review',
    };
    const missing = await h.postForm(url, { ...fields, company: '' }, form.cookie);
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('id="company-error"');
    expect((await h.postForm(url, { ...fields, csrf: 'forged' }, form.cookie)).statusCode).toBe(
      403,
    );
    const sent = await h.postForm(url, fields, form.cookie);
    expect(sent.statusCode, sent.body).toBe(200);
    expect(t.sentMail).toHaveLength(0);

    const [pending] = await h.ok<AccessRequest[]>(
      analyst,
      'GET',
      '/api/v1/trust/document-requests?status=pending',
    );
    expect(pending).toMatchObject({
      name: 'Ada Auditor',
      email: 'ada@audit.example',
      documentTitle: 'SOC 2 Type II report',
    });
    const stored = JSON.stringify(
      await t.database.db.kysely.selectFrom('trust_document_requests').selectAll().execute(),
    );
    expect(stored).not.toContain('ada@audit.example');
    expect(
      (await h.call(viewer, 'POST', `/api/v1/trust/document-requests/${pending!.id}/approve`, {}))
        .statusCode,
    ).toBe(403);

    const approved = await h.ok<AccessRequest>(
      analyst,
      'POST',
      `/api/v1/trust/document-requests/${pending!.id}/approve`,
      {},
    );
    expect(approved.linkExpiresAt).toBe('2026-03-19T08:00:00.000Z');
    expect(
      (await h.call(analyst, 'POST', `/api/v1/trust/document-requests/${pending!.id}/approve`, {}))
        .statusCode,
    ).toBe(409);
    const [mail] = t.sentMail;
    expect(mail!.to).toBe('ada@audit.example');
    const link = new URL(linkIn(mail!.text, '/trust/documents/access/')).pathname;
    const token = link.split('/').pop()!;
    expect(stored).not.toContain(token);

    const file = await h.call(null, 'GET', link);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-disposition']).toMatch(/^attachment;/);
    expect((await h.call(null, 'GET', `${link.slice(0, -2)}xx`)).statusCode).toBe(404);

    t.clock.advance(7 * 86_400_000);
    expect((await h.call(null, 'GET', link)).statusCode).toBe(410);
    t.clock.advance(-7 * 86_400_000 + 1000);
    expect((await h.call(null, 'GET', link)).statusCode).toBe(200);
    await h.ok(analyst, 'POST', `/api/v1/trust/document-requests/${pending!.id}/revoke`, {});
    expect((await h.call(null, 'GET', link)).statusCode).toBe(410);

    // A denied request never gets a link, and the requester hears nothing.
    await h.postForm(url, { ...fields, email: 'eve@example.com' }, form.cookie);
    const [eve] = await h.ok<AccessRequest[]>(
      analyst,
      'GET',
      '/api/v1/trust/document-requests?status=pending',
    );
    expect(
      (
        await h.ok<AccessRequest>(
          analyst,
          'POST',
          `/api/v1/trust/document-requests/${eve!.id}/deny`,
          {},
        )
      ).status,
    ).toBe('denied');
    expect(t.sentMail.filter((m) => m.to === 'eve@example.com')).toHaveLength(0);
  });

  it('lists advisories from the port with a detail page and CSAF/OSV links (fake list)', async () => {
    const advisory: PublicAdvisory = {
      id: 'SHOPCO-2026-0001',
      title: 'Account addresses readable by other customers <b>',
      summary: 'GET /api/account/{id}/addresses returned any customer’s addresses.',
      severity: 'high',
      cvss: {
        version: '4.0',
        vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N',
        score: 7.1,
        severity: 'high',
      },
      cwe: { id: 'CWE-639', name: 'Authorization Bypass Through User-Controlled Key' },
      credit: ['Ada Researcher'],
      publishedAt: '2026-03-02T09:00:00.000Z',
      updatedAt: '2026-03-02T09:00:00.000Z',
      links: {
        csaf: '/advisories/SHOPCO-2026-0001.csaf.json',
        osv: '/advisories/SHOPCO-2026-0001.osv.json',
      },
    };
    const advisories = [advisory];
    const trust = createTrustModule({
      db: t.database.db,
      clock: t.clock,
      config: t.config,
      audit: t.services.audit,
      masterKey: randomBytes(32),
      mail: { send: async (message) => void t.sentMail.push(message) },
      jobs: t.queue,
      vendors: t.services.vendors.vendors,
      categories: t.services.datamap.categories,
      incidents: { get: (ctx, id) => t.services.incidents.incidents.get(ctx, id) },
      advisories: { published: () => Promise.resolve(advisories) },
    });
    await registerTrustJobs(t.registry, t.queue, trust);
    const list = (await trust.page('advisories'))!.body.toString();
    expect(list).toContain('href="/trust/advisories/SHOPCO-2026-0001"');
    expect(list).not.toContain('<b>');
    const detail = (await trust.advisory('SHOPCO-2026-0001'))!.body.toString();
    expect(detail).toContain('href="/advisories/SHOPCO-2026-0001.csaf.json"');
    expect(detail).toContain('href="/advisories/SHOPCO-2026-0001.osv.json"');
    expect(detail).toContain('Ada Researcher');
    expect(await trust.advisory('SHOPCO-2026-9999')).toBeNull();
    const feed = (await trust.feed('advisories', 'atom'))!.body.toString();
    expect(feed).toContain('SHOPCO-2026-0001');

    // A newly published advisory shows after invalidate(), and is announced once.
    advisories.push({
      ...advisory,
      id: 'SHOPCO-2026-0002',
      title: 'Second',
      publishedAt: '2026-03-11T09:00:00.000Z',
    });
    expect((await trust.page('advisories'))!.body.toString()).not.toContain('SHOPCO-2026-0002');
    expect(await trust.advisoriesPublished()).toBe(1);
    expect((await trust.page('advisories'))!.body.toString()).toContain('SHOPCO-2026-0002');
    expect(await trust.advisoriesPublished()).toBe(0);
  });
});

/** The whole path once for real: runtime, jobs, worker, SMTP; list headers on the wire. */
describe(`trust center mail through SMTP (${testDialect})`, () => {
  it('delivers announcements with RFC 8058 headers, and the one-click POST unsubscribes', async () => {
    const database = await createTestDatabase();
    const smtp = await startSmtpServer();
    const runtime = await openRuntime(
      loadConfig(
        {},
        {
          dataDir: database.dataDir,
          databaseUrl: database.databaseUrl,
          masterKey: randomBytes(32).toString('base64'),
          smtpUrl: smtp.url,
          mailFrom: 'ShopCo <trust@shop.test>',
          publicUrl: 'https://shop.test',
          logLevel: 'silent',
        },
      ),
    );
    const { app, services } = await buildServer(runtime);
    const worker = createWorker({
      db: runtime.db,
      clock: systemClock,
      queue: runtime.queue,
      registry: runtime.registry,
      logger: { info: () => {}, warn: () => {}, error: () => {} },
    });
    const drain = async () => {
      while ((await worker.runOnce()) > 0);
    };
    try {
      const system = systemContext('test');
      await services.trust.subscribers.subscribe(system, {
        email: 'reader@example.com',
        topics: ['updates'],
      });
      await drain();
      expect(smtp.received).toHaveLength(1);
      const text = smtp.received[0]!.raw.replace(/=\r\n/g, '').replace(/=3D/g, '=');
      const confirm = new URL(linkIn(text, '/trust/subscriptions/confirm/')).pathname;
      expect((await app.inject({ method: 'POST', url: confirm })).statusCode).toBe(200);

      const incident = await services.incidents.incidents.create(system, {
        title: 'Internal',
        type: 'vendor_compromise',
        severity: 'high',
        summary: '',
        restricted: false,
        memberIds: [],
      });
      await services.trust.content.publishUpdate(system, {
        incidentId: incident.id,
        state: 'identified',
        title: 'Login issue identified',
        body: 'We found the cause.',
      });
      await drain();
      expect(smtp.received).toHaveLength(2);
      const raw = smtp.received[1]!.raw;
      expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r$/m);
      const header =
        /^List-Unsubscribe: <(https:\/\/shop\.test\/trust\/unsubscribe\/[^>]+)>\r$/m.exec(
          raw.replace(/\r\n[ \t]+/g, ' '),
        );
      expect(header).not.toBeNull();
      const response = await app.inject({
        method: 'POST',
        url: new URL(header![1]!).pathname,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'List-Unsubscribe=One-Click',
      });
      expect(response.statusCode).toBe(200);
      expect(
        await runtime.db.kysely.selectFrom('trust_subscribers').selectAll().execute(),
      ).toHaveLength(0);
    } finally {
      await app.close();
      await runtime.close();
      await smtp.close();
      await database.cleanup();
    }
  });
});
