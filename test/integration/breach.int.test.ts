import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NoticeTemplate } from '../../src/contracts/breach-notices.js';
import type { Decision, ObligationReport } from '../../src/contracts/breach.js';
import type { Incident, TimelineEntry } from '../../src/contracts/incidents.js';
import { systemContext } from '../../src/lib/principal.js';
import { testDialect } from '../support/database.js';
import { createTestApp, type Caller, type TestApp } from '../support/app.js';

/**
 * An incident's notification obligations, worked out from its scope snapshot and trigger
 * times, and the decisions people record about them.
 */
describe(`breach obligations (${testDialect})`, () => {
  let t: TestApp;
  let analyst: Caller;
  let viewer: Caller;
  let incident: Incident;
  const system = systemContext('test');

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
  const obligations = () => ok<ObligationReport>('GET', `/incidents/${incident.id}/obligations`);
  const find = (report: ObligationReport, key: string) =>
    report.obligations.find((o) => o.key === key)!;
  const decide = (payload: object) =>
    call(analyst, 'POST', `/incidents/${incident.id}/obligations/decisions`, payload);

  beforeAll(async () => {
    t = await createTestApp();
    analyst = await t.callerWithRole('analyst');
    viewer = await t.callerWithRole('viewer');
    const places = [
      ...Array.from({ length: 3 }, (_, i) => [`DE${i}`, 'DE', null] as const),
      ...Array.from({ length: 2 }, (_, i) => [`CA${i}`, 'US', 'CA'] as const),
    ];
    for (const [id, country, region] of places)
      await t.services.datamap.customers.upsert(system, id, {
        email: `${id.toLowerCase()}@example.com`,
        name: null,
        phone: null,
        country,
        region,
        locale: null,
        customerSince: null,
      });
    const vendor = await ok<{ id: string }>('POST', '/vendors', { legalName: 'Vendor X GmbH' });
    const integration = await ok<{ id: string }>('POST', `/vendors/${vendor.id}/integrations`, {
      name: 'Login API',
      kind: 'server_api_client',
      declaredCategories: ['email', 'password_hash'],
    });
    for (const [n, [id, country]] of places.entries())
      await t.services.datamap.ledger.ingest(
        system,
        JSON.stringify({
          id: `s${n}`,
          integration: integration.id,
          customer: id,
          categories: country === 'US' ? ['email', 'password_hash'] : ['email'],
          records: 1,
          at: '2026-01-10T10:00:00Z',
        }),
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
      ['discovered', '2026-03-12T08:00:00Z'],
    ])
      await ok('POST', `/incidents/${incident.id}/triggers`, {
        trigger,
        at,
        reason: 'from the vendor report',
        source: 'vendor',
      });
  });
  afterAll(() => t.close());

  it('before a scope snapshot, says so and counts nobody', async () => {
    const report = await obligations();
    expect(report.snapshot).toBeNull();
    expect(report.warnings[0]).toContain('No scope snapshot');
    expect(find(report, 'us-ca.residents').status).toBe('not_required');
  });

  it('works out each duty from the snapshot, with its clock and its reasons', async () => {
    await ok('POST', `/incidents/${incident.id}/scope`);
    const report = await obligations();
    expect(report.snapshot?.customers).toBe(5);
    expect(find(report, 'eu-gdpr.art33:DE')).toMatchObject({
      status: 'due',
      affected: 3,
      recipientName: expect.stringContaining('German'),
      due: '2026-03-15T08:00:00.000Z',
    });
    const ca = find(report, 'us-ca.residents');
    expect(ca).toMatchObject({ status: 'due', affected: 2, due: '2026-04-11T08:00:00.000Z' });
    expect(ca.reasons[0]).toContain('Email address, Password hash (2)');
    expect(find(report, 'eu-gdpr.art34').status).toBe('assessment_needed');
    // A viewer reads them too.
    expect((await call(viewer, 'GET', `/incidents/${incident.id}/obligations`)).statusCode).toBe(
      200,
    );
  });

  it('records a risk assessment on the timeline and lets it be withdrawn', async () => {
    const response = await decide({
      kind: 'risk_assessment',
      obligationKey: 'eu-gdpr.art34',
      conclusion: 'likely',
      justification: 'emails with order history enable targeted phishing',
    });
    expect(response.statusCode, response.body).toBe(201);
    const assessed = response.json<Decision>();
    expect(find(await obligations(), 'eu-gdpr.art34').status).toBe('due');
    const timeline = await ok<{ items: TimelineEntry[] }>(
      'GET',
      `/incidents/${incident.id}/timeline?kind=decision`,
    );
    expect(timeline.items.map((e) => e.seq)).toContain(assessed.timelineSeq);
    expect(JSON.stringify(timeline.items)).toContain('harm likely');

    const withdrawn = await ok<Decision>(
      'POST',
      `/incidents/${incident.id}/obligations/decisions/${assessed.id}/withdraw`,
      { justification: 'assessed on the wrong incident' },
    );
    expect(withdrawn.withdrawnAt).not.toBeNull();
    expect(find(await obligations(), 'eu-gdpr.art34').status).toBe('assessment_needed');
    const again = await call(
      analyst,
      'POST',
      `/incidents/${incident.id}/obligations/decisions/${assessed.id}/withdraw`,
      { justification: 'assessed on the wrong incident' },
    );
    expect(again.statusCode).toBe(409);
    const verified = await ok<{ ok: boolean }>('GET', `/incidents/${incident.id}/timeline/verify`);
    expect(verified.ok).toBe(true);
  });

  it('pauses only a clock whose rule allows a law-enforcement delay', async () => {
    const gdpr = await decide({
      kind: 'law_enforcement_delay',
      obligationKey: 'eu-gdpr.art33:DE',
      agency: 'BKA',
      from: '2026-03-12T10:00:00Z',
      until: null,
      justification: 'the police asked us to wait',
    });
    expect(gdpr.statusCode).toBe(400);
    expect(gdpr.body).toContain('kind');
    const ca = await decide({
      kind: 'law_enforcement_delay',
      obligationKey: 'us-ca.residents',
      agency: 'FBI San Francisco',
      from: '2026-03-12T10:00:00Z',
      until: null,
      justification: 'notice would impede the investigation',
    });
    expect(ca.statusCode, ca.body).toBe(201);
    expect(find(await obligations(), 'us-ca.residents')).toMatchObject({
      status: 'paused',
      due: null,
    });
    await decide({
      kind: 'law_enforcement_delay',
      obligationKey: 'us-ca.residents',
      agency: 'FBI San Francisco',
      from: '2026-03-12T10:00:00Z',
      until: '2026-03-13T10:00:00Z',
      justification: 'the agency says notice may go ahead',
    });
    expect(find(await obligations(), 'us-ca.residents')).toMatchObject({
      status: 'due',
      due: '2026-04-12T08:00:00.000Z',
      pausedHours: 24,
    });
  });

  it('counts out data encrypted with a safe key, and names wrong input by field', async () => {
    const set = await call(analyst, 'PUT', `/incidents/${incident.id}/obligations/encryption`, {
      category: 'password_hash',
      state: 'encrypted',
      note: 'argon2id, per-user salt; pepper kept in the HSM',
    });
    expect(set.statusCode, set.body).toBe(200);
    const ca = find(await obligations(), 'us-ca.residents');
    expect(ca.status).toBe('not_required');
    expect(ca.considered.find((c) => c.kind === 'safe_harbour')?.outcome).toBe('2 sheltered');

    const unknown = await call(analyst, 'PUT', `/incidents/${incident.id}/obligations/encryption`, {
      category: 'shoe_size',
      state: 'encrypted',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('category');
    const noSuchDuty = await decide({
      kind: 'not_applicable',
      obligationKey: 'us-ny.residents',
      justification: 'we have no New York customers',
    });
    expect(noSuchDuty.statusCode).toBe(400);
    expect(noSuchDuty.body).toContain('obligationKey');
    const withTest = await decide({
      kind: 'risk_assessment',
      obligationKey: 'eu-gdpr.art33:DE',
      conclusion: 'likely',
      justification: 'GDPR Art. 33 has a risk test',
    });
    expect(withTest.statusCode, withTest.body).toBe(201);
    const noTest = await decide({
      kind: 'risk_assessment',
      obligationKey: 'us-sec.form-8k',
      conclusion: 'unlikely',
      justification: 'securities law has no harm test',
    });
    expect(noTest.statusCode).toBe(400);
    expect(noTest.body).toContain('no risk or harm test');
    const future = await decide({
      kind: 'notice_given',
      obligationKey: 'eu-gdpr.art33:DE',
      at: '2027-01-01T00:00:00Z',
      reference: 'DE-1',
    });
    expect(future.statusCode).toBe(400);
    expect(future.body).toContain('"at"');
    const noReason = await decide({
      kind: 'not_applicable',
      obligationKey: 'us-sec.form-8k',
      justification: '',
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('justification');
  });

  it('refuses changes from a viewer', async () => {
    const denied = await call(viewer, 'POST', `/incidents/${incident.id}/obligations/decisions`, {
      kind: 'not_applicable',
      obligationKey: 'us-sec.form-8k',
      justification: 'not an SEC registrant',
    });
    expect(denied.statusCode).toBe(403);
  });

  it('drafts, refuses, saves and versions a notice template, and previews it for an obligation', async () => {
    const draft = await ok<NoticeTemplate>('GET', '/breach/templates/us-ca.residents?locale=en');
    expect(draft).toMatchObject({ version: 0, subject: 'Notice of Data Breach' });
    expect(draft.sections.map((s) => s.heading)).toContain('What Information Was Involved');
    const put = (body: object) => call(analyst, 'PUT', '/breach/templates/us-ca.residents', body);

    const empty = await put({ locale: 'en', subject: draft.subject, sections: draft.sections });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('What Happened');
    expect(empty.body).toContain('1798.82(d)(1)');

    const written = draft.sections.map((section) => ({
      ...section,
      body: `About this for {{recipient.name}}, from {{shop.name}}.`,
    }));
    const typo = await put({
      locale: 'en',
      subject: draft.subject,
      sections: written.map((s, i) => (i === 2 ? { ...s, body: 'Hi {{recipient.nmae}}' } : s)),
    });
    expect(typo.statusCode).toBe(400);
    expect(typo.json<{ issues: { field: string }[] }>().issues[0]!.field).toBe('sections.2.body');
    const noHeading = await put({
      locale: 'en',
      subject: draft.subject,
      sections: written.map((s) =>
        s.heading === 'What Happened' ? { ...s, heading: 'Summary' } : s,
      ),
    });
    expect(noHeading.statusCode).toBe(400);
    expect(noHeading.body).toContain('the heading \\"What Happened\\"');

    const saved = await put({ locale: 'en', subject: draft.subject, sections: written });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json<NoticeTemplate>().version).toBe(1);
    expect(
      (
        await put({ locale: 'en', subject: draft.subject, sections: written })
      ).json<NoticeTemplate>().version,
    ).toBe(2);
    const versions = await ok<{ items: NoticeTemplate[] }>(
      'GET',
      '/breach/templates/us-ca.residents/versions?locale=en',
    );
    expect(versions.items.map((v) => v.version)).toEqual([2, 1]);
    expect(
      (
        await call(viewer, 'PUT', '/breach/templates/us-ca.residents', {
          locale: 'en',
          subject: 'x',
          sections: written,
        })
      ).statusCode,
    ).toBe(403);
    expect((await call(analyst, 'GET', '/breach/templates/us-zz.nothing')).statusCode).toBe(404);

    const preview = await ok<{
      subject: string;
      text: string;
      html: string;
      check: { ok: boolean };
    }>('GET', `/incidents/${incident.id}/obligations/us-ca.residents/notice?locale=en`);
    expect(preview.check.ok).toBe(true);
    expect(preview.text).toContain('What Happened\n\nAbout this for Alex Example, from Our shop.');
    expect(preview.html).toContain(
      '<h2 style="font-size: 17px">What Information Was Involved</h2>',
    );
    // A rule nobody wrote a template for: the draft, with everything still missing.
    const gdpr = await ok<{ check: { ok: boolean; missing: { id: string }[] } }>(
      'GET',
      `/incidents/${incident.id}/obligations/${encodeURIComponent('eu-gdpr.art33:DE')}/notice`,
    );
    expect(gdpr.check.ok).toBe(false);
    expect(gdpr.check.missing.map((m) => m.id)).toContain('contact_point');
  });

  it("prints an authority's report pre-filled from the incident, with what the text still lacks", async () => {
    const response = await call(
      analyst,
      'GET',
      `/incidents/${incident.id}/obligations/eu-gdpr.art33:DE/report?locale=en`,
    );
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    const html = response.body;
    expect(html).toContain('<th>People affected</th><td>3</td>');
    expect(html).toMatch(/<th>To<\/th><td>[^<]*German/);
    expect(html).toContain('<th>Became aware</th><td>2026-03-12T08:00:00');
    expect(html).toContain('Still to write before filing');
    expect(html).not.toContain('<script');
    expect(
      (await call(viewer, 'GET', `/incidents/${incident.id}/obligations/nothing.here/report`))
        .statusCode,
    ).toBe(404);
  });

  it('tells the incident people once as a clock passes 50%, 80% and its deadline', async () => {
    await ok('PATCH', `/incidents/${incident.id}`, { ownerId: analyst.userId });
    const before = t.sentMail.length;
    t.clock.set(new Date('2026-03-14T00:00:00Z')); // 40 of GDPR's 72 hours
    expect(await t.services.breach.alerts.run()).toBe(1);
    expect(await t.services.breach.alerts.run()).toBe(0);
    t.clock.set(new Date('2026-03-16T00:00:00Z')); // past the deadline
    expect(await t.services.breach.alerts.run()).toBe(1);
    const sent = t.sentMail.slice(before);
    expect(sent.map((mail) => mail.subject.split(':')[0])).toEqual([
      '50% of the time gone',
      'Overdue',
    ]);
    expect(sent[0]!.to).toBe(analyst.email);
    expect(sent[1]!.text).toContain('Art. 33');
  });
});

describe('a breach rule file that fails its schema', () => {
  it('stops the server from starting and names the file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cordon-bad-rules-'));
    const file = path.join(dir, 'us-ny.residents.yaml');
    writeFileSync(file, 'id: us-ny.residents\nduty: Notify New York residents\n');
    await expect(createTestApp({ config: { breachRulesDir: dir } })).rejects.toThrow(file);
  });
});
