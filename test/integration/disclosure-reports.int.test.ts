import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResearcherView, TeamReportView } from '../../src/contracts/disclosure.js';
import { solveChallenge } from '../../src/modules/disclosure/disclosure.proof.js';
import { createTestApp, type Caller, type TestApp } from '../support/app.js';
import { testDialect } from '../support/database.js';

const IDOR = {
  title: 'Any customer’s addresses through /api/account/{id}/addresses',
  description:
    'Changing the id returns **another customer’s** addresses. <script>alert(1)</script>',
  steps: '1. Sign in\n2. GET /api/account/2/addresses',
  asset: 'shopco.example storefront API',
  suggestedSeverity: 'high',
  contact: { name: 'Ada Researcher', email: 'ada@researcher.example' },
  notify: true,
  credit: { name: 'Ada Researcher', optIn: true },
};
const CVSS4 = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N';

async function multipart(bytes: Buffer, name: string) {
  const form = new FormData();
  form.append('file', new Blob([bytes]), name);
  const encoded = new Response(form);
  return {
    contentType: encoded.headers.get('content-type')!,
    body: Buffer.from(await encoded.arrayBuffer()),
  };
}

/** Researcher reports end to end through the API: intake, thread, triage, links. */
describe(`researcher reports (${testDialect})`, () => {
  let t: TestApp;
  let admin: Caller;
  let analyst: Caller;
  let viewer: Caller;
  const call = (caller: Caller | null, method: string, url: string, payload?: object) =>
    t.app.inject({
      method: method as 'GET',
      url,
      ...(caller ? { headers: caller.headers } : {}),
      ...(payload ? { payload } : {}),
    });
  // Each from its own address: the form allows few reports per address (tested below).
  let researchers = 0;
  const submit = (body: object, remoteAddress = `198.51.100.${++researchers}`) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/public/disclosure/reports',
      payload: body,
      remoteAddress,
    });
  const tokenOf = (link: string) => new URL(link).hash.replace('#token=', '');
  const thread = (token: string, suffix = '') =>
    `/api/v1/public/disclosure/thread/${token}${suffix}`;
  const mailTo = (address: string) => t.sentMail.filter((m) => m.to === address);

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.callerWithRole('admin');
    analyst = await t.callerWithRole('analyst');
    viewer = await t.callerWithRole('viewer');
  });
  afterAll(() => t.close());

  it('takes a report, gives a private link, and tells the team and the researcher', async () => {
    const response = await submit(IDOR);
    expect(response.statusCode, response.body).toBe(201);
    const receipt = response.json<{ number: number; link: string }>();
    expect(receipt.number).toBe(1);
    expect(receipt.link).toMatch(/^http:\/\/localhost:8080\/report\/thread#token=[\w-]{43}$/);
    const researcherMail = mailTo('ada@researcher.example');
    expect(researcherMail).toHaveLength(1);
    expect(researcherMail[0]!.text).toContain(receipt.link);
    expect(t.sentMail.some((m) => m.subject.startsWith('New vulnerability report #1'))).toBe(true);

    const view = await call(null, 'GET', thread(tokenOf(receipt.link)));
    expect(view.statusCode).toBe(200);
    expect(view.headers['cache-control']).toBe('no-store');
    const body = view.json<ResearcherView>();
    expect(body).toMatchObject({ number: 1, status: 'new', hasEmail: true, notify: true });
    expect(body.descriptionHtml).toContain('<strong>another customer’s</strong>');
    expect(body.descriptionHtml).not.toContain('<script');
    expect(body.descriptionHtml).toContain('&lt;script&gt;');
  });

  it('names the field that is wrong, and asks for an address before notifying', async () => {
    const missing = await submit({ ...IDOR, title: '' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json<{ issues: { field: string }[] }>().issues[0]!.field).toBe('body.title');
    const noAddress = await submit({ ...IDOR, contact: null });
    expect(noAddress.statusCode).toBe(400);
    expect(noAddress.json<{ issues: { field: string }[] }>().issues[0]!.field).toBe('body.notify');
    const anonymous = await submit({ ...IDOR, contact: null, notify: false, credit: null });
    expect(anonymous.statusCode).toBe(201);
  });

  it('limits how many reports one address can send', async () => {
    const codes = [];
    for (let i = 0; i < 6; i++)
      codes.push((await submit({ ...IDOR, title: '' }, '203.0.113.9')).statusCode);
    expect(codes).toEqual([400, 400, 400, 400, 400, 429]);
  });

  it('stores nothing from a bot that fills the honeypot, yet answers as if it did', async () => {
    const before = (await call(analyst, 'GET', '/api/v1/disclosure/reports')).json<unknown[]>();
    const bot = await submit({ ...IDOR, website: 'https://spam.example' });
    expect(bot.statusCode).toBe(201);
    const link = bot.json<{ link: string }>().link;
    expect((await call(null, 'GET', thread(tokenOf(link)))).statusCode).toBe(404);
    const after = (await call(analyst, 'GET', '/api/v1/disclosure/reports')).json<unknown[]>();
    expect(after).toHaveLength(before.length);
  });

  it('asks for proof-of-work when the programme wants it, and spends each challenge once', async () => {
    const saved = await call(admin, 'PUT', '/api/v1/disclosure/program', { proofOfWorkBits: 8 });
    expect(saved.statusCode, saved.body).toBe(200);
    const unpaid = await submit({ ...IDOR, notify: false });
    expect(unpaid.statusCode).toBe(400);
    expect(unpaid.json<{ issues: { field: string }[] }>().issues[0]!.field).toBe('body.proof');
    const { challenge, bits } = (
      await call(null, 'GET', '/api/v1/public/disclosure/challenge')
    ).json<{ challenge: string; bits: number }>();
    expect(bits).toBe(8);
    const proof = { challenge, nonce: solveChallenge(challenge, bits) };
    expect((await submit({ ...IDOR, notify: false, proof })).statusCode).toBe(201);
    const again = await submit({ ...IDOR, notify: false, proof });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('already spent');
    await call(admin, 'PUT', '/api/v1/disclosure/program', {});
  });

  it('keeps the team’s routes from anonymous callers and viewers', async () => {
    const [first] = (await call(analyst, 'GET', '/api/v1/disclosure/reports')).json<
      { id: string }[]
    >();
    expect((await call(null, 'GET', '/api/v1/disclosure/reports')).statusCode).toBe(401);
    expect((await call(viewer, 'GET', `/api/v1/disclosure/reports/${first!.id}`)).statusCode).toBe(
      200,
    );
    const denied = await call(viewer, 'POST', `/api/v1/disclosure/reports/${first!.id}/status`, {
      status: 'triaged',
    });
    expect(denied.statusCode).toBe(403);
    const program = await call(analyst, 'PUT', '/api/v1/disclosure/program', {});
    expect(program.statusCode).toBe(403);
    const unknown = await call(
      analyst,
      'GET',
      '/api/v1/disclosure/reports/00000000-0000-4000-8000-000000000000',
    );
    expect(unknown.statusCode).toBe(404);
  });

  it('runs the thread both ways: a question, a note the researcher never sees, a reply', async () => {
    const receipt = (await submit(IDOR)).json<{ number: number; link: string }>();
    const token = tokenOf(receipt.link);
    const id = (await call(analyst, 'GET', '/api/v1/disclosure/reports'))
      .json<{ id: string; number: number }[]>()
      .find((r) => r.number === receipt.number)!.id;

    const note = await call(analyst, 'POST', `/api/v1/disclosure/reports/${id}/messages`, {
      body: 'Looks like the accounts service; ask Sam.',
      internal: true,
    });
    expect(note.statusCode).toBe(200);
    expect(note.json<TeamReportView>().clocks[0]!.stoppedAt).toBeNull();
    const ask = await call(analyst, 'POST', `/api/v1/disclosure/reports/${id}/status`, {
      status: 'needs_info',
      message: 'Which account ids did you try?',
    });
    expect(ask.statusCode, ask.body).toBe(200);
    expect(ask.json<TeamReportView>().clocks[0]!.state).toBe('met');

    const seen = (await call(null, 'GET', thread(token))).json<ResearcherView>();
    expect(seen.status).toBe('needs_info');
    expect(seen.messages.map((m) => [m.author, m.body, m.authorName])).toEqual([
      ['team', 'Which account ids did you try?', null],
    ]);
    const status = mailTo('ada@researcher.example').at(-1)!;
    expect(status.subject).toBe(
      `Report #${receipt.number} is waiting for more information from you`,
    );

    const reply = await call(null, 'POST', thread(token, '/messages'), { body: 'Ids 2 and 3.' });
    expect(reply.statusCode).toBe(200);
    expect(reply.json<ResearcherView>().status).toBe('new');
    const team = (
      await call(analyst, 'GET', `/api/v1/disclosure/reports/${id}`)
    ).json<TeamReportView>();
    expect(team.messages.map((m) => m.author)).toEqual(['note', 'team', 'researcher']);
    expect(team.contact).toEqual({ name: 'Ada Researcher', email: 'ada@researcher.example' });
  });

  it('keeps attachments to their report, and serves them only as downloads', async () => {
    const a = (await submit({ ...IDOR, notify: false })).json<{ link: string }>();
    const b = (await submit({ ...IDOR, notify: false })).json<{ link: string }>();
    const upload = await multipart(Buffer.from('<html><script>alert(1)</script>\n'), 'poc.html');
    const stored = await t.app.inject({
      method: 'POST',
      url: thread(tokenOf(a.link), '/attachments'),
      headers: { 'content-type': upload.contentType },
      payload: upload.body,
    });
    expect(stored.statusCode, stored.body).toBe(201);
    const attachment = stored.json<{ id: string; fileName: string; mediaType: string }>();
    // Sniffed as text and renamed, so a browser never runs it as a page.
    expect(attachment).toMatchObject({ fileName: 'poc.html.txt', mediaType: 'text/plain' });
    const download = await call(
      null,
      'GET',
      thread(tokenOf(a.link), `/attachments/${attachment.id}`),
    );
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-disposition']).toMatch(/^attachment;/);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    const other = await call(null, 'GET', thread(tokenOf(b.link), `/attachments/${attachment.id}`));
    expect(other.statusCode).toBe(404);
  });

  it('keeps internal team files, contacts from viewers, and addresses from the audit chain', async () => {
    const receipt = (await submit(IDOR, '192.0.2.77')).json<{ number: number; link: string }>();
    const token = tokenOf(receipt.link);
    const id = (await call(analyst, 'GET', '/api/v1/disclosure/reports'))
      .json<{ id: string; number: number }[]>()
      .find((r) => r.number === receipt.number)!.id;
    const upload = async (internal: boolean) => {
      const body = await multipart(
        Buffer.from(internal ? 'internal log\n' : 'patch notes\n'),
        'a.txt',
      );
      return t.app.inject({
        method: 'POST',
        url: `/api/v1/disclosure/reports/${id}/attachments?internal=${internal}`,
        headers: { ...analyst.headers, 'content-type': body.contentType },
        payload: body.body,
      });
    };
    const secret = (await upload(true)).json<{ id: string; internal: boolean }>();
    const shared = (await upload(false)).json<{ id: string }>();
    expect(secret.internal).toBe(true);
    const seen = (await call(null, 'GET', thread(token))).json<ResearcherView>();
    expect(seen.attachments.map((a) => a.id)).toEqual([shared.id]);
    expect((await call(null, 'GET', thread(token, `/attachments/${secret.id}`))).statusCode).toBe(
      404,
    );
    const teamSees = await call(
      analyst,
      'GET',
      `/api/v1/disclosure/reports/${id}/attachments/${secret.id}`,
    );
    expect(teamSees.statusCode).toBe(200);

    const asViewer = (
      await call(viewer, 'GET', `/api/v1/disclosure/reports/${id}`)
    ).json<TeamReportView>();
    expect(asViewer.contact).toBeNull();
    const asAnalyst = (
      await call(analyst, 'GET', `/api/v1/disclosure/reports/${id}`)
    ).json<TeamReportView>();
    expect(asAnalyst.contact?.email).toBe('ada@researcher.example');

    const events = await t.database.db.kysely
      .selectFrom('audit_events')
      .select(['ip', 'action'])
      .where('object_id', '=', id)
      .execute();
    expect(events.map((e) => e.action)).toContain('disclosure.report.received');
    expect(
      events.filter((e) => e.action === 'disclosure.report.received').map((e) => e.ip),
    ).toEqual([null]);

    const draft = await call(analyst, 'POST', `/api/v1/disclosure/reports/${id}/advisory`);
    expect(draft.statusCode).toBe(409);
    expect(draft.body).toContain('Score report');

    await call(analyst, 'POST', `/api/v1/disclosure/reports/${id}/status`, { status: 'spam' });
    expect((await call(null, 'GET', thread(token))).statusCode).toBe(410);
  });

  it('refuses revoked and expired links, and a forged one is unknown', async () => {
    const receipt = (await submit({ ...IDOR, notify: false })).json<{
      number: number;
      link: string;
    }>();
    const id = (await call(analyst, 'GET', '/api/v1/disclosure/reports'))
      .json<{ id: string; number: number }[]>()
      .find((r) => r.number === receipt.number)!.id;
    expect((await call(null, 'GET', thread('A'.repeat(43)))).statusCode).toBe(404);
    const fresh = await call(analyst, 'POST', `/api/v1/disclosure/reports/${id}/link`);
    expect(fresh.statusCode).toBe(200);
    // A new link replaces the old one.
    expect((await call(null, 'GET', thread(tokenOf(receipt.link)))).statusCode).toBe(410);
    const token = tokenOf(fresh.json<{ link: string }>().link);
    expect((await call(null, 'GET', thread(token))).statusCode).toBe(200);
    const revoked = await call(analyst, 'DELETE', `/api/v1/disclosure/reports/${id}/link`);
    expect(revoked.json()).toEqual({ revoked: 1 });
    expect((await call(null, 'GET', thread(token))).statusCode).toBe(410);

    const later = (await call(analyst, 'POST', `/api/v1/disclosure/reports/${id}/link`)).json<{
      link: string;
      expiresAt: string;
    }>();
    t.clock.set(new Date(Date.parse(later.expiresAt) + 1000));
    try {
      expect((await call(null, 'GET', thread(tokenOf(later.link)))).statusCode).toBe(410);
    } finally {
      t.clock.set(new Date('2026-03-12T08:00:00Z'));
    }
  });

  it('scores with CVSS 4.0, refuses a broken vector at its field, and records a CWE', async () => {
    const receipt = (await submit({ ...IDOR, notify: false })).json<{ number: number }>();
    const id = (await call(analyst, 'GET', '/api/v1/disclosure/reports'))
      .json<{ id: string; number: number }[]>()
      .find((r) => r.number === receipt.number)!.id;
    const assessment = {
      cvss: CVSS4,
      cwe: { id: 'CWE-639', name: 'Authorization Bypass Through User-Controlled Key' },
      affectedAssets: ['storefront API'],
      affectedVersions: ['before 2026-02-20'],
    };
    const scored = await call(
      analyst,
      'PUT',
      `/api/v1/disclosure/reports/${id}/assessment`,
      assessment,
    );
    expect(scored.statusCode, scored.body).toBe(200);
    expect(scored.json<TeamReportView>()).toMatchObject({
      severity: 'high',
      cvss: { version: '4.0', score: 7.1, severity: 'high' },
      cwe: { id: 'CWE-639' },
    });
    const broken = await call(analyst, 'PUT', `/api/v1/disclosure/reports/${id}/assessment`, {
      ...assessment,
      cvss: 'CVSS:4.0/AV:N/AC:L',
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json<{ issues: { field: string }[] }>().issues[0]!.field).toBe('body.cvss');
    const badMove = await call(analyst, 'POST', `/api/v1/disclosure/reports/${id}/status`, {
      status: 'fixed',
    });
    expect(badMove.statusCode).toBe(409);
    const unseen = await call(analyst, 'PUT', `/api/v1/disclosure/reports/${id}/incident`, {
      incidentId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unseen.statusCode).toBe(404);
  });

  it('links a duplicate to its original, which keeps the credit', async () => {
    const list = () =>
      call(analyst, 'GET', '/api/v1/disclosure/reports').then((r) =>
        r.json<{ id: string; number: number }[]>(),
      );
    const original = (await submit({ ...IDOR, notify: false })).json<{ number: number }>();
    const copy = (
      await submit({ ...IDOR, notify: false, credit: { name: 'Late Larry', optIn: true } })
    ).json<{ number: number }>();
    const all = await list();
    const originalId = all.find((r) => r.number === original.number)!.id;
    const copyId = all.find((r) => r.number === copy.number)!.id;
    const unnamed = await call(analyst, 'POST', `/api/v1/disclosure/reports/${copyId}/status`, {
      status: 'duplicate',
    });
    expect(unnamed.json<{ issues: { field: string }[] }>().issues[0]!.field).toBe(
      'body.duplicateOf',
    );
    const marked = await call(analyst, 'POST', `/api/v1/disclosure/reports/${copyId}/status`, {
      status: 'duplicate',
      duplicateOf: originalId,
    });
    expect(marked.json<TeamReportView>().duplicateOf).toEqual({
      id: originalId,
      number: original.number,
    });
    const origin = (
      await call(analyst, 'GET', `/api/v1/disclosure/reports/${originalId}`)
    ).json<TeamReportView>();
    expect(origin.duplicates).toEqual([{ id: copyId, number: copy.number }]);
    const fameNames = async () =>
      (await call(null, 'GET', '/api/v1/public/hall-of-fame'))
        .json<{ name: string }[]>()
        .map((f) => f.name);
    for (const status of ['triaged', 'accepted'])
      await call(analyst, 'POST', `/api/v1/disclosure/reports/${originalId}/status`, { status });
    // Not while the flaw is open, nor fixed under embargo: the hall of fame would hint at it.
    expect(await fameNames()).not.toContain('Ada Researcher');
    await call(analyst, 'POST', `/api/v1/disclosure/reports/${originalId}/status`, {
      status: 'fixed',
    });
    expect(await fameNames()).not.toContain('Ada Researcher');
    await call(analyst, 'POST', `/api/v1/disclosure/reports/${originalId}/status`, {
      status: 'disclosed',
    });
    const fame = (await call(null, 'GET', '/api/v1/public/hall-of-fame')).json<
      { name: string }[]
    >();
    expect(fame.map((f) => f.name)).toContain('Ada Researcher');
    expect(fame.map((f) => f.name)).not.toContain('Late Larry');
  });

  it('answers hostile bodies with a 4xx and stores nothing from them', async () => {
    const count = async () =>
      (await call(analyst, 'GET', '/api/v1/disclosure/reports')).json<unknown[]>().length;
    const before = await count();
    const [someReport] = (await call(analyst, 'GET', '/api/v1/disclosure/reports')).json<
      { id: string }[]
    >();
    // The valid report with one field swapped for anything JSON can hold, or any JSON at all.
    const hostile = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc
        .record({
          key: fc.constantFrom(...Object.keys(IDOR), 'proof'),
          value: fc.jsonValue({ maxDepth: 2 }),
        })
        .map(({ key, value }) => ({ ...IDOR, notify: false, [key]: value })),
    );
    let ip = 0;
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(hostile, async (body) => {
        const response = await t.app.inject({
          method: 'POST',
          url: '/api/v1/public/disclosure/reports',
          headers: { 'content-type': 'application/json' },
          payload: JSON.stringify(body),
          remoteAddress: `10.9.${Math.floor(++ip / 250)}.${ip % 250}`,
        });
        expect(response.statusCode).toBeLessThan(500);
        if (response.statusCode >= 400) return;
        expect(response.statusCode).toBe(201);
        accepted += 1;
      }),
      { numRuns: 150 },
    );
    for (const [url, method] of [
      [`/api/v1/disclosure/reports/${someReport!.id}/assessment`, 'PUT'],
      [`/api/v1/disclosure/reports/${someReport!.id}/status`, 'POST'],
      [`/api/v1/disclosure/reports/${someReport!.id}/disclosure-date`, 'PUT'],
      ['/api/v1/disclosure/advisories', 'POST'],
    ] as const)
      await fc.assert(
        fc.asyncProperty(fc.jsonValue({ maxDepth: 3 }), async (body) => {
          const response = await t.app.inject({
            method,
            url,
            headers: { ...analyst.headers, 'content-type': 'application/json' },
            payload: JSON.stringify(body),
          });
          expect(response.statusCode).toBeGreaterThanOrEqual(400);
          expect(response.statusCode).toBeLessThan(500);
        }),
        { numRuns: 60 },
      );
    // Exactly the bodies that were still valid reports (a field swapped for a valid value)
    // landed: a refused one left nothing behind.
    expect(await count()).toBe(before + accepted);
  });
});
