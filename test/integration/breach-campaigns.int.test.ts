import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Campaign } from '../../src/contracts/breach-campaigns.js';
import type { NoticeTemplate } from '../../src/contracts/breach-notices.js';
import type { ObligationReport } from '../../src/contracts/breach.js';
import type { Incident, TimelineEntry } from '../../src/contracts/incidents.js';
import { createBulkMailer } from '../../src/lib/mailer.js';
import { systemContext } from '../../src/lib/principal.js';
import { registerBreachJobs } from '../../src/modules/breach/breach.jobs.js';
import { testDialect } from '../support/database.js';
import { createTestApp, type Caller, type TestApp } from '../support/app.js';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.js';

/** Letters of one obligation to exactly the people it counted, through a real SMTP server. */
describe(`breach notification campaigns (${testDialect})`, () => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let analyst: Caller;
  let viewer: Caller;
  let incident: Incident;
  const system = systemContext('test');
  /** California residents: two who can be written to, four who cannot, and one elsewhere. */
  const people = [
    { id: 'CA-1', email: 'ana@example.com', name: 'Ana Ruiz', region: 'CA' },
    { id: 'CA-2', email: 'ben@example.com', name: 'Ben Ode', region: 'CA' },
    { id: 'CA-3', email: 'not-an-address', name: 'Cy', region: 'CA' },
    { id: 'CA-4', email: null, name: 'Di', region: 'CA' },
    { id: 'CA-5', email: 'opted.out@example.com', name: 'Ed', region: 'CA' },
    // Well-formed, but in a domain reserved to never exist.
    { id: 'CA-6', email: 'gil@bounce.invalid', name: 'Gil', region: 'CA' },
    { id: 'NY-1', email: 'fay@example.com', name: 'Fay', region: 'NY' },
  ];

  const call = (caller: Caller, method: string, url: string, payload?: object) =>
    t.app.inject({
      method: method as 'GET',
      url: `/api/v1${url}`,
      headers: caller.headers,
      ...(payload ? { payload } : {}),
    });
  async function ok<T>(method: string, url: string, payload?: object) {
    const response = await call(analyst, method, url, payload);
    expect(response.statusCode, response.body).toBeLessThan(300);
    return response.json<T>();
  }
  const campaignUrl = (id: string, rest = '') => `/incidents/${incident.id}/campaigns/${id}${rest}`;
  const mailers: { close(): void }[] = [];
  const mailer = (url = smtp.url) => {
    const made = createBulkMailer({
      smtpUrl: url,
      dataDir: t.config.dataDir,
      mailFrom: t.config.mailFrom,
      connections: 2,
      ratePerSecond: 0,
    });
    mailers.push(made);
    return made;
  };
  const messageIdOf = (raw: string) => /^Message-ID: (.+)$/im.exec(raw)?.[1]?.trim();

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await createTestApp();
    await registerBreachJobs(t.registry, t.queue, t.services.breach, mailer());
    analyst = await t.callerWithRole('analyst');
    viewer = await t.callerWithRole('viewer');
    for (const person of people)
      await t.services.datamap.customers.upsert(system, person.id, {
        // The directory refuses a bad address; one may still arrive from an older import.
        email: person.email?.includes('@') ? person.email : null,
        name: person.name,
        phone: null,
        country: 'US',
        region: person.region,
        locale: null,
        customerSince: null,
      });
    // An address the directory holds but no mail server would take (imported before checks).
    await t.database.db.kysely
      .updateTable('customers')
      .set({
        pii: (await t.services.datamap.customers.opener(system)).seal('CA-3', {
          email: 'not-an-address',
          name: 'Cy',
          phone: null,
        }),
      })
      .where('external_id', '=', 'CA-3')
      .execute();
    const vendor = await ok<{ id: string }>('POST', '/vendors', { legalName: 'Vendor X GmbH' });
    const integration = await ok<{ id: string }>('POST', `/vendors/${vendor.id}/integrations`, {
      name: 'Login API',
      kind: 'server_api_client',
      declaredCategories: ['email', 'password_hash'],
    });
    await t.services.datamap.ledger.ingest(
      system,
      people
        .map((person, n) =>
          JSON.stringify({
            id: `s${n}`,
            integration: integration.id,
            customer: person.id,
            categories: ['email', 'password_hash'],
            records: 1,
            at: '2026-01-10T10:00:00Z',
          }),
        )
        .join('\n'),
      { partial: false },
    );
    incident = await ok<Incident>('POST', '/incidents', {
      title: 'Vendor X breach',
      type: 'vendor_compromise',
      severity: 'critical',
    });
    await ok('POST', `/incidents/${incident.id}/links`, { kind: 'vendor', targetId: vendor.id });
    for (const [trigger, at] of [
      ['exposure_from', '2025-09-01T00:00:00Z'],
      ['aware', '2026-03-12T08:00:00Z'],
    ])
      await ok('POST', `/incidents/${incident.id}/triggers`, {
        trigger,
        at,
        reason: 'from the vendor report',
        source: 'vendor',
      });
    await ok('POST', `/incidents/${incident.id}/scope`);
    const draft = await ok<NoticeTemplate>('GET', '/breach/templates/us-ca.residents?locale=en');
    await ok('PUT', '/breach/templates/us-ca.residents', {
      locale: 'en',
      subject: draft.subject,
      sections: draft.sections.map((section) => ({
        ...section,
        body:
          section.heading === 'What Information Was Involved'
            ? 'Your {{recipient.dataInvolved}}.'
            : 'Dear {{recipient.name}}, about this from {{shop.name}}, known since {{incident.awareAt}}.',
      })),
    });
    await ok('POST', '/breach/suppressions', {
      email: 'Opted.Out@example.com',
      reason: 'asked never to be mailed',
    });
  });
  afterAll(async () => {
    for (const made of mailers) made.close();
    await t?.close();
    await smtp?.close();
  });

  it('refuses a campaign for a duty owed to an authority, or with no template', async () => {
    const authority = await call(analyst, 'POST', `/incidents/${incident.id}/campaigns`, {
      obligationKey: 'us-ca.attorney-general',
    });
    expect(authority.statusCode).toBe(400);
    expect(authority.json<{ issues: { field: string }[] }>().issues[0]!.field).toBe(
      'obligationKey',
    );
    const german = await call(analyst, 'POST', `/incidents/${incident.id}/campaigns`, {
      obligationKey: 'us-ca.residents',
      locale: 'de',
    });
    expect(german.statusCode).toBe(400);
    expect(german.body).toContain('save a notice template');
    const denied = await call(viewer, 'POST', `/incidents/${incident.id}/campaigns`, {
      obligationKey: 'us-ca.residents',
    });
    expect(denied.statusCode).toBe(403);
  });

  it('prepares exactly the covered people, reporting who cannot be written to', async () => {
    const created = await ok<Campaign>('POST', `/incidents/${incident.id}/campaigns`, {
      obligationKey: 'us-ca.residents',
    });
    expect(created.status).toBe('preparing');
    const again = await call(analyst, 'POST', `/incidents/${incident.id}/campaigns`, {
      obligationKey: 'us-ca.residents',
    });
    expect(again.statusCode).toBe(409);
    expect(await t.services.breach.delivery.prepare(created.id)).toBe(true);
    const ready = await ok<Campaign>('GET', campaignUrl(created.id));
    expect(ready).toMatchObject({
      status: 'ready',
      examined: 7,
      recipients: 6,
      suppressed: { invalid_email: 2, missing_email: 1, suppression_list: 1, erased: 0 },
      suppressedTotal: 4,
      remaining: 2,
    });
    const problems = await ok<{ items: { customerRef: string; reason: string }[] }>(
      'GET',
      campaignUrl(created.id, '/recipients?status=suppressed'),
    );
    expect(problems.items.map((r) => [r.customerRef, r.reason])).toEqual([
      ['CA-3', 'invalid_email'],
      ['CA-4', 'missing_email'],
      ['CA-5', 'suppression_list'],
      ['CA-6', 'invalid_email'],
    ]);
    // Addresses never leave the directory through the campaign's API.
    expect(JSON.stringify(problems)).not.toContain('example.com');
  });

  it('sends a test letter to the team only, and starts only after one', async () => {
    const [campaign] = (
      await ok<{ items: Campaign[] }>('GET', `/incidents/${incident.id}/campaigns`)
    ).items;
    const early = await call(analyst, 'POST', campaignUrl(campaign!.id, '/start'));
    expect(early.statusCode).toBe(409);
    expect(early.body).toContain('test letter');
    const outsider = await call(analyst, 'POST', campaignUrl(campaign!.id, '/test'), {
      to: [analyst.email, 'someone@elsewhere.example'],
    });
    expect(outsider.statusCode).toBe(400);
    expect(outsider.json<{ issues: { field: string }[] }>().issues[0]!.field).toBe('to.1');
    const tested = await ok<Campaign>('POST', campaignUrl(campaign!.id, '/test'), {});
    expect(tested.testRecipients).toBe(1);
    const letter = t.sentMail.at(-1)!;
    expect(letter).toMatchObject({ to: analyst.email, subject: '[TEST] Notice of Data Breach' });
    expect(letter.text).toContain('Dear Alex Example');
    expect((await call(viewer, 'POST', campaignUrl(campaign!.id, '/start'))).statusCode).toBe(403);
    const started = await ok<Campaign>('POST', campaignUrl(campaign!.id, '/start'));
    expect(started.status).toBe('sending');
    expect((await call(analyst, 'POST', campaignUrl(campaign!.id, '/resume'))).statusCode).toBe(
      409,
    );
  });

  it('delivers each letter once with its fixed Message-ID, resends what a dead run left, and records the notice', async () => {
    const [campaign] = (
      await ok<{ items: Campaign[] }>('GET', `/incidents/${incident.id}/campaigns`)
    ).items;
    // A run that died after claiming the first letter and handing it to the server.
    const [claimed] = await t.database.db.kysely
      .updateTable('breach_outbox')
      .set({ status: 'sending' })
      .where('campaign_id', '=', campaign!.id)
      .where('seq', '=', 1)
      .returning('seq')
      .execute();
    expect(claimed).toBeDefined();
    expect(await t.services.breach.delivery.send(campaign!.id, mailer())).toBe(2);
    const ids = smtp.received.map((mail) => messageIdOf(mail.raw));
    expect(new Set(ids).size).toBe(2);
    expect(ids.every((id) => id?.startsWith(`<breach.${campaign!.id}.`))).toBe(true);
    expect(smtp.received.map((mail) => mail.to[0]).sort()).toEqual([
      'ana@example.com',
      'ben@example.com',
    ]);
    const ana = smtp.received.find((mail) => mail.to[0] === 'ana@example.com')!;
    const text = Buffer.from(
      /Content-Type: text\/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n([A-Za-z0-9+/=\r\n]+?)\r\n--/
        .exec(ana.raw)![1]!
        .replace(/\r\n/g, ''),
      'base64',
    ).toString('utf8');
    expect(text).toContain('Dear Ana Ruiz');
    // Dates as the template's readers write them, not as instants.
    expect(text).toContain('known since March 12, 2026.');
    expect(text).toContain('Your Email address, Password hash.');
    expect(ana.raw).toContain('Subject: Notice of Data Breach');

    const done = await ok<Campaign>('GET', campaignUrl(campaign!.id));
    expect(done).toMatchObject({ status: 'completed', sent: 2, failed: 0, remaining: 0 });
    const report = await ok<ObligationReport>('GET', `/incidents/${incident.id}/obligations`);
    expect(report.obligations.find((o) => o.key === 'us-ca.residents')?.status).toBe('done');
    const timeline = await ok<{ items: TimelineEntry[] }>(
      'GET',
      `/incidents/${incident.id}/timeline?kind=communication`,
    );
    const evidence = JSON.stringify(timeline.items.at(-1)!.body);
    expect(evidence).toContain('Letters accepted by the mail server: 2');
    expect(evidence).toContain(`breach.${campaign!.id}.`);
    // Sending again finds nothing to send and records nothing twice.
    expect(await t.services.breach.delivery.send(campaign!.id, mailer())).toBe(0);
    expect(smtp.received).toHaveLength(2);
  });

  it('marks a letter the server refuses as failed, and keeps the suppression list private', async () => {
    const refusing = await startSmtpServer({ reject: true });
    try {
      const created = await ok<Campaign>('POST', `/incidents/${incident.id}/campaigns`, {
        obligationKey: 'us-ca.residents',
      });
      await t.services.breach.delivery.prepare(created.id);
      await ok('POST', campaignUrl(created.id, '/test'), {});
      await ok('POST', campaignUrl(created.id, '/start'));
      const bounced = mailer(refusing.url);
      expect(await t.services.breach.delivery.send(created.id, bounced)).toBe(0);
      bounced.close();
      const failed = await ok<{ items: { reason: string; error: string }[] }>(
        'GET',
        campaignUrl(created.id, '/recipients?status=failed'),
      );
      expect(failed.items).toHaveLength(2);
      expect(failed.items[0]!.error).toContain('<address>');
      expect(failed.items[0]!.error).not.toContain('example.com');
      expect((await ok<Campaign>('GET', campaignUrl(created.id))).status).toBe('completed');
    } finally {
      await refusing.close();
    }
    const list = await ok<{ items: { id: string; hint: string }[] }>('GET', '/breach/suppressions');
    expect(list.items).toEqual([expect.objectContaining({ hint: 'o…@example.com' })]);
    expect(JSON.stringify(list)).not.toContain('opted.out');
    expect(
      (await call(viewer, 'DELETE', `/breach/suppressions/${list.items[0]!.id}`)).statusCode,
    ).toBe(403);
    expect(
      (await call(analyst, 'DELETE', `/breach/suppressions/${list.items[0]!.id}`)).statusCode,
    ).toBe(204);
    expect(
      (await call(analyst, 'DELETE', `/breach/suppressions/${list.items[0]!.id}`)).statusCode,
    ).toBe(404);
  });

  it('pauses and cancels only from the statuses that allow it', async () => {
    const created = await ok<Campaign>('POST', `/incidents/${incident.id}/campaigns`, {
      obligationKey: 'us-ca.residents',
    });
    expect((await call(analyst, 'POST', campaignUrl(created.id, '/pause'))).statusCode).toBe(409);
    const cancelled = await ok<Campaign>('POST', campaignUrl(created.id, '/cancel'));
    expect(cancelled.status).toBe('cancelled');
    // A cancelled campaign's preparation does nothing.
    expect(await t.services.breach.delivery.prepare(created.id)).toBe(false);
    expect((await call(analyst, 'POST', campaignUrl(created.id, '/cancel'))).statusCode).toBe(409);
    expect(
      (await call(analyst, 'GET', `/incidents/${incident.id}/campaigns/${crypto.randomUUID()}`))
        .statusCode,
    ).toBe(404);
  });

  it('sends again what the server deferred, and completes only when every letter is out', async () => {
    // A server that answers 451 (try again later) to each address the first time.
    const seen = new Set<string>();
    const deferred: string[] = [];
    const flaky = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(address, _session, callback) {
        if (seen.has(address.address)) return callback();
        seen.add(address.address);
        return callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
      },
      onData(stream, session, callback) {
        stream.resume();
        stream.on('end', () => {
          deferred.push(session.envelope.rcptTo[0]!.address);
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => flaky.listen(0, '127.0.0.1', resolve));
    try {
      const created = await ok<Campaign>('POST', `/incidents/${incident.id}/campaigns`, {
        obligationKey: 'us-ca.residents',
      });
      await t.services.breach.delivery.prepare(created.id);
      await ok('POST', campaignUrl(created.id, '/test'), {});
      await ok('POST', campaignUrl(created.id, '/start'));
      const { port } = flaky.server.address() as AddressInfo;
      expect(
        await t.services.breach.delivery.send(created.id, mailer(`smtp://127.0.0.1:${port}`)),
      ).toBe(3);
      expect(deferred.sort()).toEqual([
        'ana@example.com',
        'ben@example.com',
        'opted.out@example.com',
      ]);
      expect(await ok<Campaign>('GET', campaignUrl(created.id))).toMatchObject({
        status: 'completed',
        sent: 3,
        remaining: 0,
      });
    } finally {
      for (const made of mailers) made.close();
      await new Promise<void>((resolve) => flaky.close(() => resolve()));
    }
  });

  it('gives each letter its own credit-monitoring code, sealed until the letter is written', async () => {
    const draft = await ok<NoticeTemplate>('GET', '/breach/templates/us-ca.residents?locale=en');
    await ok('PUT', '/breach/templates/us-ca.residents', {
      locale: 'en',
      subject: draft.subject,
      sections: draft.sections.map((section) => ({
        ...section,
        body:
          section.heading === 'What You Can Do'
            ? 'Enrol in credit monitoring with code {{support.creditMonitoringCode}}.'
            : section.body,
      })),
    });
    const created = await ok<Campaign>('POST', `/incidents/${incident.id}/campaigns`, {
      obligationKey: 'us-ca.residents',
    });
    expect(created.needsCodes).toBe(true);
    await t.services.breach.delivery.prepare(created.id);
    await ok('POST', campaignUrl(created.id, '/test'), {});
    expect(t.sentMail.at(-1)!.text).toContain('code SAMPLE-CODE-0000.');
    const early = await call(analyst, 'POST', campaignUrl(created.id, '/start'));
    expect(early.statusCode).toBe(409);
    // The opted-out address came off the list in an earlier test: three letters now.
    expect(early.body).toContain('3 letters have none yet');
    const tooMany = await call(analyst, 'POST', campaignUrl(created.id, '/codes'), {
      codes: ['CODE-0001', 'CODE-0002', 'CODE-0003', 'CODE-0004'],
    });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json<{ issues: { field: string }[] }>().issues[0]!.field).toBe('codes');
    const bad = await call(analyst, 'POST', campaignUrl(created.id, '/codes'), {
      codes: ['CODE-0001', 'no spaces allowed'],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ issues: { field: string }[] }>().issues[0]!.field).toBe('body.codes.1');
    const added = await ok<{ assigned: number; campaign: Campaign }>(
      'POST',
      campaignUrl(created.id, '/codes'),
      { codes: ['CODE-0001', 'CODE-0002', 'CODE-0003'] },
    );
    expect(added).toMatchObject({ assigned: 3, campaign: { codes: 3 } });
    const stored = await t.database.db.kysely
      .selectFrom('breach_outbox')
      .select('support_code')
      .where('campaign_id', '=', created.id)
      .where('support_code', 'is not', null)
      .execute();
    expect(stored).toHaveLength(3);
    expect(JSON.stringify(stored)).not.toContain('CODE-000');
    await ok('POST', campaignUrl(created.id, '/start'));
    const before = smtp.received.length;
    expect(await t.services.breach.delivery.send(created.id, mailer())).toBe(3);
    const letters = smtp.received
      .slice(before)
      .map((mail) =>
        Buffer.from(
          /text\/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n([A-Za-z0-9+/=\r\n]+?)\r\n--/
            .exec(mail.raw)![1]!
            .replace(/\r\n/g, ''),
          'base64',
        ).toString('utf8'),
      );
    expect(letters.map((text) => /code (CODE-\d+)\./.exec(text)?.[1]).sort()).toEqual([
      'CODE-0001',
      'CODE-0002',
      'CODE-0003',
    ]);
  });
});
