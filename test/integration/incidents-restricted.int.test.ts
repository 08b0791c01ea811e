import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident, IncidentSummary } from '../../src/contracts/incidents.js';
import { testDialect } from '../support/database.js';
import { createTestApp, type Caller, type TestApp } from '../support/app.js';

const SOME_ID = '7c9e6679-7425-40de-944b-e07fc1f66ae7';

/**
 * A restricted incident does not exist for anyone who is not its owner or a member: every
 * route on it answers 404, admins included, and listings leave it out. Each route gets a valid
 * request, so the answer comes from the service's object check, not from validation.
 */
const REQUESTS: Record<
  string,
  (memberId: string) => { url: string; payload?: object; form?: Record<string, string> }
> = {
  'GET /api/v1/incidents/:id': () => ({ url: '' }),
  'PATCH /api/v1/incidents/:id': () => ({ url: '', payload: { title: 'Renamed' } }),
  'POST /api/v1/incidents/:id/status': () => ({
    url: '/status',
    payload: { status: 'analysing' },
  }),
  'POST /api/v1/incidents/:id/triggers': () => ({
    url: '/triggers',
    payload: { trigger: 'aware', at: '2026-03-12T08:00:00Z', reason: 'r', source: 's' },
  }),
  'POST /api/v1/incidents/:id/members': (memberId) => ({
    url: '/members',
    payload: { userId: memberId },
  }),
  'DELETE /api/v1/incidents/:id/members/:userId': (memberId) => ({ url: `/members/${memberId}` }),
  'POST /api/v1/incidents/:id/links': () => ({
    url: '/links',
    payload: { kind: 'vendor', targetId: SOME_ID },
  }),
  'DELETE /api/v1/incidents/:id/links/:kind/:targetId': () => ({
    url: `/links/vendor/${SOME_ID}`,
  }),
  'GET /api/v1/incidents/:id/timeline': () => ({ url: '/timeline' }),
  'POST /api/v1/incidents/:id/timeline': () => ({
    url: '/timeline',
    payload: { kind: 'note', text: 'hello' },
  }),
  'GET /api/v1/incidents/:id/timeline/verify': () => ({ url: '/timeline/verify' }),
  'POST /api/v1/incidents/:id/playbooks': () => ({
    url: '/playbooks',
    payload: { playbook: 'credential-stuffing' },
  }),
  'GET /api/v1/incidents/:id/tasks': () => ({ url: '/tasks' }),
  'POST /api/v1/incidents/:id/tasks': () => ({ url: '/tasks', payload: { title: 'Call' } }),
  'PATCH /api/v1/incidents/:id/tasks/:taskId': () => ({
    url: `/tasks/${SOME_ID}`,
    payload: { status: 'done' },
  }),
  'GET /api/v1/incidents/:id/scope': () => ({ url: '/scope' }),
  'GET /api/v1/incidents/:id/export': () => ({ url: '/export' }),
  'GET /api/v1/incidents/:id/review': () => ({ url: '/review' }),
  'PUT /api/v1/incidents/:id/review': () => ({ url: '/review', payload: { summary: 'x' } }),
  'GET /api/v1/incidents/:id/report': () => ({ url: '/report' }),
  'POST /api/v1/incidents/:id/scope': () => ({ url: '/scope' }),
  'GET /api/v1/incidents/:id/actions': () => ({ url: '/actions' }),
  'POST /api/v1/incidents/:id/actions': () => ({
    url: '/actions',
    payload: { type: 'block_sources', sources: ['203.0.113.0/24'] },
  }),
  'GET /api/v1/incidents/:id/evidence': () => ({ url: '/evidence' }),
  'POST /api/v1/incidents/:id/evidence': () => ({
    url: '/evidence',
    form: { acquiredFrom: 'web-1' },
  }),
  'GET /api/v1/incidents/:id/evidence/:evidenceId/content': () => ({
    url: `/evidence/${SOME_ID}/content`,
  }),
  'PATCH /api/v1/incidents/:id/evidence/:evidenceId': () => ({
    url: `/evidence/${SOME_ID}`,
    payload: { legalHold: true },
  }),
  'GET /api/v1/incidents/:id/evidence/:evidenceId/custody': () => ({
    url: `/evidence/${SOME_ID}/custody`,
  }),
  'POST /api/v1/incidents/:id/evidence/:evidenceId/custody': () => ({
    url: `/evidence/${SOME_ID}/custody`,
    payload: { action: 'stored', from: 'a', to: 'b', purpose: 'c', location: 'd' },
  }),
  'GET /api/v1/incidents/:id/obligations': () => ({ url: '/obligations' }),
  'GET /api/v1/incidents/:id/obligations/decisions': () => ({ url: '/obligations/decisions' }),
  'POST /api/v1/incidents/:id/obligations/decisions': () => ({
    url: '/obligations/decisions',
    payload: {
      kind: 'not_applicable',
      obligationKey: 'us-sec.form-8k',
      justification: 'not an SEC registrant',
    },
  }),
  'POST /api/v1/incidents/:id/obligations/decisions/:decisionId/withdraw': () => ({
    url: `/obligations/decisions/${SOME_ID}/withdraw`,
    payload: { justification: 'recorded by mistake' },
  }),
  'GET /api/v1/incidents/:id/obligations/encryption': () => ({ url: '/obligations/encryption' }),
  'GET /api/v1/incidents/:id/obligations/:key/notice': () => ({
    url: '/obligations/us-sec.form-8k/notice',
  }),
  'GET /api/v1/incidents/:id/obligations/:key/report': () => ({
    url: '/obligations/us-sec.form-8k/report',
  }),
  'PUT /api/v1/incidents/:id/obligations/encryption': () => ({
    url: '/obligations/encryption',
    payload: { category: 'email', state: 'encrypted' },
  }),
  'GET /api/v1/incidents/:id/campaigns': () => ({ url: '/campaigns' }),
  'POST /api/v1/incidents/:id/campaigns': () => ({
    url: '/campaigns',
    payload: { obligationKey: 'us-ca.residents' },
  }),
  'GET /api/v1/incidents/:id/campaigns/:campaignId': () => ({ url: `/campaigns/${SOME_ID}` }),
  'GET /api/v1/incidents/:id/campaigns/:campaignId/recipients': () => ({
    url: `/campaigns/${SOME_ID}/recipients`,
  }),
  'POST /api/v1/incidents/:id/campaigns/:campaignId/test': () => ({
    url: `/campaigns/${SOME_ID}/test`,
    payload: {},
  }),
  'POST /api/v1/incidents/:id/campaigns/:campaignId/codes': () => ({
    url: `/campaigns/${SOME_ID}/codes`,
    payload: { codes: ['CODE-0001'] },
  }),
  'POST /api/v1/incidents/:id/campaigns/:campaignId/:command': () => ({
    url: `/campaigns/${SOME_ID}/start`,
  }),
};

/** A multipart body with the given text fields and a small file, as a browser sends it. */
async function multipart(fields: Record<string, string>) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', new Blob([Buffer.from('a log line\n')]), 'auth.log');
  const encoded = new Response(form);
  return {
    contentType: encoded.headers.get('content-type')!,
    body: Buffer.from(await encoded.arrayBuffer()),
  };
}

describe(`restricted incidents (${testDialect})`, () => {
  let t: TestApp;
  let owner: Caller;
  let member: Caller;
  let outsiderAnalyst: Caller;
  let outsiderAdmin: Caller;
  let secret: Incident;

  const send = async (
    method: string,
    url: string,
    caller: Caller,
    payload?: object,
    form?: Record<string, string>,
  ) => {
    const upload = form && (await multipart(form));
    return t.app.inject({
      method: method as 'GET',
      url,
      headers: upload ? { ...caller.headers, 'content-type': upload.contentType } : caller.headers,
      ...(upload ? { payload: upload.body } : payload ? { payload } : {}),
    });
  };
  const listed = async (caller: Caller) =>
    (await send('GET', '/api/v1/incidents', caller))
      .json<{ items: IncidentSummary[] }>()
      .items.map((item) => item.id);

  beforeAll(async () => {
    t = await createTestApp();
    owner = await t.callerWithRole('analyst');
    member = await t.callerWithRole('viewer');
    outsiderAnalyst = await t.callerWithRole('analyst');
    outsiderAdmin = await t.callerWithRole('admin');
    const response = await send('POST', '/api/v1/incidents', owner, {
      title: 'Insider access to order exports',
      type: 'other',
      severity: 'high',
      restricted: true,
      memberIds: [member.userId],
    });
    expect(response.statusCode, response.body).toBe(201);
    secret = response.json<Incident>();
  });
  afterAll(() => t.close());

  it('covers every route on one incident', () => {
    const routes = t.routes
      .filter((route) => route.url.startsWith('/api/v1/incidents/:id'))
      .map((route) => `${route.method} ${route.url}`);
    expect(routes.sort()).toEqual(Object.keys(REQUESTS).sort());
  });

  it('answers 404 on every route to an analyst and an admin who are not members', async () => {
    for (const caller of [outsiderAnalyst, outsiderAdmin])
      for (const [route, request] of Object.entries(REQUESTS)) {
        const [method] = route.split(' ');
        const { url, payload, form } = request(member.userId);
        const response = await send(
          method!,
          `/api/v1/incidents/${secret.id}${url}`,
          caller,
          payload,
          form,
        );
        expect(response.statusCode, `${route}: ${response.body}`).toBe(404);
        expect(response.body).not.toContain(secret.title);
      }
  });

  it('hides its id from the alert it was opened from, for outsiders only', async () => {
    const lines = Array.from({ length: 40 }, (_, i) =>
      JSON.stringify({
        id: `restricted-${i}`,
        type: 'login',
        at: new Date(Date.parse('2026-03-12T07:00:00Z') + i * 3000).toISOString(),
        account: `insider${i}@example.com`,
        ip: '192.0.2.200',
        outcome: 'unknown_account',
      }),
    );
    const ingested = await t.app.inject({
      method: 'POST',
      url: '/api/v1/events',
      headers: { ...owner.headers, 'content-type': 'application/x-ndjson' },
      payload: lines.join('\n'),
    });
    expect(ingested.statusCode, ingested.body).toBe(200);
    const alerts = (await send('GET', '/api/v1/detection/alerts?detector=source_stuffing', owner))
      .json<{ items: { id: string; title: string }[] }>()
      .items.filter((a) => a.title.includes('192.0.2.200'));
    const alertId = alerts[0]!.id;
    const opened = await send('POST', `/api/v1/detection/alerts/${alertId}/incident`, owner);
    const incidentId = opened.json<{ incidentId: string }>().incidentId;
    expect(
      (await send('PATCH', `/api/v1/incidents/${incidentId}`, owner, { restricted: true }))
        .statusCode,
    ).toBe(200);
    const seen = async (caller: Caller) =>
      (await send('GET', `/api/v1/detection/alerts/${alertId}`, caller)).json<{
        incidentId: string | null;
      }>().incidentId;
    expect(await seen(owner)).toBe(incidentId);
    expect(await seen(outsiderAdmin)).toBeNull();
    const listed = (await send('GET', '/api/v1/detection/alerts', outsiderAnalyst)).body;
    expect(listed).not.toContain(incidentId);
    const again = await send(
      'POST',
      `/api/v1/detection/alerts/${alertId}/incident`,
      outsiderAnalyst,
    );
    expect(again.statusCode).toBe(409);
    expect(again.body).not.toContain(incidentId);
  });

  it('leaves it out of listings for outsiders only', async () => {
    expect(await listed(outsiderAnalyst)).not.toContain(secret.id);
    expect(await listed(outsiderAdmin)).not.toContain(secret.id);
    expect(await listed(owner)).toContain(secret.id);
    expect(await listed(member)).toContain(secret.id);
  });

  it('shows it to a member, who reads but, as a viewer, cannot write', async () => {
    const read = await send('GET', `/api/v1/incidents/${secret.id}`, member);
    expect(read.statusCode).toBe(200);
    expect(read.json<Incident>().members.map((m) => m.userId)).toContain(owner.userId);
    const write = await send('POST', `/api/v1/incidents/${secret.id}/timeline`, member, {
      kind: 'note',
      text: 'hello',
    });
    expect(write.statusCode).toBe(403);
  });

  it('gives its tasks only to the owner and members, and chases them without the team', async () => {
    const outsider = await send('POST', `/api/v1/incidents/${secret.id}/tasks`, owner, {
      title: 'Pull the export logs',
      assigneeId: outsiderAnalyst.userId,
    });
    expect(outsider.statusCode).toBe(400);
    expect(outsider.body).toContain('assigneeId');
    const mails = t.sentMail.length;
    const task = await send('POST', `/api/v1/incidents/${secret.id}/tasks`, owner, {
      title: 'Pull the export logs',
      dueAt: new Date(t.clock.now().getTime() - 60_000).toISOString(),
    });
    expect(task.statusCode, task.body).toBe(201);
    await t.services.incidents.tasks.remindOverdue();
    // Unassigned: the reminder goes to the owner alone, never to the whole team.
    expect(t.sentMail.slice(mails).map((mail) => mail.to)).toEqual([owner.email]);
  });

  it('lets only the owner (or an admin who can see it) change who is on it', async () => {
    const colleague = await t.callerWithRole('analyst');
    const added = await send('POST', `/api/v1/incidents/${secret.id}/members`, owner, {
      userId: colleague.userId,
    });
    expect(added.statusCode, added.body).toBe(200);
    const byMember = await send(
      'DELETE',
      `/api/v1/incidents/${secret.id}/members/${owner.userId}`,
      colleague,
    );
    expect(byMember.statusCode).toBe(403);
    const unrestrict = await send('PATCH', `/api/v1/incidents/${secret.id}`, colleague, {
      restricted: false,
    });
    expect(unrestrict.statusCode).toBe(403);
    expect(await listed(outsiderAnalyst)).not.toContain(secret.id);
  });
});
