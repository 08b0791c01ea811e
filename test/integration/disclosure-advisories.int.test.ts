import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Advisory, PublicAdvisory } from '../../src/contracts/advisories.js';
import type { ResearcherView, TeamReportView } from '../../src/contracts/disclosure.js';
import { registerTrustJobs } from '../../src/modules/trust/trust.jobs.js';
import { createTestApp, type Caller, type TestApp } from '../support/app.js';
import { testDialect } from '../support/database.js';
import { mandatoryTestErrors, schemaErrors } from '../support/schemas.js';

const CVSS4 = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N';
const CVSS31 = 'CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N';

/**
 * ShopCo's disclosure story: a report on 2 February 2026, escalation as the fix deadline
 * nears, the fix on 20 February and the advisory on 2 March, in CSAF and OSV.
 */
describe(`SLA escalation and advisories (${testDialect})`, () => {
  let t: TestApp;
  let admin: Caller;
  let owner: Caller;
  let adminEmail: string;
  let ownerEmail: string;
  let reportId: string;
  let token: string;
  const call = (caller: Caller | null, method: string, url: string, payload?: object) =>
    t.app.inject({
      method: method as 'GET',
      url,
      ...(caller ? { headers: caller.headers } : {}),
      ...(payload ? { payload } : {}),
    });
  /** Moves the clock; sessions idle out over such jumps, so the team signs in again. */
  const at = async (instant: string) => {
    t.clock.set(new Date(instant));
    admin = await t.signIn(adminEmail);
    owner = await t.signIn(ownerEmail);
  };
  const escalations = () =>
    t.sentMail.filter((m) => /^(Overdue|Report #\d+: \d+%)/.test(m.subject));

  beforeAll(async () => {
    t = await createTestApp({ config: { shopName: 'ShopCo' } });
    // Publishing announces the advisory to the trust center's subscribers through a job.
    await registerTrustJobs(t.registry, t.queue, t.services.trust);
    const adminUser = await t.createUser('admin');
    const ownerUser = await t.createUser('analyst');
    adminEmail = adminUser.email;
    ownerEmail = ownerUser.email;
    await at('2026-02-02T09:00:00Z');
    const receipt = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/disclosure/reports',
      payload: {
        title: 'Any customer’s addresses through GET /api/account/{id}/addresses',
        description: 'An IDOR: another customer’s addresses are returned.',
        asset: 'shopco.example storefront API',
        contact: { name: 'Ada Researcher', email: 'ada@researcher.example' },
        notify: true,
        credit: { name: 'Ada Researcher', optIn: true },
      },
    });
    token = new URL(receipt.json<{ link: string }>().link).hash.replace('#token=', '');
    reportId = (await call(owner, 'GET', '/api/v1/disclosure/reports')).json<{ id: string }[]>()[0]!
      .id;
    await call(owner, 'PUT', `/api/v1/disclosure/reports/${reportId}/owner`, {
      ownerId: ownerUser.id,
    });
  });
  afterAll(() => t.close());

  it('acknowledges within a business day and triages with CVSS 4.0', async () => {
    await at('2026-02-03T08:00:00Z');
    await call(owner, 'POST', `/api/v1/disclosure/reports/${reportId}/messages`, {
      body: 'Thank you, we are looking at it.',
    });
    await call(owner, 'POST', `/api/v1/disclosure/reports/${reportId}/status`, {
      status: 'triaged',
    });
    const assessed = await call(owner, 'PUT', `/api/v1/disclosure/reports/${reportId}/assessment`, {
      cvss: CVSS4,
      cwe: { id: 'CWE-639', name: 'Authorization Bypass Through User-Controlled Key' },
      affectedAssets: ['storefront API'],
      affectedVersions: ['before 2026-02-20'],
    });
    const view = assessed.json<TeamReportView>();
    expect(view.clocks.map((c) => [c.clock, c.state])).toEqual([
      ['first_response', 'met'],
      ['triage', 'met'],
      ['fix', 'running'],
    ]);
    // High: 30 days from triage.
    expect(view.clocks[2]!.dueAt).toBe('2026-03-05T08:00:00.000Z');
  });

  it('escalates to the owner at 50% and 80%, then to the admins at 100%, once each', async () => {
    await at('2026-02-10T08:00:00Z');
    expect(await t.services.disclosure.sla.escalateDue()).toBe(0);
    await at('2026-02-19T09:00:00Z'); // 16 of 30 days
    expect(await t.services.disclosure.sla.escalateDue()).toBe(1);
    expect(escalations().map((m) => [m.to, m.subject])).toEqual([
      [ownerEmail, 'Report #1: 50% of the fix time is used'],
    ]);
    expect(await t.services.disclosure.sla.escalateDue()).toBe(0);
    // The job did not run for a while: past 80% and 100% at once, it mails the highest only.
    await at('2026-03-06T08:00:00Z');
    expect(await t.services.disclosure.sla.escalateDue()).toBe(1);
    expect(
      escalations()
        .slice(1)
        .map((m) => m.to)
        .sort(),
    ).toEqual([adminEmail, ownerEmail].sort());
    expect(escalations()[1]!.subject).toBe('Overdue: report #1 missed its fix deadline');
    expect(await t.services.disclosure.sla.escalateDue()).toBe(0);
    const dashboard = (await call(owner, 'GET', '/api/v1/disclosure/sla')).json<{
      overdue: { id: string; overdue: string[] }[];
    }>();
    expect(dashboard.overdue).toEqual([
      expect.objectContaining({ id: reportId, overdue: ['fix'] }),
    ]);
  });

  it('refuses to publish before the fix, then publishes a CSAF document that validates', async () => {
    const draft = await call(owner, 'POST', `/api/v1/disclosure/reports/${reportId}/advisory`);
    expect(draft.statusCode, draft.body).toBe(201);
    const advisory = draft.json<Advisory>();
    expect(advisory).toMatchObject({ id: 'SHOPCO-2026-0001', status: 'draft', severity: 'high' });
    expect(
      (await call(owner, 'POST', `/api/v1/disclosure/advisories/${advisory.id}/publish`))
        .statusCode,
    ).toBe(409);
    expect((await call(null, 'GET', advisory.links.csaf)).statusCode).toBe(404);

    await call(owner, 'POST', `/api/v1/disclosure/reports/${reportId}/status`, {
      status: 'accepted',
    });
    await call(owner, 'POST', `/api/v1/disclosure/reports/${reportId}/status`, { status: 'fixed' });
    const bad = await call(owner, 'PUT', `/api/v1/disclosure/advisories/${advisory.id}`, {
      ...advisory.content,
      cwe: 'CWE-999999',
    });
    expect(bad.json<{ issues: { field: string }[] }>().issues[0]!.field).toBe('body.cwe');
    await call(owner, 'PUT', `/api/v1/disclosure/advisories/${advisory.id}`, {
      ...advisory.content,
      summary: 'Signed-in customers could read other customers’ saved addresses.',
      fixedVersions: ['2026-02-20'],
      references: ['https://shopco.example/security'],
    });
    await at('2026-03-02T10:00:00Z');
    const published = await call(
      owner,
      'POST',
      `/api/v1/disclosure/advisories/${advisory.id}/publish`,
    );
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json<Advisory>().credit).toEqual(['Ada Researcher']);

    const csaf = await call(null, 'GET', '/.well-known/csaf/white/2026/shopco-2026-0001.json');
    expect(csaf.statusCode).toBe(200);
    const document = csaf.json<{ document: { tracking: { id: string } } }>();
    expect(schemaErrors('csaf', document)).toEqual([]);
    expect(mandatoryTestErrors(document)).toEqual([]);
    expect(document.document.tracking.id).toBe('SHOPCO-2026-0001');
    expect(csaf.body).toContain(CVSS4);

    const provider = (await call(null, 'GET', '/.well-known/csaf/provider-metadata.json')).json();
    expect(schemaErrors('provider', provider)).toEqual([]);
    const index = await call(null, 'GET', '/.well-known/csaf/white/index.txt');
    expect(index.body).toBe('2026/shopco-2026-0001.json\n');

    const osv = (
      await call(null, 'GET', `/api/v1/public/advisories/${advisory.id}/osv.json`)
    ).json();
    expect(schemaErrors('osv', osv)).toEqual([]);
    expect(osv).toMatchObject({ severity: [{ type: 'CVSS_V4', score: CVSS4 }] });
  });

  it('marks the report disclosed, shows it to the researcher and the public with credit', async () => {
    const team = (
      await call(owner, 'GET', `/api/v1/disclosure/reports/${reportId}`)
    ).json<TeamReportView>();
    expect(team.status).toBe('disclosed');
    const researcher = (
      await call(null, 'GET', `/api/v1/public/disclosure/thread/${token}`)
    ).json<ResearcherView>();
    expect(researcher.advisory).toEqual({
      id: 'SHOPCO-2026-0001',
      url: '/trust/advisories/SHOPCO-2026-0001',
    });
    const listed = (await call(null, 'GET', '/api/v1/public/advisories')).json<PublicAdvisory[]>();
    expect(listed).toEqual([
      expect.objectContaining({
        id: 'SHOPCO-2026-0001',
        credit: ['Ada Researcher'],
        publishedAt: '2026-03-02T10:00:00.000Z',
      }),
    ]);
    const fame = (await call(null, 'GET', '/api/v1/public/hall-of-fame')).json();
    expect(fame).toEqual([
      expect.objectContaining({ name: 'Ada Researcher', advisories: ['SHOPCO-2026-0001'] }),
    ]);
  });

  it('puts the advisory, the credit and the policy on the trust center and in its feed', async () => {
    const page = await call(null, 'GET', '/trust/advisories/SHOPCO-2026-0001');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('CVSS 4.0 7.1');
    expect(page.body).toContain('/.well-known/csaf/white/2026/shopco-2026-0001.json');
    expect((await call(null, 'GET', '/trust/feed.atom')).body).toContain('SHOPCO-2026-0001');
    expect((await call(null, 'GET', '/trust/hall-of-fame')).body).toContain('Ada Researcher');
    const policy = await call(null, 'GET', '/trust/vulnerability-disclosure');
    expect(policy.body).toContain('within 3 business days');
    expect(policy.body).toContain('confidential for 90 days');
    // The policy follows the programme at once: the cached page is dropped on change.
    await call(admin, 'PUT', '/api/v1/disclosure/program', { disclosureWindowDays: 60 });
    expect((await call(null, 'GET', '/trust/vulnerability-disclosure')).body).toContain(
      'confidential for 60 days',
    );
  });

  it('validates a CVSS 3.1 advisory with its score object, and a revision on change', async () => {
    const created = await call(owner, 'POST', '/api/v1/disclosure/advisories', {
      title: 'Open redirect on sign-in',
      summary: 'The sign-in page redirected to any site.',
      product: 'ShopCo storefront',
      affectedVersions: ['before 2026-03-01'],
      fixedVersions: ['2026-03-01'],
      remediation: 'Fixed; no action is needed.',
      cvss: CVSS31,
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json<Advisory>().id;
    expect(id).toBe('SHOPCO-2026-0002');
    await call(owner, 'POST', `/api/v1/disclosure/advisories/${id}/publish`);
    const changed = await call(owner, 'PUT', `/api/v1/disclosure/advisories/${id}`, {
      ...created.json<Advisory>().content,
      details: 'Only relative paths are accepted now.',
    });
    expect(changed.json<Advisory>().revisions.map((r) => r.number)).toEqual(['1', '2']);
    const csaf = (
      await call(null, 'GET', '/.well-known/csaf/white/2026/shopco-2026-0002.json')
    ).json<{
      vulnerabilities: { scores: { cvss_v3: { baseScore: number } }[] }[];
    }>();
    expect(schemaErrors('csaf', csaf)).toEqual([]);
    expect(mandatoryTestErrors(csaf)).toEqual([]);
    expect(csaf.vulnerabilities[0]!.scores[0]!.cvss_v3.baseScore).toBe(6.5);
    // The schema check can fail: a document without its tracking is refused.
    expect(schemaErrors('csaf', { ...csaf, document: {} })).not.toEqual([]);
    expect(
      (await call(admin, 'GET', '/api/v1/disclosure/advisories')).json<unknown[]>(),
    ).toHaveLength(2);
  });

  it('keeps the credit it was published with until the team revises it', async () => {
    const withdrawn = await call(
      null,
      'PUT',
      `/api/v1/public/disclosure/thread/${token}/preferences`,
      {
        credit: { name: 'Patch at evil.example', optIn: true },
      },
    );
    expect(withdrawn.statusCode).toBe(200);
    const published = (await call(null, 'GET', '/api/v1/public/advisories')).json<
      PublicAdvisory[]
    >();
    expect(published.find((a) => a.id === 'SHOPCO-2026-0001')!.credit).toEqual(['Ada Researcher']);
    const current = (
      await call(owner, 'GET', '/api/v1/disclosure/advisories/SHOPCO-2026-0001')
    ).json<Advisory>();
    const revised = await call(
      owner,
      'PUT',
      '/api/v1/disclosure/advisories/SHOPCO-2026-0001',
      current.content,
    );
    expect(revised.json<Advisory>()).toMatchObject({ credit: ['Patch at evil.example'] });
    expect(revised.json<Advisory>().revisions).toHaveLength(2);
  });
});
