import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Action, Incident, TimelineEntry } from '../../src/contracts/incidents.js';
import { createWorker } from '../../src/jobs/jobs.worker.js';
import { registerIncidentJobs } from '../../src/modules/incidents/incidents.jobs.js';
import { testDialect } from '../support/database.js';
import { createTestApp, type Caller, type TestApp } from '../support/app.js';

type Answer = { status: number; body: string } | 'hang';
interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  verified: boolean;
}

/**
 * Containment actions against a real receiver on 127.0.0.1 that verifies every request with
 * the Standard Webhooks reference library, as a shop would; it answers from a script.
 */
describe(`incident containment actions (${testDialect})`, () => {
  let t: TestApp;
  let admin: Caller;
  let analyst: Caller;
  let receiver: Server;
  let base: string;
  const secrets = new Map<string, string>();
  const received: Received[] = [];
  const answers: Answer[] = [];

  const call = (method: string, url: string, caller: Caller, payload?: object) =>
    t.app.inject({
      method: method as 'GET',
      url: `/api/v1${url}`,
      headers: caller.headers,
      ...(payload ? { payload } : {}),
    });
  async function ok<T>(method: string, url: string, caller: Caller, payload?: object) {
    const response = await call(method, url, caller, payload);
    expect(response.statusCode, response.body).toBeLessThan(300);
    return response.json<T>();
  }
  const runJobs = () =>
    createWorker({
      db: t.database.db,
      clock: t.clock,
      queue: t.queue,
      registry: t.registry,
      logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
    }).runOnce();
  const actionsOf = async (id: string) =>
    (await ok<{ items: Action[] }>('GET', `/incidents/${id}/actions`, analyst)).items;

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        const type = (JSON.parse(body) as { type: string }).type.replace('containment.', '');
        let verified = true;
        try {
          new Webhook(secrets.get(type)!).verify(body, request.headers as Record<string, string>);
        } catch {
          verified = false;
        }
        received.push({ headers: request.headers, body, verified });
        const answer = answers.shift() ?? { status: 200, body: '{"status":"done"}' };
        if (answer === 'hang') return;
        response.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    t = await createTestApp({ config: { containmentTimeoutSeconds: 1 } });
    // The receiver checks the signed timestamp against its own clock, as a shop's would.
    t.clock.set(new Date());
    await registerIncidentJobs(t.registry, t.queue, t.services.incidents);
    admin = await t.callerWithRole('admin');
    analyst = await t.callerWithRole('analyst');
    for (const type of ['revoke_credentials', 'force_password_reset', 'block_sources']) {
      const saved = await ok<{ secret: string }>(
        'PUT',
        `/incident-action-endpoints/${type}`,
        admin,
        { url: `${base}/cordon/${type}` },
      );
      secrets.set(type, saved.secret);
    }
  });
  afterAll(async () => {
    await t.close();
    receiver.closeAllConnections();
    await new Promise((resolve) => receiver.close(resolve));
  });

  let vendors = 0;
  async function incidentWithIntegration() {
    const vendor = await ok<{ id: string }>('POST', '/vendors', analyst, {
      legalName: `Vendor X ${++vendors} GmbH`,
    });
    const integration = await ok<{ id: string }>(
      'POST',
      `/vendors/${vendor.id}/integrations`,
      analyst,
      {
        name: 'Recommendations API',
        kind: 'server_api_client',
        declaredCategories: ['email'],
        credentialsRef: 'vault:kv/vendor-x/api-key',
      },
    );
    const incident = await ok<Incident>('POST', '/incidents', analyst, {
      title: 'Vendor X pulls 40× its usual records',
      type: 'vendor_compromise',
      severity: 'critical',
    });
    return { incident, integrationId: integration.id };
  }

  it('asks for a revocation once per key, signed so a Standard Webhooks library verifies it', async () => {
    const { incident, integrationId } = await incidentWithIntegration();
    const request = { type: 'revoke_credentials', integrationId, idempotencyKey: 'revoke-vx-1' };
    const first = await ok<Action>('POST', `/incidents/${incident.id}/actions`, analyst, request);
    const again = await ok<Action>('POST', `/incidents/${incident.id}/actions`, analyst, request);
    expect(again.id).toBe(first.id);
    expect(first).toMatchObject({ status: 'sending', messages: [{ part: 1, status: 'pending' }] });
    const before = received.length;
    await runJobs();
    const got = received.slice(before);
    expect(got).toHaveLength(1);
    expect(got[0]!.verified).toBe(true);
    expect(got[0]!.headers['webhook-id']).toBe(first.messages[0]!.id);
    expect(JSON.parse(got[0]!.body)).toMatchObject({
      type: 'containment.revoke_credentials',
      data: {
        incident: { id: incident.id },
        integration: { id: integrationId, credentialsRef: 'vault:kv/vendor-x/api-key' },
      },
    });
    const [action] = await actionsOf(incident.id);
    expect(action).toMatchObject({ status: 'succeeded', messages: [{ attempts: 1 }] });
    const entries = (
      await ok<{ items: TimelineEntry[] }>('GET', `/incidents/${incident.id}/timeline`, analyst)
    ).items.filter((e) => e.kind === 'action_executed');
    expect(entries.map((e) => e.body.outcome ?? e.body.status)).toEqual(['requested', 'succeeded']);
    expect(entries[1]!.body).toMatchObject({
      request: { webhookId: first.messages[0]!.id, url: `${base}/cordon/revoke_credentials` },
      response: { status: 200, body: '{"status":"done"}' },
    });
  });

  it('retries a 500, a missing receipt and a receiver that hangs, then gives up; the incident goes on', async () => {
    const { incident } = await incidentWithIntegration();
    answers.push({ status: 500, body: 'oops' }, { status: 200, body: 'OK' }, 'hang');
    const action = await ok<Action>('POST', `/incidents/${incident.id}/actions`, analyst, {
      type: 'block_sources',
      sources: ['203.0.113.0/24', '198.51.100.7'],
    });
    const messageId = action.messages[0]!.id;
    const { delivery } = t.services.incidents;
    for (const attempt of [1, 2])
      await expect(delivery.deliver(messageId, attempt, 3)).rejects.toThrow(/attempt/);
    await delivery.deliver(messageId, 3, 3);
    const [after] = await actionsOf(incident.id);
    expect(after).toMatchObject({
      status: 'failed',
      messages: [{ attempts: 3, status: 'failed' }],
    });
    expect(after!.messages[0]!.lastError).toMatch(/abort|timeout/i);
    const outcomes = (
      await ok<{ items: TimelineEntry[] }>('GET', `/incidents/${incident.id}/timeline`, analyst)
    ).items
      .filter((e) => e.kind === 'action_executed' && e.body.attempt)
      .map((e) => [e.body.outcome, (e.body.response as { status: number | null }).status]);
    expect(outcomes).toEqual([
      ['retrying', 500],
      ['retrying', 200],
      ['failed', null],
    ]);
    // A run that comes again after the end sends nothing more.
    const count = received.length;
    await delivery.deliver(messageId, 4, 3);
    expect(received.length).toBe(count);
    const note = await call('POST', `/incidents/${incident.id}/timeline`, analyst, {
      kind: 'note',
      text: 'receiver down; blocked by hand at the edge',
    });
    expect(note.statusCode).toBe(200);
  });

  it("resets the accounts and blocks the sources the incident's alerts name", async () => {
    const start = t.clock.now().getTime() - 30 * 60_000;
    const lines = Array.from({ length: 40 }, (_, i) =>
      JSON.stringify({
        id: `act-${i}`,
        type: 'login',
        at: new Date(start + i * 3000).toISOString(),
        account: `victim${i}@example.com`,
        ip: '192.0.2.77',
        outcome: 'unknown_account',
      }),
    );
    const ingested = await t.app.inject({
      method: 'POST',
      url: '/api/v1/events',
      headers: { ...analyst.headers, 'content-type': 'application/x-ndjson' },
      payload: lines.join('\n'),
    });
    expect(ingested.statusCode, ingested.body).toBe(200);
    const alerts = await ok<{ items: { id: string; title: string }[] }>(
      'GET',
      '/detection/alerts?detector=source_stuffing',
      analyst,
    );
    const alert = alerts.items.find((a) => a.title.includes('192.0.2.77'))!;
    const { incidentId } = await ok<{ incidentId: string }>(
      'POST',
      `/detection/alerts/${alert.id}/incident`,
      analyst,
    );
    const before = received.length;
    for (const type of ['force_password_reset', 'block_sources'])
      await ok('POST', `/incidents/${incidentId}/actions`, analyst, { type });
    await runJobs();
    const bodies = received
      .slice(before)
      .map((r) => JSON.parse(r.body) as { type: string; data: Record<string, unknown> });
    const resets = bodies.find((b) => b.type === 'containment.force_password_reset')!;
    expect((resets.data.accounts as unknown[]).length).toBe(40);
    expect(resets.data.accounts).toContainEqual(expect.objectContaining({ reason: 'targeted' }));
    const blocks = bodies.find((b) => b.type === 'containment.block_sources')!;
    expect(blocks.data.sources).toEqual(['192.0.2.77/32']);
  });

  it('refuses bad sources by position and an action type nobody receives', async () => {
    const { incident } = await incidentWithIntegration();
    const bad = await call('POST', `/incidents/${incident.id}/actions`, analyst, {
      type: 'block_sources',
      sources: ['203.0.113.0/24', 'not-an-ip'],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('sources.1');
    const none = await call('POST', `/incidents/${incident.id}/actions`, analyst, {
      type: 'force_password_reset',
    });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('customerIds');
  });

  it('lets only admins see and set endpoints, and never shows a secret again', async () => {
    expect((await call('GET', '/incident-action-endpoints', analyst)).statusCode).toBe(403);
    const listed = await call('GET', '/incident-action-endpoints', admin);
    expect(listed.statusCode).toBe(200);
    for (const secret of secrets.values()) expect(listed.body).not.toContain(secret);
    const insecure = await call('PUT', '/incident-action-endpoints/block_sources', admin, {
      url: 'http://shop.example/hooks',
    });
    expect(insecure.statusCode).toBe(400);
    expect(insecure.body).toContain('https');
  });

  it('removes an endpoint, after which its actions are refused until one is set again', async () => {
    expect(
      (await call('DELETE', '/incident-action-endpoints/block_sources', analyst)).statusCode,
    ).toBe(403);
    expect(
      (await call('DELETE', '/incident-action-endpoints/block_sources', admin)).statusCode,
    ).toBe(200);
    expect(
      (await call('DELETE', '/incident-action-endpoints/block_sources', admin)).statusCode,
    ).toBe(404);
    const { incident } = await incidentWithIntegration();
    const refused = await call('POST', `/incidents/${incident.id}/actions`, analyst, {
      type: 'block_sources',
      sources: ['203.0.113.0/24'],
    });
    expect(refused.statusCode).toBe(409);
    const saved = await ok<{ secret: string }>(
      'PUT',
      '/incident-action-endpoints/block_sources',
      admin,
      {
        url: `${base}/cordon/block_sources`,
      },
    );
    secrets.set('block_sources', saved.secret);
  });
});
