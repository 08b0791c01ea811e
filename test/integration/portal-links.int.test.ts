import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialect } from '../support/database.js';
import { createTestApp, type Caller, type TestApp } from '../support/app.js';
import { assessmentHelpers, PDF } from '../support/assessments.js';

/**
 * A vendor link reaches its own assessment and nothing else (DESIGN §6, the Moonpig lesson).
 * Every portal route is tried with unknown, revoked and expired tokens, and with ids that
 * belong to another vendor's assessment.
 */
describe(`vendor portal link scope (${testDialect})`, () => {
  let t: TestApp;
  let analyst: Caller;
  let h: ReturnType<typeof assessmentHelpers>;
  let a: { id: string; token: string };
  let b: { id: string; token: string };
  let evidenceOfB: string;
  let findingOfB: string;
  const logs: string[] = [];

  /** Every portal route, concretely, for a token and ids from wherever the test says. */
  function portalRequests(token: string, ids: { evidence: string; finding: string }) {
    return t.routes
      .filter((route) => route.url.startsWith('/api/v1/portal/'))
      .map((route) => ({
        method: route.method as 'GET' | 'PUT' | 'POST' | 'DELETE',
        url:
          route.url
            .replace(':token', token)
            .replace(':evidenceId', ids.evidence)
            .replace(':findingId', ids.finding) +
          (route.method === 'POST' && route.url.endsWith('/evidence')
            ? '?question=cert_soc2_report'
            : ''),
        name: `${route.method} ${route.url}`,
      }));
  }

  const bodyFor = (url: string) =>
    url.endsWith('/answers')
      ? { answers: {} }
      : url.endsWith('/remediation')
        ? { plan: 'Fix it', dueDate: '2026-05-01' }
        : undefined;

  beforeAll(async () => {
    t = await createTestApp({
      logStream: { write: (line) => void logs.push(line) },
      config: { logLevel: 'info' },
    });
    analyst = await t.callerWithRole('analyst');
    h = assessmentHelpers(t);
    a = await h.sendAssessment(analyst, await h.createVendor(analyst, 'Vendor A Ltd'));
    b = await h.sendAssessment(analyst, await h.createVendor(analyst, 'Vendor B Ltd'));
    const uploaded = await h.uploadEvidence(b.token, 'cert_soc2_report', 'b.pdf', PDF);
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    evidenceOfB = uploaded.json<{ id: string }>().id;
    await h.portal('PUT', b.token, '/answers', {
      answers: h.goodAnswers(await h.definitionOf(analyst, b.id), { access_mfa_admin: 'no' }),
    });
    expect((await h.portal('POST', b.token, '/submit')).statusCode).toBe(200);
    findingOfB = (await h.view(b.token)).findings[0]!.id;
  });
  afterAll(() => t.close());

  it('shows each vendor its own assessment only', async () => {
    const view = await h.view(a.token);
    expect(view.vendorName).toBe('Vendor A Ltd');
    // The vendor sees the questions, not what scores: no expected answers, weights or findings.
    const question = view.definition.sections[0]!.questions[0]!;
    expect(Object.keys(question).sort()).toEqual([
      'help',
      'key',
      'options',
      'required',
      'showIf',
      'text',
      'type',
    ]);
    expect((await h.view(b.token)).vendorName).toBe('Vendor B Ltd');
  });

  it("answers 404 to a valid token used with another assessment's evidence or findings", async () => {
    const requests = portalRequests(a.token, { evidence: evidenceOfB, finding: findingOfB }).filter(
      (request) => request.url.includes(evidenceOfB) || request.url.includes(findingOfB),
    );
    expect(requests.length).toBe(3);
    for (const request of requests) {
      const response = await h.call(null, request.method, request.url, bodyFor(request.url));
      expect(response.statusCode, request.name).toBe(404);
    }
    expect((await h.portal('GET', b.token, `/evidence/${evidenceOfB}`)).statusCode).toBe(200);
  });

  it('answers 404 on every portal route to unknown or malformed tokens', async () => {
    const routes = portalRequests('x', { evidence: evidenceOfB, finding: findingOfB });
    expect(routes.length).toBe(8);
    for (const token of ['A'.repeat(43), 'not-a-token', a.token.slice(0, -1)])
      for (const request of portalRequests(token, { evidence: evidenceOfB, finding: findingOfB })) {
        const response = await h.call(null, request.method, request.url, bodyFor(request.url));
        expect(response.statusCode, `${request.name} with ${token.slice(0, 8)}…`).toBe(404);
      }
  });

  it('answers 404 to a token in the query string instead of the path', async () => {
    expect((await h.call(null, 'GET', `/api/v1/portal?token=${a.token}`)).statusCode).toBe(404);
    expect((await h.call(null, 'GET', `/api/v1/portal/?token=${a.token}`)).statusCode).toBe(404);
  });

  it('keeps tokens out of the logs and out of caches', async () => {
    const response = await h.portal('GET', a.token);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.join('\n')).not.toContain(a.token);
  });

  it('answers 410 "link expired" everywhere once a link is replaced, revoked or past its date', async () => {
    const old = a.token;
    const resent = await h.call(analyst, 'POST', `/api/v1/assessments/${a.id}/send`);
    const fresh = new URL(resent.json<{ url: string }>().url).hash.replace('#token=', '');
    for (const request of portalRequests(old, { evidence: evidenceOfB, finding: findingOfB })) {
      const response = await h.call(null, request.method, request.url, bodyFor(request.url));
      expect(response.statusCode, request.name).toBe(410);
      expect(response.json<{ code: string }>().code).toBe('LINK_EXPIRED');
    }
    expect((await h.portal('GET', fresh)).statusCode).toBe(200);

    expect(
      (await h.call(analyst, 'POST', `/api/v1/assessments/${a.id}/revoke-links`)).json(),
    ).toEqual({
      revoked: 1,
    });
    expect((await h.portal('GET', fresh)).statusCode).toBe(410);

    // B's link runs until 30 days after its due date (2026-04-01).
    expect((await h.portal('GET', b.token)).statusCode).toBe(200);
    t.clock.set(new Date('2026-05-02T00:00:00Z'));
    expect((await h.portal('GET', b.token)).statusCode).toBe(410);
    t.clock.set(new Date('2026-03-12T08:00:00Z'));
  });

  it('closes the link of a cancelled assessment', async () => {
    analyst = await t.signIn(analyst.email);
    const c = await h.sendAssessment(analyst, await h.createVendor(analyst, 'Vendor C Ltd'));
    const cancelled = await h.call(analyst, 'POST', `/api/v1/assessments/${c.id}/cancel`, {
      reason: 'Vendor withdrawn',
    });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled' });
    expect((await h.portal('GET', c.token)).statusCode).toBe(410);
  });

  it('rate-limits the public portal per address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 62; i++) {
      const response = await t.app.inject({
        method: 'PUT',
        url: `/api/v1/portal/${b.token}/answers`,
        payload: { answers: {} },
        remoteAddress: '203.0.113.9',
      });
      statuses.push(response.statusCode);
    }
    expect(statuses.filter((s) => s === 429).length).toBe(2);
  });
});
