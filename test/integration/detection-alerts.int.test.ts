import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DetectionAlert, ResetList } from '../../src/contracts/detection.js';
import { testDialect } from '../support/database.js';
import { createTestApp, type Caller, type TestApp } from '../support/app.js';

const NDJSON = { 'content-type': 'application/x-ndjson' };
const SECRET = `whsec_${randomBytes(32).toString('base64')}`;

/** Alert lifecycle: notification by mail and signed webhook, triage, suppression, 404s. */
describe(`detection alerts (${testDialect})`, () => {
  let t: TestApp;
  let analyst: Caller;
  let viewer: Caller;
  let admin: Caller;
  let receiver: Server;
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];

  const stuffing = (ip: string, prefix: string, from: string) =>
    Array.from({ length: 30 }, (_, i) =>
      JSON.stringify({
        id: `${prefix}-${i}`,
        type: 'login',
        at: new Date(Date.parse(from) + i * 2000).toISOString(),
        account: `${prefix}${i}@example.com`,
        ip,
        outcome: 'unknown_account',
      }),
    ).join('\n');
  const ingest = async (body: string) => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/events',
      headers: { ...analyst.headers, ...NDJSON },
      payload: body,
    });
    expect(response.statusCode, response.body).toBe(200);
  };
  const listAlerts = (query: string) =>
    t.app.inject({
      method: 'GET',
      url: `/api/v1/detection/alerts?detector=source_stuffing${query}`,
      headers: viewer.headers,
    });
  const alertsFor = async (ip: string, query = '') =>
    (await listAlerts(query))
      .json<{ items: DetectionAlert[] }>()
      .items.filter((a) => a.title.includes(ip));

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push({ headers: request.headers, body });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const port = (receiver.address() as AddressInfo).port;
    t = await createTestApp({
      config: {
        detectionWebhookUrl: `http://127.0.0.1:${port}/hooks/cordon`,
        detectionWebhookSecret: SECRET,
      },
    });
    analyst = await t.callerWithRole('analyst');
    viewer = await t.callerWithRole('viewer');
    admin = await t.callerWithRole('admin');
  });
  afterAll(async () => {
    await t.close();
    await new Promise((resolve) => receiver.close(resolve));
  });

  it('mails the team and posts a Standard Webhooks signed alert that any verifier accepts', async () => {
    await ingest(stuffing('203.0.113.40', 'w', '2026-03-12T07:00:00Z'));
    // Mail and webhooks go out in the background, after the batch has been answered.
    await t.services.detection.notified();
    const [alert] = await alertsFor('203.0.113.40');
    expect(alert).toBeDefined();
    expect(t.sentMail.some((mail) => mail.subject.includes(alert!.title))).toBe(true);
    const delivery = received.find((r) => r.body.includes(alert!.id));
    expect(delivery).toBeDefined();
    // The app runs on a test clock in March 2026; the verifier's replay window is read there too.
    vi.useFakeTimers({
      now: Number(delivery!.headers['webhook-timestamp']) * 1000,
      toFake: ['Date'],
    });
    const verified = new Webhook(SECRET).verify(delivery!.body, {
      'webhook-id': String(delivery!.headers['webhook-id']),
      'webhook-timestamp': String(delivery!.headers['webhook-timestamp']),
      'webhook-signature': String(delivery!.headers['webhook-signature']),
    }) as { alert: { id: string; detector: string } };
    expect(verified.alert).toMatchObject({ id: alert!.id, detector: 'source_stuffing' });
    expect(() =>
      new Webhook(`whsec_${randomBytes(32).toString('base64')}`).verify(delivery!.body, {
        'webhook-id': String(delivery!.headers['webhook-id']),
        'webhook-timestamp': String(delivery!.headers['webhook-timestamp']),
        'webhook-signature': String(delivery!.headers['webhook-signature']),
      }),
    ).toThrow();
    vi.useRealTimers();
    // Notified once: a second pass owes nothing.
    const before = received.length;
    expect(await t.services.detection.notifyPending()).toBe(0);
    expect(received.length).toBe(before);
  });

  it('needs a reason for a false positive, and then takes its accounts off the reset list', async () => {
    const [alert] = await alertsFor('203.0.113.40');
    const patch = (payload: object, caller = analyst) =>
      t.app.inject({
        method: 'PATCH',
        url: `/api/v1/detection/alerts/${alert!.id}`,
        headers: caller.headers,
        payload,
      });
    expect((await patch({ status: 'false_positive' })).statusCode).toBe(400);
    expect((await patch({ status: 'acknowledged' }, viewer)).statusCode).toBe(403);
    const resets = async () =>
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/v1/detection/password-resets',
          headers: viewer.headers,
        })
      ).json<ResetList>();
    expect((await resets()).total).toBe(30);
    const marked = await patch({ status: 'false_positive', reason: 'our own load test' });
    expect(marked.statusCode, marked.body).toBe(200);
    expect(marked.json<DetectionAlert>().status).toBe('false_positive');
    expect((await resets()).total).toBe(0);
    expect(await alertsFor('203.0.113.40', '&status=new,acknowledged')).toEqual([]);
    expect(await alertsFor('203.0.113.40', '&status=new,false_positive')).toHaveLength(1);
    const wrong = await listAlerts('&status=new,gone');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('status.1');
    // A rebuild (restart, new settings) replays the attack for state only: the false positive
    // stays one, with no new alert and no new mail.
    const mails = t.sentMail.length;
    await t.services.detection.pipeline.reset();
    await ingest(
      JSON.stringify({
        id: 'after-rebuild',
        type: 'login',
        at: '2026-03-12T07:05:00Z',
        account: 'calm@example.com',
        ip: '192.0.2.1',
        outcome: 'success',
      }),
    );
    await t.services.detection.notified();
    const after = await alertsFor('203.0.113.40');
    expect(after.map((a) => a.status)).toEqual(['false_positive']);
    expect(t.sentMail.length).toBe(mails);
  });

  it('suppresses a source range: its attacks raise nothing and the rule counts the hit', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/detection/suppressions',
      headers: analyst.headers,
      payload: { subject: 'cidr', value: '198.51.100.0/24', reason: 'partner monitoring' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/detection/suppressions',
      headers: analyst.headers,
      payload: { subject: 'cidr', value: 'not-a-range', reason: 'x' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ message: string }>().message).toContain('value');
    await ingest(stuffing('198.51.100.7', 's', '2026-03-12T07:10:00Z'));
    expect(await alertsFor('198.51.100.7')).toEqual([]);
    const rules = await t.app.inject({
      method: 'GET',
      url: '/api/v1/detection/suppressions',
      headers: viewer.headers,
    });
    expect(rules.json<{ items: { hits: number }[] }>().items[0]!.hits).toBeGreaterThan(0);
  });

  it('takes a source off the blocklist as soon as its range is allowed', async () => {
    await ingest(stuffing('203.0.113.140', 'b', '2026-03-12T07:30:00Z'));
    const blocked = async () =>
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/v1/detection/blocklist',
          headers: viewer.headers,
        })
      ).body;
    expect(await blocked()).toContain('203.0.113.140');
    const rule = await t.app.inject({
      method: 'POST',
      url: '/api/v1/detection/suppressions',
      headers: analyst.headers,
      payload: { subject: 'cidr', value: '203.0.113.128/25', reason: 'office network' },
    });
    expect(rule.statusCode, rule.body).toBe(201);
    expect(await blocked()).not.toContain('203.0.113.140');
  });

  it('answers 404 for alerts and suppressions that do not exist', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    for (const [method, url, payload] of [
      ['GET', `/api/v1/detection/alerts/${missing}`, undefined],
      ['PATCH', `/api/v1/detection/alerts/${missing}`, { status: 'closed' }],
      ['GET', `/api/v1/detection/alerts/${missing}/subjects?role=source`, undefined],
      ['POST', `/api/v1/detection/alerts/${missing}/incident`, undefined],
      ['DELETE', `/api/v1/detection/suppressions/${missing}`, undefined],
    ] as const) {
      const response = await t.app.inject({
        method,
        url,
        headers: admin.headers,
        ...(payload ? { payload } : {}),
      });
      expect(response.statusCode, `${method} ${url}`).toBe(404);
    }
  });

  it('lets only admins change thresholds, and applies them', async () => {
    const current = (
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/detection/settings',
        headers: viewer.headers,
      })
    ).json<Record<string, Record<string, number>>>();
    const next = { ...current, sourceStuffing: { ...current.sourceStuffing, ipAccounts: 500 } };
    expect(
      (
        await t.app.inject({
          method: 'PUT',
          url: '/api/v1/detection/settings',
          headers: analyst.headers,
          payload: next,
        })
      ).statusCode,
    ).toBe(403);
    const saved = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/detection/settings',
      headers: admin.headers,
      payload: next,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    await ingest(stuffing('192.0.2.99', 'k', '2026-03-12T07:20:00Z'));
    expect(await alertsFor('192.0.2.99')).toEqual([]);
  });
});
