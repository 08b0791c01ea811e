import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/contracts/exposure.js';
import { testDialect } from '../support/database.js';
import { createTestApp, type Caller, type TestApp } from '../support/app.js';
import { assessmentHelpers } from '../support/assessments.js';
import { cycloneDx, exposureHelpers, sharedFile } from '../support/exposure.js';

const UNKNOWN = '7c9e6679-7425-40de-944b-e07fc1f66ae7';

describe(`exposure: bad input and object access (${testDialect})`, () => {
  let t: TestApp;
  let admin: Caller;
  let analyst: Caller;
  let viewer: Caller;
  let h: ReturnType<typeof exposureHelpers>;
  let vendor: { vendorId: string; integrationId: string };
  let other: { vendorId: string; integrationId: string };

  const count = async (table: 'exposure_sboms' | 'exposure_components' | 'exposure_advisories') =>
    Number(
      (
        await t.database.db.kysely
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.callerWithRole('admin');
    analyst = await t.callerWithRole('analyst');
    viewer = await t.callerWithRole('viewer');
    h = exposureHelpers(t);
    vendor = await h.vendorWithIntegration(analyst, 'Input Vendor');
    other = await h.vendorWithIntegration(analyst, 'Other Vendor');
  });
  afterAll(() => t.close());

  describe('SBOMs that are wrong are refused whole, naming the place', () => {
    const keycloak = sharedFile('sbom/keycloak-10.0.2.cdx.json');
    it.each([
      ['truncated JSON', keycloak.subarray(0, keycloak.length / 2), 'sbom'],
      [
        'CycloneDX 1.1',
        JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.1', components: [] }),
        'sbom.specVersion',
      ],
      ['a bogus purl', cycloneDx(['pkg:maven/a/b@1', 'not a purl']), 'sbom.components[1].purl'],
      ['neither format', JSON.stringify({ hello: 'world' }), 'sbom'],
      [
        'a NUL in a name',
        cycloneDx(['pkg:npm/left-pad@1.0.0']).replace('"left-pad"', '"left\\u0000pad"'),
        'sbom',
      ],
      [
        'a NUL hidden in percent-encoding',
        cycloneDx(['pkg:npm/a%00b@1.0.0']),
        'sbom.components[0].purl',
      ],
      [
        'a 4,000-character version',
        JSON.stringify({
          bomFormat: 'CycloneDX',
          specVersion: '1.5',
          components: [{ type: 'library', name: 'x', version: '9'.repeat(4000) }],
        }),
        'sbom.components[0].version',
      ],
    ])('%s', async (_case, bytes, field) => {
      const before = await count('exposure_components');
      const response = await h.uploadSbom(analyst, vendor.vendorId, null, 'bad.json', bytes);
      expect(response.statusCode, response.body).toBe(400);
      const body = response.json<{ code: string; issues: { field: string }[] }>();
      expect(body.code).toBe('VALIDATION');
      expect(body.issues.map((issue) => issue.field)).toContain(field);
      expect(await count('exposure_components')).toBe(before);
    });
  });

  it('an advisory file with one bad record imports nothing and names the line', async () => {
    const good = { id: 'GO-OK-1', modified: '2026-01-01T00:00:00Z', affected: [] };
    const bad = {
      id: 'GO-BAD-1',
      modified: '2026-01-01T00:00:00Z',
      affected: [
        {
          package: { ecosystem: 'Go', name: 'x' },
          ranges: [{ type: 'FOO', events: [{ introduced: '0' }] }],
        },
      ],
    };
    const before = await count('exposure_advisories');
    const response = await h.upload(
      admin,
      '/api/v1/exposure/advisories/import?kind=osv',
      'feed.ndjson',
      [good, bad].map((r) => JSON.stringify(r)).join('\n'),
    );
    expect(response.statusCode, response.body).toBe(400);
    const body = response.json<{ message: string; issues: { field: string; message: string }[] }>();
    expect(body.message).toContain('nothing was imported');
    expect(body.issues[0]).toMatchObject({ field: 'feed.ndjson line 2' });
    expect(body.issues[0]!.message).toContain('unknown range type "FOO"');
    expect(await count('exposure_advisories')).toBe(before);
  });

  it('an id twice in one file keeps the newest; instants are compared in UTC', async () => {
    const record = (modified: string, summary: string) => ({
      id: 'GO-TWICE-1',
      modified,
      summary,
      affected: [],
    });
    const file = [record('2026-01-01T00:00:00Z', 'old'), record('2026-01-02T00:00:00Z', 'new')]
      .map((r) => JSON.stringify(r))
      .join('\n');
    expect(await h.importFeed(admin, 'osv', 'twice.ndjson', file)).toMatchObject({
      records: 2,
      added: 1,
      unchanged: 1,
    });
    const stored = await h.call(viewer, 'GET', '/api/v1/exposure/advisories/GO-TWICE-1');
    expect(stored.json()).toMatchObject({ summary: 'new', modified: '2026-01-02T00:00:00.000Z' });
    // 01:00+02:00 is 23:00 the day before in UTC: older, so it changes nothing.
    const offset = await h.importFeed(
      admin,
      'osv',
      'offset.json',
      JSON.stringify(record('2026-01-02T01:00:00+02:00', 'older')),
    );
    expect(offset).toMatchObject({ unchanged: 1 });
  });

  it('a gzip bomb is refused by its expanded size', async () => {
    const small = await createTestApp({ config: { exposureMaxExpandedBytes: 1024 * 1024 } });
    try {
      const smallAdmin = await small.callerWithRole('admin');
      const bomb = gzipSync(Buffer.alloc(20 * 1024 * 1024, 0x20));
      const response = await exposureHelpers(small).upload(
        smallAdmin,
        '/api/v1/exposure/advisories/import?kind=osv',
        'bomb.ndjson.gz',
        bomb,
      );
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json<{ message: string }>().message).toContain('1048576');
    } finally {
      await small.close();
    }
  });

  it('a KEV catalog with a bad entry is refused naming it', async () => {
    const catalog = JSON.parse(sharedFile('advisories/cisa-kev.json').toString()) as {
      vulnerabilities: Record<string, unknown>[];
    };
    delete catalog.vulnerabilities[3]!.cveID;
    const response = await h.upload(
      admin,
      '/api/v1/exposure/advisories/import?kind=kev',
      'kev.json',
      JSON.stringify(catalog),
    );
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('vulnerabilities[3].cveID');
  });

  it('a version the ecosystem cannot order is flagged "version not comparable", not missed', async () => {
    await h.importFeed(
      admin,
      'osv',
      'npm.json',
      JSON.stringify({
        id: 'NPM-TEST-1',
        modified: '2026-01-01T00:00:00Z',
        affected: [
          {
            package: { ecosystem: 'npm', name: 'left-pad' },
            ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.3.0' }] }],
          },
        ],
      }),
    );
    await h.uploadSbom(
      analyst,
      vendor.vendorId,
      null,
      'odd.json',
      cycloneDx(['pkg:npm/left-pad@latest']),
    );
    const list = await h.call(
      analyst,
      'GET',
      `/api/v1/exposure/findings?vendorId=${vendor.vendorId}`,
    );
    const [finding] = list.json<{ items: Finding[] }>().items;
    expect(finding).toMatchObject({
      versionComparable: false,
      match: { rule: 'version not comparable' },
      fixedVersion: '1.3.0',
    });
  });

  it('a declared product with a malformed CPE is refused naming the field', async () => {
    const response = await h.call(analyst, 'POST', `/api/v1/vendors/${vendor.vendorId}/products`, {
      name: 'Tomcat',
      version: '8',
      cpe: 'cpe:2.3:a:apache',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ issues: { field: string }[] }>().issues[0]!.field).toBe('body.cpe');
  });

  it('triage refuses what the data decides, and dates in the past', async () => {
    const v = await h.vendorWithIntegration(analyst, 'Triage Vendor');
    await h.importFeed(
      admin,
      'osv',
      'triage.json',
      JSON.stringify({
        id: 'NPM-TRIAGE-1',
        modified: '2026-01-01T00:00:00Z',
        affected: [
          {
            package: { ecosystem: 'npm', name: 'triaged' },
            ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '2.0.0' }] }],
          },
        ],
      }),
    );
    await h.uploadSbom(analyst, v.vendorId, null, 'a.json', cycloneDx(['pkg:npm/triaged@1.0.0']));
    const [finding] = (
      await h.call(analyst, 'GET', `/api/v1/exposure/findings?vendorId=${v.vendorId}`)
    ).json<{ items: Finding[] }>().items;
    const past = await h.call(analyst, 'PUT', `/api/v1/exposure/findings/${finding!.id}/status`, {
      status: 'risk_accepted',
      reason: 'later',
      acceptedUntil: '2020-01-01',
    });
    expect(past.statusCode).toBe(400);
    expect(past.json<{ issues: { field: string }[] }>().issues[0]!.field).toBe(
      'body.acceptedUntil',
    );
    await h.uploadSbom(analyst, v.vendorId, null, 'b.json', cycloneDx(['pkg:npm/triaged@2.0.0']));
    const reopen = await h.call(analyst, 'PUT', `/api/v1/exposure/findings/${finding!.id}/status`, {
      status: 'open',
      reason: 'check',
    });
    expect(reopen.statusCode).toBe(409);
    const twice = async () =>
      h.call(analyst, 'POST', `/api/v1/vendors/${v.vendorId}/products`, {
        name: 'a',
        version: '1',
        purl: 'pkg:npm/twice@1.0.0',
      });
    expect((await twice()).statusCode).toBe(201);
    expect((await twice()).statusCode).toBe(409);
  });

  describe('objects outside the path or unknown are 404, and rights are checked per route', () => {
    it('SBOMs, components and products of an unknown vendor', async () => {
      for (const url of [
        `/api/v1/vendors/${UNKNOWN}/sboms`,
        `/api/v1/vendors/${UNKNOWN}/components`,
      ])
        expect((await h.call(viewer, 'GET', url)).statusCode, url).toBe(404);
      expect((await h.uploadSbom(analyst, UNKNOWN, null, 'a.json', cycloneDx([]))).statusCode).toBe(
        404,
      );
      expect(
        (
          await h.call(analyst, 'POST', `/api/v1/vendors/${UNKNOWN}/products`, {
            name: 'a',
            version: '1',
            purl: 'pkg:npm/a@1',
          })
        ).statusCode,
      ).toBe(404);
      expect(
        (await h.upload(analyst, `/api/v1/vendors/${UNKNOWN}/vex`, 'vex.json', '{}')).statusCode,
      ).toBe(400);
    });

    it('an integration of another vendor, and an SBOM under another vendor', async () => {
      const wrong = await h.uploadSbom(
        analyst,
        vendor.vendorId,
        other.integrationId,
        'a.json',
        cycloneDx(['pkg:npm/a@1.0.0']),
      );
      expect(wrong.statusCode).toBe(404);
      const mine = await h.uploadSbom(
        analyst,
        vendor.vendorId,
        vendor.integrationId,
        'a.json',
        cycloneDx(['pkg:npm/a@1.0.0']),
      );
      const sbomId = mine.json<{ id: string }>().id;
      expect(
        (await h.call(viewer, 'GET', `/api/v1/vendors/${vendor.vendorId}/sboms/${sbomId}/changes`))
          .statusCode,
      ).toBe(200);
      expect(
        (await h.call(viewer, 'GET', `/api/v1/vendors/${other.vendorId}/sboms/${sbomId}/changes`))
          .statusCode,
      ).toBe(404);
      expect(
        (await h.call(viewer, 'GET', `/api/v1/vendors/${other.vendorId}/sboms/${sbomId}/file`))
          .statusCode,
      ).toBe(404);
      const file = await h.call(
        viewer,
        'GET',
        `/api/v1/vendors/${vendor.vendorId}/sboms/${sbomId}/file`,
      );
      expect(file.headers['content-disposition']).toContain('attachment');
    });

    it('a declared product removed under another vendor, findings and alerts that do not exist', async () => {
      const declared = await h.call(
        analyst,
        'POST',
        `/api/v1/vendors/${vendor.vendorId}/products`,
        { name: 'a', version: '1', purl: 'pkg:npm/declared@1.0.0' },
      );
      const componentId = declared.json<{ id: string }>().id;
      expect(
        (
          await h.call(
            analyst,
            'DELETE',
            `/api/v1/vendors/${other.vendorId}/products/${componentId}`,
          )
        ).statusCode,
      ).toBe(404);
      expect(
        (
          await h.call(
            analyst,
            'DELETE',
            `/api/v1/vendors/${vendor.vendorId}/products/${componentId}`,
          )
        ).statusCode,
      ).toBe(200);
      expect((await h.call(viewer, 'GET', `/api/v1/exposure/findings/${UNKNOWN}`)).statusCode).toBe(
        404,
      );
      expect(
        (
          await h.call(analyst, 'PUT', `/api/v1/exposure/findings/${UNKNOWN}/status`, {
            status: 'open',
            reason: 'check',
          })
        ).statusCode,
      ).toBe(404);
      expect(
        (await h.call(analyst, 'POST', `/api/v1/exposure/alerts/${UNKNOWN}/acknowledge`))
          .statusCode,
      ).toBe(404);
      expect((await h.call(viewer, 'GET', '/api/v1/exposure/advisories/NOPE-1')).statusCode).toBe(
        404,
      );
    });

    it('feeds are for admins; a viewer reads but cannot triage', async () => {
      const kev = sharedFile('advisories/cisa-kev.json');
      expect(
        (await h.upload(analyst, '/api/v1/exposure/advisories/import?kind=kev', 'kev.json', kev))
          .statusCode,
      ).toBe(403);
      expect((await h.call(viewer, 'GET', '/api/v1/exposure/imports')).statusCode).toBe(200);
      expect(
        (await h.uploadSbom(viewer, vendor.vendorId, null, 'a.json', cycloneDx([]))).statusCode,
      ).toBe(403);
    });

    it('the portal takes an SBOM only through a live link, and files it under that vendor', async () => {
      const { sendAssessment } = assessmentHelpers(t);
      const bad = await h.upload(
        null,
        '/api/v1/portal/not-a-real-token-but-long-enough-to-parse-ok/sbom',
        'a.json',
        cycloneDx([]),
      );
      expect([404, 400]).toContain(bad.statusCode);
      const { token } = await sendAssessment(analyst, other.vendorId, {
        integrationId: other.integrationId,
      });
      const uploaded = await h.upload(
        null,
        `/api/v1/portal/${token}/sbom`,
        'portal.json',
        cycloneDx(['pkg:npm/portal-pkg@2.0.0']),
      );
      expect(uploaded.statusCode, uploaded.body).toBe(201);
      expect(Object.keys(uploaded.json<object>()).sort()).toEqual([
        'componentCount',
        'id',
        'uploadedAt',
      ]);
      // The questionnaire's SBOM question feeds the index too; a file that is no SBOM is refused.
      const evidenceUrl = `/api/v1/portal/${token}/evidence?question=patch_sbom_file`;
      const notSbom = await h.upload(null, evidenceUrl, 'notes.txt', 'our SBOM is on request');
      expect(notSbom.statusCode, notSbom.body).toBe(400);
      const asEvidence = await h.upload(
        null,
        evidenceUrl,
        'bom.json',
        cycloneDx(['pkg:npm/evidence-pkg@1.0.0']),
      );
      expect(asEvidence.statusCode, asEvidence.body).toBe(201);
      const components = await h.call(
        viewer,
        'GET',
        `/api/v1/vendors/${other.vendorId}/components`,
      );
      expect(components.json<{ items: { name: string }[] }>().items.map((c) => c.name)).toEqual([
        'evidence-pkg',
      ]);
      const list = await h.call(viewer, 'GET', `/api/v1/vendors/${other.vendorId}/sboms`);
      expect(list.json<{ uploadedVia: string; integrationId: string }[]>()).toHaveLength(2);
      expect(list.json<{ uploadedVia: string; integrationId: string }[]>()[1]).toMatchObject({
        uploadedVia: 'portal',
        integrationId: other.integrationId,
      });
    });
  });
});
