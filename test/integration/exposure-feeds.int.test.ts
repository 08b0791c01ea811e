import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/contracts/exposure.js';
import { demoAdvisories } from '../../src/cli/demo/exposure.advisories.js';
import { syncFeeds } from '../../src/modules/exposure/exposure.feeds.js';
import { affects, type OsvAffected } from '../../src/modules/exposure/exposure.ranges.js';
import { packageKeyOf } from '../../src/modules/exposure/exposure.purl.js';
import { compareSemver } from '../../src/modules/exposure/versions.semver.js';
import { loadConfig } from '../../src/lib/config.js';
import { testDialect } from '../support/database.js';
import { createTestApp, type Caller, type TestApp } from '../support/app.js';
import { exposureHelpers, sharedFile } from '../support/exposure.js';

describe(`exposure feeds (${testDialect})`, () => {
  let t: TestApp;
  let admin: Caller;
  let h: ReturnType<typeof exposureHelpers>;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.callerWithRole('admin');
    h = exposureHelpers(t);
  });
  afterAll(() => t.close());

  it('proton-bridge against go-vulndb: the index finds exactly what a full scan finds', async () => {
    const vendor = await h.vendorWithIntegration(admin, 'Proton');
    const feed = sharedFile('advisories/go-vulndb.osv.ndjson.gz');
    await h.importFeed(admin, 'osv', 'go-vulndb.osv.ndjson.gz', feed);
    const sbom = sharedFile('sbom/proton-bridge-1.8.0.cdx.json');
    const uploaded = await h.uploadSbom(
      admin,
      vendor.vendorId,
      vendor.integrationId,
      'proton.json',
      sbom,
    );
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const response = await h.call(
      admin,
      'GET',
      `/api/v1/exposure/findings?vendorId=${vendor.vendorId}&limit=500`,
    );
    const found = response
      .json<{ items: Finding[] }>()
      .items.map((f) => `${f.componentName}@${f.componentVersion} ${f.advisoryId}`);

    // The slow way, with no index: every component against every advisory.
    const components = (
      JSON.parse(sbom.toString()) as { components: { purl: string }[] }
    ).components.map((c) => packageKeyOf(c.purl)!);
    const advisories = gunzipSync(feed)
      .toString()
      .trim()
      .split('\n')
      .map(
        (line) =>
          JSON.parse(line) as {
            id: string;
            withdrawn?: string;
            affected: (OsvAffected & { package: { name: string } })[];
          },
      );
    const expected = new Set<string>();
    for (const advisory of advisories) {
      if (advisory.withdrawn) continue;
      for (const component of components)
        if (
          advisory.affected.some(
            (a) =>
              a.package.name === component.name && affects(a, component.version!, compareSemver),
          )
        )
          expected.add(`${component.name}@${component.version} ${advisory.id}`);
    }
    expect(found.sort()).toEqual([...expected].sort());
    // Checked by hand against pkg.go.dev/vuln: gin 1.4.0 is before GO-2020-0001's fix (1.6.0).
    expect(found).toContain('github.com/gin-gonic/gin@v1.4.0 GO-2020-0001');
    expect(found.length).toBeGreaterThan(40);
  });

  describe('scheduled sync from configured URLs', () => {
    let server: Server;
    let kev: string;
    let base: string;

    beforeAll(async () => {
      server = createServer((request, response) => {
        if (request.url === '/kev.json')
          response.writeHead(200, { 'content-type': 'application/json' }).end(kev);
        else if (request.url === '/maven.json')
          response.writeHead(200).end(JSON.stringify(demoAdvisories));
        else response.writeHead(404).end();
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    const catalog = (cves: string[]) =>
      JSON.stringify({
        title: 'CISA Catalog of Known Exploited Vulnerabilities',
        catalogVersion: `2026.03.0${cves.length}`,
        dateReleased: '2026-03-01T00:00:00.000Z',
        count: cves.length,
        vulnerabilities: cves.map((cveID) => ({
          cveID,
          vendorProject: 'Apache',
          product: 'Log4j',
          vulnerabilityName: 'Apache Log4j Deserialization',
          dateAdded: '2026-03-02',
          shortDescription: 'Log4j 1.2 SocketServer deserializes untrusted data.',
          requiredAction: 'Apply mitigations or discontinue use.',
          dueDate: '2026-03-23',
          knownRansomwareCampaignUse: 'Unknown',
          notes: '',
          cwes: ['CWE-502'],
        })),
      });

    it('a newer KEV catalog raises the alert with nobody doing anything', async () => {
      const vendor = await h.vendorWithIntegration(admin, 'Sync Vendor');
      const config = loadConfig(
        {},
        { exposureFeeds: `osv=${base}/maven.json,kev=${base}/kev.json`, dataDir: '/tmp' },
      );
      kev = catalog(['CVE-2014-0160']);
      await syncFeeds(t.services.exposure, config);
      const sbom = JSON.stringify({
        bomFormat: 'CycloneDX',
        specVersion: '1.5',
        components: [
          {
            type: 'library',
            name: 'log4j',
            version: '1.2.17',
            purl: 'pkg:maven/log4j/log4j@1.2.17',
          },
        ],
      });
      await h.uploadSbom(admin, vendor.vendorId, vendor.integrationId, 'sbom.json', sbom);
      const alertsOf = async () =>
        (await h.call(admin, 'GET', '/api/v1/exposure/alerts'))
          .json<{ items: { vendorId: string; reason: string }[] }>()
          .items.filter((a) => a.vendorId === vendor.vendorId);
      // Log4j 1.x's SocketServer flaw is critical: that alerts on its own.
      expect((await alertsOf()).map((a) => a.reason)).toEqual(['critical']);

      kev = catalog(['CVE-2014-0160', 'CVE-2019-17571']);
      const results = await syncFeeds(t.services.exposure, config);
      expect(results.map((r) => r.url)).toEqual([`${base}/maven.json`, `${base}/kev.json`]);
      expect((await alertsOf()).map((a) => a.reason).sort()).toEqual([
        'critical',
        'known_exploited',
      ]);
      expect(t.sentMail.at(-1)?.subject).toContain('Known-exploited CVE-2019-17571');
    });

    it('a feed that fails is reported and the job fails, after the others ran', async () => {
      const config = loadConfig(
        {},
        { exposureFeeds: `kev=${base}/missing.json,kev=${base}/kev.json`, dataDir: '/tmp' },
      );
      await expect(syncFeeds(t.services.exposure, config)).rejects.toThrow('HTTP 404');
      const imports = (await h.call(admin, 'GET', '/api/v1/exposure/imports')).json<{
        items: { fileName: string }[];
      }>();
      expect(imports.items[0]!.fileName).toBe(`${base}/kev.json`);
    });
  });
});
