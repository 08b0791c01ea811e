import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding, FindingDetail, SbomUploadResult } from '../../src/contracts/exposure.js';
import { demoAdvisories } from '../../src/cli/demo/exposure.advisories.js';
import { testDialect } from '../support/database.js';
import { createTestApp, type Caller, type TestApp } from '../support/app.js';
import { assessmentHelpers } from '../support/assessments.js';
import { cycloneDx, exposureHelpers, sharedFile } from '../support/exposure.js';

/** A KEV catalog in CISA's shape, listing these CVEs. */
function kevCatalog(version: string, cves: string[]) {
  return JSON.stringify({
    title: 'CISA Catalog of Known Exploited Vulnerabilities',
    catalogVersion: version,
    dateReleased: '2026-03-01T00:00:00.000Z',
    count: cves.length,
    vulnerabilities: cves.map((cveID) => ({
      cveID,
      vendorProject: 'Apache',
      product: 'Tomcat',
      vulnerabilityName: 'Apache Tomcat Improper Input Validation',
      dateAdded: '2026-03-01',
      shortDescription: 'Apache Tomcat treats AJP connections as having higher trust.',
      requiredAction: 'Apply updates per vendor instructions.',
      dueDate: '2026-03-22',
      knownRansomwareCampaignUse: 'Known',
      notes: '',
      cwes: ['CWE-20'],
    })),
  });
}

describe(`vendor software exposure (${testDialect})`, () => {
  let t: TestApp;
  let admin: Caller;
  let analyst: Caller;
  let h: ReturnType<typeof exposureHelpers>;
  let authenticator: { vendorId: string; integrationId: string };

  const findingsOf = async (vendorId: string, query = '') => {
    const response = await h.call(
      analyst,
      'GET',
      `/api/v1/exposure/findings?vendorId=${vendorId}&limit=500${query}`,
    );
    expect(response.statusCode, response.body).toBe(200);
    return response.json<{ items: Finding[]; total: number }>().items;
  };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.callerWithRole('admin');
    analyst = await t.callerWithRole('analyst');
    h = exposureHelpers(t);
    authenticator = await h.vendorWithIntegration(analyst, 'Authenticator Inc.');
    await h.importFeed(admin, 'osv', 'demo.osv.json', JSON.stringify(demoAdvisories));
  });
  afterAll(() => t.close());

  it('matches the Keycloak SBOM precisely: Tomcat and Log4j 1.x, never log4j-api for Log4Shell', async () => {
    const uploaded = await h.uploadSbom(
      analyst,
      authenticator.vendorId,
      authenticator.integrationId,
      'keycloak.cdx.json',
      sharedFile('sbom/keycloak-10.0.2.cdx.json'),
    );
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const result = uploaded.json<SbomUploadResult>();
    expect(result).toMatchObject({ format: 'cyclonedx', specVersion: '1.2', findingsOpened: 4 });
    const findings = await findingsOf(authenticator.vendorId);
    const described = findings
      .map((f) => `${f.componentName}@${f.componentVersion} ${f.advisoryId} → ${f.fixedVersion}`)
      .sort();
    expect(described).toEqual([
      'log4j:log4j@1.2.17 DEMO-2019-17571 → null',
      'org.apache.tomcat.embed:tomcat-embed-core@8.5.34 DEMO-2020-1938 → 8.5.51',
      'org.apache.tomcat.embed:tomcat-embed-core@8.5.39 DEMO-2020-1938 → 8.5.51',
      'org.apache.tomcat:tomcat-coyote@8.5.38 DEMO-2020-1938 → 8.5.51',
    ]);
    const coyote = findings.find((f) => f.componentName === 'org.apache.tomcat:tomcat-coyote')!;
    expect(coyote).toMatchObject({
      severity: 'critical',
      score: 9.8,
      knownExploited: false,
      status: 'open',
      versionComparable: true,
      match: { source: 'demo.osv.json', rule: 'ranges[0] ECOSYSTEM' },
    });
    expect(coyote.match.range).toContain('introduced 8.5.0, fixed 8.5.51');
  });

  it('answers which vendors run what an advisory affects, from the index', async () => {
    const response = await h.call(
      analyst,
      'GET',
      '/api/v1/exposure/advisories/DEMO-2020-1938/affected',
    );
    expect(response.statusCode, response.body).toBe(200);
    const impact = response.json<{
      vendors: number;
      components: { vendorName: string; version: string }[];
    }>();
    expect(impact.vendors).toBe(1);
    expect(impact.components.map((c) => c.version).sort()).toEqual(['8.5.34', '8.5.38', '8.5.39']);
    expect(impact.components[0]!.vendorName).toBe('Authenticator Inc.');
    const unknown = await h.call(analyst, 'GET', '/api/v1/exposure/advisories/NOPE-1/affected');
    expect(unknown.statusCode).toBe(404);
  });

  it('a KEV catalog that adds the CVE flags the finding known-exploited and alerts once', async () => {
    const mailBefore = t.sentMail.length;
    const first = await h.importFeed(
      admin,
      'kev',
      'kev-1.json',
      kevCatalog('2026.03.01', ['CVE-2014-0160']),
    );
    expect(first.added).toBe(1);
    expect((await findingsOf(authenticator.vendorId, '&knownExploited=true')).length).toBe(0);

    await h.importFeed(
      admin,
      'kev',
      'kev-2.json',
      kevCatalog('2026.03.02', ['CVE-2014-0160', 'CVE-2020-1938']),
    );
    const flagged = await findingsOf(authenticator.vendorId, '&knownExploited=true');
    expect(flagged.map((f) => f.componentName).sort()).toEqual([
      'org.apache.tomcat.embed:tomcat-embed-core',
      'org.apache.tomcat.embed:tomcat-embed-core',
      'org.apache.tomcat:tomcat-coyote',
    ]);
    expect(flagged[0]!.kev).toMatchObject({
      cveId: 'CVE-2020-1938',
      dateAdded: '2026-03-01',
      ransomware: true,
    });

    const alerts = await h.call(analyst, 'GET', '/api/v1/exposure/alerts?unacknowledged=true');
    const known = alerts
      .json<{ items: { reason: string; title: string }[] }>()
      .items.filter((a) => a.reason === 'known_exploited');
    expect(known).toHaveLength(3);
    expect(known[0]!.title).toContain('CVE-2020-1938');
    const mailed = t.sentMail.slice(mailBefore);
    expect(mailed.map((m) => m.to)).toContain('owner@shopco.example');
    expect(mailed.some((m) => m.subject.includes('3 vendor findings need attention'))).toBe(true);

    // The same catalog again changes nothing and raises nothing.
    const count = t.sentMail.length;
    const again = await h.importFeed(
      admin,
      'kev',
      'kev-2.json',
      kevCatalog('2026.03.02', ['CVE-2014-0160', 'CVE-2020-1938']),
    );
    expect(again.added).toBe(0);
    expect(t.sentMail.length).toBe(count);
  });

  it("the known-exploited finding drives the vendor's residual risk", async () => {
    const response = await h.call(
      analyst,
      'GET',
      `/api/v1/vendors/${authenticator.vendorId}/residual-risk`,
    );
    expect(response.statusCode, response.body).toBe(200);
    const exposure = response
      .json<{ factors: { key: string; points: number; detail: string }[] }>()
      .factors.find((f) => f.key === 'exposure')!;
    expect(exposure.points).toBe(40);
    expect(exposure.detail).toContain('known-exploited');
  });

  it('a newer SBOM fixes what it no longer contains and records the diff', async () => {
    const vendor = await h.vendorWithIntegration(analyst, 'Diff Vendor');
    const first = await h.uploadSbom(
      analyst,
      vendor.vendorId,
      null,
      'v1.json',
      cycloneDx([
        'pkg:maven/org.apache.tomcat/tomcat-coyote@8.5.38',
        'pkg:maven/log4j/log4j@1.2.17',
      ]),
    );
    expect(first.json<SbomUploadResult>()).toMatchObject({ added: 2, findingsOpened: 2 });
    const second = await h.uploadSbom(
      analyst,
      vendor.vendorId,
      null,
      'v2.json',
      cycloneDx([
        'pkg:maven/org.apache.tomcat/tomcat-coyote@8.5.51',
        'pkg:maven/com.google.guava/guava@31.0-jre',
      ]),
    );
    const summary = second.json<SbomUploadResult>();
    expect(summary).toMatchObject({
      added: 1,
      removed: 1,
      changed: 1,
      findingsOpened: 0,
      findingsFixed: 2,
    });
    const changes = await h.call(
      analyst,
      'GET',
      `/api/v1/vendors/${vendor.vendorId}/sboms/${summary.id}/changes`,
    );
    expect(changes.json<{ changes: unknown[] }>().changes).toEqual(
      expect.arrayContaining([
        {
          change: 'changed',
          ecosystem: 'Maven',
          name: 'org.apache.tomcat:tomcat-coyote',
          fromVersion: '8.5.38',
          toVersion: '8.5.51',
        },
        {
          change: 'removed',
          ecosystem: 'Maven',
          name: 'log4j:log4j',
          fromVersion: '1.2.17',
          toVersion: null,
        },
        {
          change: 'added',
          ecosystem: 'Maven',
          name: 'com.google.guava:guava',
          fromVersion: null,
          toVersion: '31.0-jre',
        },
      ]),
    );
    const all = await findingsOf(vendor.vendorId);
    expect(all.every((f) => f.status === 'fixed' && f.statusReason?.includes("'v2.json'"))).toBe(
      true,
    );
    // The old version coming back reopens what the system closed.
    await h.uploadSbom(
      analyst,
      vendor.vendorId,
      null,
      'v3.json',
      cycloneDx(['pkg:maven/log4j/log4j@1.2.17']),
    );
    const reopened = await findingsOf(vendor.vendorId, '&status=open');
    expect(reopened.map((f) => f.advisoryId)).toEqual(['DEMO-2019-17571']);
  });

  it('a withdrawn advisory closes its findings as not affected; a corrected one reopens them', async () => {
    const vendor = await h.vendorWithIntegration(analyst, 'Withdrawn Vendor');
    await h.uploadSbom(
      analyst,
      vendor.vendorId,
      null,
      'go.json',
      cycloneDx(['pkg:golang/github.com/acme/widget@v1.2.0']),
    );
    const advisory = {
      id: 'GO-TEST-0001',
      modified: '2026-01-01T00:00:00Z',
      affected: [
        {
          package: { ecosystem: 'Go', name: 'github.com/acme/widget' },
          ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.3.0' }] }],
        },
      ],
    };
    expect(
      (await h.importFeed(admin, 'osv', 'a.json', JSON.stringify(advisory))).findingsOpened,
    ).toBe(1);
    const older = await h.importFeed(
      admin,
      'osv',
      'a.json',
      JSON.stringify({ ...advisory, withdrawn: '2026-01-02T00:00:00Z' }),
    );
    expect(older.unchanged).toBe(1);
    await h.importFeed(
      admin,
      'osv',
      'a.json',
      JSON.stringify({
        ...advisory,
        modified: '2026-01-02T00:00:00Z',
        withdrawn: '2026-01-02T00:00:00Z',
      }),
    );
    const [closed] = await findingsOf(vendor.vendorId);
    expect(closed).toMatchObject({ status: 'not_affected', statusBy: 'system' });
    await h.importFeed(
      admin,
      'osv',
      'a.json',
      JSON.stringify({ ...advisory, modified: '2026-01-03T00:00:00Z' }),
    );
    expect((await findingsOf(vendor.vendorId))[0]!.status).toBe('open');
  });

  it('a VEX statement marks the finding not affected, and keeps later ones closed too', async () => {
    const vendor = await h.vendorWithIntegration(analyst, 'VEX Vendor');
    const purl = 'pkg:maven/org.apache.tomcat/tomcat-coyote@8.5.38';
    await h.uploadSbom(analyst, vendor.vendorId, null, 'sbom.json', cycloneDx([purl]));
    const vex = {
      bomFormat: 'CycloneDX',
      specVersion: '1.5',
      version: 1,
      components: [{ type: 'library', name: 'tomcat-coyote', 'bom-ref': 'coyote', purl }],
      vulnerabilities: [
        {
          id: 'CVE-2020-1938',
          analysis: {
            state: 'not_affected',
            justification: 'code_not_reachable',
            detail: 'AJP is disabled',
          },
          affects: [{ ref: 'coyote' }],
        },
      ],
    };
    const response = await h.upload(
      analyst,
      `/api/v1/vendors/${vendor.vendorId}/vex`,
      'vex.json',
      JSON.stringify(vex),
    );
    expect(response.json()).toEqual({ statements: 1, findingsUpdated: 1 });
    const [finding] = await findingsOf(vendor.vendorId);
    expect(finding).toMatchObject({
      status: 'not_affected',
      statusReason: 'VEX not_affected (code_not_reachable)',
      statusBy: 'vex',
    });
  });

  it('a later VEX statement replaces an earlier one, and listed versions are honoured', async () => {
    const vendor = await h.vendorWithIntegration(analyst, 'VEX Versions Vendor');
    const base = 'pkg:maven/org.apache.tomcat/tomcat-coyote';
    await h.uploadSbom(analyst, vendor.vendorId, null, 'sbom.json', cycloneDx([`${base}@8.5.38`]));
    const vex = (state: string, affects: object) =>
      JSON.stringify({
        bomFormat: 'CycloneDX',
        specVersion: '1.5',
        vulnerabilities: [{ id: 'CVE-2020-1938', analysis: { state }, affects: [affects] }],
      });
    const statusNow = async () => (await findingsOf(vendor.vendorId))[0]!.status;
    // Versions listed: only 8.5.51 is declared unaffected, so 8.5.38 stays open.
    await h.upload(
      analyst,
      `/api/v1/vendors/${vendor.vendorId}/vex`,
      'v1.json',
      vex('not_affected', { ref: base, versions: [{ version: '8.5.51', status: 'unaffected' }] }),
    );
    expect(await statusNow()).toBe('open');
    await h.upload(
      analyst,
      `/api/v1/vendors/${vendor.vendorId}/vex`,
      'v2.json',
      vex('not_affected', { ref: `${base}@8.5.38` }),
    );
    expect(await statusNow()).toBe('not_affected');
    await h.upload(
      analyst,
      `/api/v1/vendors/${vendor.vendorId}/vex`,
      'v3.json',
      vex('exploitable', { ref: `${base}@8.5.38` }),
    );
    expect(await statusNow()).toBe('open');
  });

  it('an alert whose mail did not go out is mailed by the notify job, once', async () => {
    const vendor = await h.vendorWithIntegration(analyst, 'Pending Mail Vendor');
    await h.uploadSbom(
      analyst,
      vendor.vendorId,
      vendor.integrationId,
      'sbom.json',
      cycloneDx(['pkg:maven/log4j/log4j@1.2.17']),
    );
    const db = t.database.db.kysely;
    const [alert] = await db
      .selectFrom('exposure_alerts')
      .selectAll()
      .where('vendor_id', '=', vendor.vendorId)
      .execute();
    expect(alert).toMatchObject({ reason: 'critical' });
    expect(alert!.notified_at).not.toBeNull();
    // As if the process had stopped between the commit and the mail.
    await db
      .updateTable('exposure_alerts')
      .set({ notified_at: null })
      .where('id', '=', alert!.id)
      .execute();
    const before = t.sentMail.length;
    expect(await t.services.exposure.notifyPendingAlerts()).toBe(1);
    expect(
      t.sentMail
        .slice(before)
        .some((m) => m.text.includes(`/exposure/findings/${alert!.finding_id}`)),
    ).toBe(true);
    expect(await t.services.exposure.notifyPendingAlerts()).toBe(0);
  });

  it('a risk acceptance expires back to open through the daily job', async () => {
    const vendor = await h.vendorWithIntegration(analyst, 'Accepting Vendor');
    await h.uploadSbom(
      analyst,
      vendor.vendorId,
      null,
      'sbom.json',
      cycloneDx(['pkg:maven/log4j/log4j@1.2.17']),
    );
    const [finding] = await findingsOf(vendor.vendorId);
    const noDate = await h.call(analyst, 'PUT', `/api/v1/exposure/findings/${finding!.id}/status`, {
      status: 'risk_accepted',
      reason: 'SocketServer is not used',
    });
    expect(noDate.statusCode).toBe(400);
    expect(noDate.body).toContain('acceptedUntil');
    const accepted = await h.call(
      analyst,
      'PUT',
      `/api/v1/exposure/findings/${finding!.id}/status`,
      { status: 'risk_accepted', reason: 'SocketServer is not used', acceptedUntil: '2026-03-20' },
    );
    expect(accepted.json<Finding>()).toMatchObject({
      status: 'risk_accepted',
      acceptedUntil: '2026-03-20',
      statusBy: analyst.email,
    });
    // Nine days on (sessions would expire, so only the job runs then).
    t.clock.set(new Date('2026-03-21T08:00:00Z'));
    const reopened = await t.services.exposure.reopenExpiredAcceptances();
    t.clock.set(new Date('2026-03-12T08:00:00Z'));
    expect(reopened).toBe(1);
    const detail = await h.call(analyst, 'GET', `/api/v1/exposure/findings/${finding!.id}`);
    expect(detail.json<FindingDetail>()).toMatchObject({
      status: 'open',
      statusReason: 'risk acceptance expired',
    });
    expect(detail.json<FindingDetail>().advisory).toMatchObject({
      id: 'DEMO-2019-17571',
      aliases: ['CVE-2019-17571'],
    });
  });

  it('a declared product matches NVD CPE criteria with version bounds, and not outside them', async () => {
    const vendor = await h.vendorWithIntegration(analyst, 'Declared Vendor');
    await h.importFeed(
      admin,
      'nvd',
      'CVE-2020-1938.json',
      readFileSync(new URL('../fixtures/nvd/CVE-2020-1938.json', import.meta.url)),
    );
    const declare = (version: string) =>
      h.call(analyst, 'POST', `/api/v1/vendors/${vendor.vendorId}/products`, {
        name: 'Apache Tomcat',
        version,
        cpe: `cpe:2.3:a:apache:tomcat:${version}:*:*:*:*:*:*:*`,
      });
    expect((await declare('8.5.50')).statusCode).toBe(201);
    expect((await declare('8.5.51')).statusCode).toBe(201);
    const findings = await findingsOf(vendor.vendorId);
    expect(findings.map((f) => `${f.componentVersion} ${f.advisoryId} ${f.match.rule}`)).toEqual([
      '8.5.50 CVE-2020-1938 CPE name match within version bounds',
    ]);
    expect(findings[0]).toMatchObject({
      knownExploited: true,
      fixedVersion: '8.5.51',
      origin: 'declared',
    });
    const wildcard = await h.call(analyst, 'POST', `/api/v1/vendors/${vendor.vendorId}/products`, {
      name: 'x',
      version: '1',
      cpe: 'cpe:2.3:a:apache:*:1:*:*:*:*:*:*:*',
    });
    expect(wildcard.statusCode).toBe(201);
    expect(await findingsOf(vendor.vendorId)).toHaveLength(1);
  });

  it('declares the products a vendor names in its questionnaire answers', async () => {
    const { sendAssessment, portal } = assessmentHelpers(t);
    const vendor = await h.vendorWithIntegration(analyst, 'Answering Vendor');
    const { id, token } = await sendAssessment(analyst, vendor.vendorId, {
      integrationId: vendor.integrationId,
    });
    const saved = await portal('PUT', token, '/answers', {
      answers: {
        patch_products:
          'Tomcat pkg:maven/org.apache.tomcat/tomcat-coyote@8.5.38 and Log4j pkg:maven/log4j/log4j@1.2.17; nginx (no version given).',
      },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const response = await h.call(analyst, 'POST', `/api/v1/assessments/${id}/declared-products`);
    expect(response.statusCode, response.body).toBe(200);
    const result = response.json<{
      named: number;
      declared: { name: string; origin: string }[];
      findingsOpened: number;
    }>();
    expect(result).toMatchObject({ named: 2, findingsOpened: 2 });
    expect(result.declared.map((c) => `${c.origin} ${c.name}`)).toEqual([
      'declared org.apache.tomcat:tomcat-coyote',
      'declared log4j:log4j',
    ]);
    // Asking again declares nothing twice.
    const again = await h.call(analyst, 'POST', `/api/v1/assessments/${id}/declared-products`);
    expect(again.json<{ declared: unknown[] }>().declared).toEqual([]);
    const viewer = await t.callerWithRole('viewer');
    expect(
      (await h.call(viewer, 'POST', `/api/v1/assessments/${id}/declared-products`)).statusCode,
    ).toBe(403);
    expect(
      (
        await h.call(
          analyst,
          'POST',
          '/api/v1/assessments/7c9e6679-7425-40de-944b-e07fc1f66ae7/declared-products',
        )
      ).statusCode,
    ).toBe(404);
  });

  it('the portfolio puts known-exploited vendors first and the trend counts open findings per day', async () => {
    const portfolio = await h.call(analyst, 'GET', '/api/v1/exposure/portfolio');
    const body = portfolio.json<{ vendors: { vendorName: string; knownExploited: number }[] }>();
    expect(body.vendors[0]).toMatchObject({ vendorName: 'Authenticator Inc.', knownExploited: 3 });
    const trend = await h.call(analyst, 'GET', '/api/v1/exposure/trend?days=7');
    const days = trend.json<{ days: { date: string; open: number }[] }>().days;
    expect(days).toHaveLength(7);
    expect(days.at(-1)!.date).toBe('2026-03-12');
    expect(days.at(-1)!.open).toBeGreaterThanOrEqual(4);
    expect(days[0]!.open).toBe(0);
  });
});
