import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialect } from '../support/database.js';
import { createTestApp, type Caller, type TestApp } from '../support/app.js';
import { linkIn, trustHelpers } from '../support/trust.js';

/** Public forms (CSRF, honeypot, field errors), double opt-in, one-click unsubscribe. */
describe(`trust center subscriptions (${testDialect})`, () => {
  let t: TestApp;
  let analyst: Caller;
  let h: ReturnType<typeof trustHelpers>;
  let incidentId: string;
  const logs: string[] = [];

  beforeAll(async () => {
    t = await createTestApp({
      config: { logLevel: 'info' },
      logStream: { write: (line) => void logs.push(line) },
    });
    h = trustHelpers(t);
    await h.registerJobs();
    analyst = await t.callerWithRole('analyst');
    incidentId = (
      await h.ok<{ id: string }>(analyst, 'POST', '/api/v1/incidents', {
        title: 'Credential stuffing',
        type: 'vendor_compromise',
        severity: 'high',
      })
    ).id;
  });
  afterAll(() => t.close());

  const mailTo = (address: string) => t.sentMail.filter((m) => m.to === address);
  const publish = (title: string) =>
    h.ok(analyst, 'POST', '/api/v1/trust/updates', {
      incidentId,
      state: 'investigating',
      title,
      body: 'We are looking into it.',
    });

  async function subscribe(email: string, topics: string[] = ['updates']) {
    const form = await h.openForm('/trust/subscribe');
    return h.postForm('/trust/subscribe', { csrf: form.csrf, email, topics }, form.cookie);
  }

  it('renders the form with labels and a hidden honeypot, without any script', async () => {
    const page = await h.call(null, 'GET', '/trust/subscribe');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toMatch(/<label for="email">\s*Email address\s*<\/label\s*>/);
    expect(page.body).toMatch(/class="hp" aria-hidden="true"/);
    expect(page.body).not.toContain('<script');
    const cookie = page.headers['set-cookie'] as string;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
  });

  it('refuses a post without a valid CSRF pair, and re-renders field errors in place', async () => {
    const form = await h.openForm('/trust/subscribe');
    const fields = { email: 'ada@example.com', topics: 'updates' };
    expect((await h.postForm('/trust/subscribe', fields, form.cookie)).statusCode).toBe(403);
    expect((await h.postForm('/trust/subscribe', { ...fields, csrf: form.csrf })).statusCode).toBe(
      403,
    );
    const otherForm = await h.openForm('/trust/subscribe');
    const crossed = await h.postForm(
      '/trust/subscribe',
      { ...fields, csrf: otherForm.csrf },
      form.cookie,
    );
    expect(crossed.statusCode).toBe(403);
    expect(crossed.body).toContain('The form expired');

    const bad = await h.postForm(
      '/trust/subscribe',
      { csrf: form.csrf, email: 'not an address', topics: 'gossip' },
      form.cookie,
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('text/html');
    expect(bad.body).toMatch(/id="email-error"[^>]*>\s*must be an email address/);
    expect(bad.body).toMatch(/aria-invalid="true"\s+aria-describedby="email-error"/);
    expect(bad.body).toContain('value="not an address"');
    expect(bad.body).toContain('id="topics-error"');
    expect(t.sentMail).toHaveLength(0);
  });

  it('accepts a filled honeypot silently and sends nothing', async () => {
    const form = await h.openForm('/trust/subscribe');
    const response = await h.postForm(
      '/trust/subscribe',
      { csrf: form.csrf, email: 'bot@example.com', topics: 'updates', website: 'http://spam' },
      form.cookie,
    );
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Check your email');
    expect(t.sentMail).toHaveLength(0);
    const rows = await t.database.db.kysely.selectFrom('trust_subscribers').selectAll().execute();
    expect(rows).toHaveLength(0);
  });

  it('double opt-in: only the confirmation reaches an unconfirmed address', async () => {
    const email = 'grace@example.com';
    expect((await subscribe(email, ['updates', 'subprocessors'])).statusCode).toBe(200);
    expect(mailTo(email)).toHaveLength(1);
    const [confirmation] = mailTo(email);
    expect(confirmation!.subject).toContain('Confirm your subscription');

    // Stored sealed and indexed: the address is nowhere in clear, nor in the logs.
    const stored = JSON.stringify(
      await t.database.db.kysely.selectFrom('trust_subscribers').selectAll().execute(),
    );
    expect(stored).not.toContain(email);

    await publish('Before confirming');
    await h.runJobs();
    expect(mailTo(email)).toHaveLength(1);

    const link = linkIn(confirmation!.text, '/trust/subscriptions/confirm/');
    const path = new URL(link).pathname;
    // Following the link (as a mail scanner would) confirms nothing; the button does.
    const landing = await h.call(null, 'GET', path);
    expect(landing.body).toContain('Confirm subscription');
    const altered = await t.app.inject({ method: 'POST', url: `${path.slice(0, -3)}abc` });
    expect(altered.statusCode).toBe(400);
    const confirmed = await t.app.inject({ method: 'POST', url: path });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.body).toContain('Subscription confirmed');
    expect((await t.app.inject({ method: 'POST', url: path })).statusCode).toBe(400);

    await publish('After confirming');
    await h.runJobs();
    const delivered = mailTo(email).slice(1);
    expect(delivered.map((m) => m.subject)).toEqual([expect.stringContaining('After confirming')]);
    const unsubscribe = linkIn(delivered[0]!.text, '/trust/unsubscribe/');
    expect(delivered[0]!.headers).toEqual({
      'List-Id': expect.stringContaining('updates'),
      'List-Unsubscribe': `<${unsubscribe}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
    // A second run of the same announcement sends nothing new.
    const before = t.sentMail.length;
    await t.services.trust.announcer.deliver(
      'update',
      (
        await t.database.db.kysely
          .selectFrom('trust_updates')
          .select('id')
          .orderBy('published_at', 'desc')
          .executeTakeFirstOrThrow()
      ).id,
    );
    expect(t.sentMail.length).toBe(before + 1);
    const keys = await t.database.db.kysely
      .selectFrom('jobs')
      .select('idempotency_key')
      .where('name', '=', 'trust.announce')
      .execute();
    expect(keys.length).toBe(2);

    for (const line of logs) expect(line).not.toContain(email);
  });

  it('one-click unsubscribe (RFC 8058) works with no cookie; forged or altered tokens are refused', async () => {
    const email = 'grace@example.com';
    const delivered = mailTo(email).at(-1)!;
    const url = new URL(linkIn(delivered.text, '/trust/unsubscribe/')).pathname;
    const token = url.split('/').pop()!;
    const [purpose, subscriberId, topic] = token.split('.');
    for (const forged of [
      `${purpose}.${subscriberId}.advisories.${token.split('.')[3]}`,
      `${token.slice(0, -4)}AAAA`,
      `${purpose}.${subscriberId}.${topic}.${'A'.repeat(43)}`,
    ]) {
      const refused = await h.postForm(`/trust/unsubscribe/${forged}`, {
        'List-Unsubscribe': 'One-Click',
      });
      expect(refused.statusCode, forged).toBe(400);
    }
    expect(
      (await t.database.db.kysely.selectFrom('trust_subscriptions').selectAll().execute()).length,
    ).toBe(2);

    const done = await h.postForm(url, { 'List-Unsubscribe': 'One-Click' });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('no longer receive updates');
    expect((await h.postForm(url, { 'List-Unsubscribe': 'One-Click' })).statusCode).toBe(200);
    const left = await t.database.db.kysely
      .selectFrom('trust_subscriptions')
      .select('topic')
      .execute();
    expect(left.map((r) => r.topic)).toEqual(['subprocessors']);

    await publish('After unsubscribing');
    await h.runJobs();
    expect(mailTo(email).map((m) => m.subject)).not.toContainEqual(
      expect.stringContaining('After unsubscribing'),
    );
  });

  it('rate-limits the form per address (429 after 10 posts a minute)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i += 1) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/trust/subscribe',
        remoteAddress: '192.0.2.7',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'email=x%40example.com',
      });
      statuses.push(response.statusCode);
    }
    expect(statuses.slice(0, 10).every((status) => status === 403)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it('never says whether an address is known, and sends no second confirmation at once', async () => {
    const first = await subscribe('lin@example.com');
    const second = await subscribe('lin@example.com');
    expect(second.body).toBe(first.body);
    expect(mailTo('lin@example.com')).toHaveLength(1);
    const count = await h.ok<{ confirmed: number; pending: number }>(
      analyst,
      'GET',
      '/api/v1/trust/subscribers/count',
    );
    expect(count).toMatchObject({
      confirmed: 1,
      pending: 1,
      byTopic: { updates: 0, subprocessors: 1 },
    });
  });

  it('sends one confirmation an hour whatever the topics, and that link confirms them all', async () => {
    const email = 'target@example.com';
    const topicSets = [
      ['updates'],
      ['advisories'],
      ['updates', 'subprocessors'],
      ['subprocessors'],
    ];
    for (const topics of topicSets) expect((await subscribe(email, topics)).statusCode).toBe(200);
    expect(mailTo(email)).toHaveLength(1);
    type Count = { byTopic: Record<string, number> };
    const count = () => h.ok<Count>(analyst, 'GET', '/api/v1/trust/subscribers/count');
    const before = (await count()).byTopic;
    const path = new URL(linkIn(mailTo(email)[0]!.text, '/trust/subscriptions/confirm/')).pathname;
    expect((await t.app.inject({ method: 'POST', url: path })).statusCode).toBe(200);
    const after = (await count()).byTopic;
    for (const topic of ['updates', 'advisories', 'subprocessors'])
      expect(after[topic], topic).toBe((before[topic] ?? 0) + 1);
  });
});
