import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAdvisories } from '../../src/cli/demo/exposure.advisories.js';
import type { Finding } from '../../src/contracts/exposure.js';
import type { Incident, TimelineEntry } from '../../src/contracts/incidents.js';
import { testDialect } from '../support/database.js';
import { createTestApp, type Caller, type TestApp } from '../support/app.js';
import { exposureHelpers, sharedFile } from '../support/exposure.js';

/** An incident opened from a vendor software finding (the real Keycloak SBOM) keeps its facts. */
describe(`incident from a finding (${testDialect})`, () => {
  let t: TestApp;
  let analyst: Caller;
  let viewer: Caller;
  let finding: Finding;
  let vendor: { vendorId: string; integrationId: string };

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await t.callerWithRole('admin');
    analyst = await t.callerWithRole('analyst');
    viewer = await t.callerWithRole('viewer');
    const h = exposureHelpers(t);
    vendor = await h.vendorWithIntegration(analyst, 'Authenticator Inc.');
    await h.importFeed(admin, 'osv', 'demo.osv.json', JSON.stringify(demoAdvisories));
    const uploaded = await h.uploadSbom(
      analyst,
      vendor.vendorId,
      vendor.integrationId,
      'keycloak.cdx.json',
      sharedFile('sbom/keycloak-10.0.2.cdx.json'),
    );
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const listed = await h.call(
      analyst,
      'GET',
      `/api/v1/exposure/findings?vendorId=${vendor.vendorId}&limit=10`,
    );
    finding = listed.json<{ items: Finding[] }>().items[0]!;
  });
  afterAll(() => t.close());

  it('links the finding, its vendor and integration, and keeps what was known', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/incidents/from-finding',
      headers: analyst.headers,
      payload: { findingId: finding.id },
    });
    expect(response.statusCode, response.body).toBe(201);
    const incident = response.json<Incident>();
    expect(incident).toMatchObject({
      type: 'vulnerability_exploited',
      title: expect.stringContaining(finding.advisoryId),
    });
    expect(incident.links.map((l) => l.kind).sort()).toEqual(['finding', 'integration', 'vendor']);
    const timeline = await t.app.inject({
      method: 'GET',
      url: `/api/v1/incidents/${incident.id}/timeline`,
      headers: viewer.headers,
    });
    const link = timeline
      .json<{ items: TimelineEntry[] }>()
      .items.find((e) => e.kind === 'link_change')!;
    expect(link.body).toMatchObject({
      finding: { id: finding.id, advisoryId: finding.advisoryId },
    });
    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/v1/incidents/from-finding',
      headers: analyst.headers,
      payload: { findingId: '7c9e6679-7425-40de-944b-e07fc1f66ae7' },
    });
    expect(missing.statusCode).toBe(404);
    const byViewer = await t.app.inject({
      method: 'POST',
      url: '/api/v1/incidents/from-finding',
      headers: viewer.headers,
      payload: { findingId: finding.id },
    });
    expect(byViewer.statusCode).toBe(403);
  });
});
