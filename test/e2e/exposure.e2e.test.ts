import { describe, expect, it } from 'vitest';
import { apiClient, jsonPost, type ApiAuth } from './support/api.js';
import { button, completeSetup, field, heading, signIn } from './support/app.js';
import { chooseOption, step } from './support/browser.js';
import { waitForEmail } from './support/outbox.js';
import { useWalkthrough } from './support/walkthrough.js';

const admin = {
  name: 'Ada Admin',
  email: 'ada@shopco.example',
  password: 'correct horse battery staple',
};
const vendorName = 'Parcel Tracking GmbH';
const integrationName = 'Tracking widget API';
const integrationOwner = 'platform-owner@shopco.example';

/** A hand-made OSV record with a real-looking Maven range (Ghostcat, CVE-2020-1938). */
const osvAdvisory = {
  schema_version: '1.6.0',
  id: 'TEST-2020-1938',
  modified: '2024-03-01T00:00:00Z',
  published: '2020-02-24T22:15:00Z',
  aliases: ['CVE-2020-1938'],
  summary: 'Apache Tomcat AJP connector lets an attacker read or include files',
  details:
    'The AJP connector is enabled by default and trusts its peer.\n\nAn attacker who reaches port 8009 can read web application files. <b>Not HTML</b>',
  severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
  affected: [
    {
      package: { ecosystem: 'Maven', name: 'org.apache.tomcat:tomcat-coyote' },
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '8.5.0' }, { fixed: '8.5.51' }] }],
    },
  ],
  references: [{ type: 'ADVISORY', url: 'https://nvd.nist.gov/vuln/detail/CVE-2020-1938' }],
};

/** The KEV catalog's shape (cisa-kev.schema.json), with the one entry the test needs. */
const kevCatalog = {
  title: 'CISA Catalog of Known Exploited Vulnerabilities',
  catalogVersion: '2022.03.03',
  dateReleased: '2022-03-03T15:00:00.000Z',
  count: 1,
  vulnerabilities: [
    {
      cveID: 'CVE-2020-1938',
      vendorProject: 'Apache',
      product: 'Tomcat',
      vulnerabilityName: 'Apache Tomcat Improper Privilege Management Vulnerability',
      dateAdded: '2022-03-03',
      shortDescription:
        'Apache Tomcat treats Apache JServ Protocol (AJP) connections as having higher trust than, for example, a similar HTTP connection.',
      requiredAction: 'Apply updates per vendor instructions.',
      dueDate: '2022-03-17',
      knownRansomwareCampaignUse: 'Unknown',
      notes: 'https://nvd.nist.gov/vuln/detail/CVE-2020-1938',
      cwes: ['CWE-269'],
    },
  ],
};

/** A tiny CycloneDX 1.4 SBOM: the vulnerable Tomcat, and a component nothing can match. */
const sbom = {
  bomFormat: 'CycloneDX',
  specVersion: '1.4',
  serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79',
  version: 1,
  metadata: { component: { type: 'application', name: 'tracking-widget', version: '4.1.0' } },
  components: [
    {
      type: 'library',
      'bom-ref': 'pkg:maven/org.apache.tomcat/tomcat-coyote@8.5.38',
      group: 'org.apache.tomcat',
      name: 'tomcat-coyote',
      version: '8.5.38',
      purl: 'pkg:maven/org.apache.tomcat/tomcat-coyote@8.5.38',
    },
    { type: 'library', name: 'in-house-label-printer', version: '2.0.0' },
  ],
};

const walkthrough = useWalkthrough();
const { callApi, sessionOf } = apiClient(() => walkthrough.server.url);

/** Multipart uploads from Node, as the web app sends them (field "file"). */
async function uploadFile<T>(path: string, auth: ApiAuth, name: string, body: unknown) {
  const form = new FormData();
  form.append('file', new Blob([JSON.stringify(body)], { type: 'application/json' }), name);
  const headers: Record<string, string> = { accept: 'application/json' };
  if ('cookie' in auth) {
    headers.cookie = auth.cookie;
    if (auth.csrf) headers['x-csrf-token'] = auth.csrf;
  } else headers.authorization = `Bearer ${auth.token}`;
  const response = await fetch(`${walkthrough.server.url}${path}`, {
    method: 'POST',
    headers,
    body: form,
  });
  const text = await response.text();
  if (response.status !== 201) throw new Error(`POST ${path} answered ${response.status}: ${text}`);
  return JSON.parse(text) as T;
}

/** `YYYY-MM-DD`, `days` from today (UTC). */
const dayFromNow = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('browser walkthrough: a vendor runs a known-exploited Tomcat', () => {
  it('matches an uploaded SBOM against OSV and KEV, explains the match, and records a risk acceptance', async () => {
    const page = await walkthrough.pages.newPage();
    await step('setup-and-sign-in', page, async () => {
      await completeSetup(page, walkthrough.server.setupToken, admin);
      await signIn(page, admin);
      await heading(page, 'Vendors').waitFor();
    });
    const session = await step('session', page, () => sessionOf(page));
    const json = (body: unknown) => jsonPost(session, body);

    const vendorId = await step('create-vendor-with-live-integration', page, async () => {
      const vendor = await callApi<{ id: string }>('/api/v1/vendors', {
        ...json({ legalName: vendorName, securityContact: 'security@parcel.example' }),
        expectStatus: 201,
      });
      const integration = {
        name: integrationName,
        kind: 'server_api_client',
        owner: integrationOwner,
      };
      const created = await callApi<{ id: string }>(`/api/v1/vendors/${vendor.id}/integrations`, {
        ...json(integration),
        expectStatus: 201,
      });
      // Going live needs an approval or a risk acceptance: accept the vendor's risk for now.
      const assessment = await callApi<{ id: string }>(`/api/v1/vendors/${vendor.id}/assessments`, {
        ...json({ dueDate: dayFromNow(30), recipientEmail: 'security@parcel.example' }),
        expectStatus: 201,
      });
      await callApi(`/api/v1/assessments/${assessment.id}/decisions`, {
        ...json({
          outcome: 'risk_acceptance',
          reason: 'Pilot while the questionnaire is out',
          expiresOn: dayFromNow(60),
        }),
        expectStatus: 201,
      });
      await callApi(`/api/v1/vendors/${vendor.id}/integrations/${created.id}`, {
        ...json({ ...integration, status: 'active' }),
        method: 'PUT',
      });
      return vendor.id;
    });

    await step('import-osv-and-kev', page, async () => {
      const osv = await uploadFile<{ records: number }>(
        '/api/v1/exposure/advisories/import?kind=osv',
        session,
        'test-advisories.json',
        osvAdvisory,
      );
      expect(osv.records).toBe(1);
      const kev = await uploadFile<{ records: number }>(
        '/api/v1/exposure/advisories/import?kind=kev',
        session,
        'known_exploited_vulnerabilities.json',
        kevCatalog,
      );
      expect(kev.records).toBe(1);
    });

    await step('upload-sbom-on-software-tab', page, async () => {
      await page.goto(`/vendors/${vendorId}?tab=software`);
      await heading(page, 'Upload an SBOM').waitFor();
      await chooseOption(page, 'Scope', integrationName);
      await page.getByTestId('sbom-file').setInputFiles({
        name: 'tracking-widget.cdx.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(sbom)),
      });
      await button(page, 'Upload SBOM').click();
      await page.getByText('SBOM uploaded').waitFor();
      const findings = page.getByTestId('exposure-findings-table');
      await findings.getByText('Known exploited').waitFor();
      await findings.getByRole('link', { name: /TEST-2020-1938/ }).waitFor();
      await findings.getByText('8.5.51').waitFor();
      const components = page.getByTestId('components-table');
      await components.getByText('pkg:maven/org.apache.tomcat/tomcat-coyote@8.5.38').waitFor();
      await components
        .getByRole('row', { name: /in-house-label-printer/ })
        .getByText('Not matchable')
        .waitFor();
      await page.getByTestId('sbom-history-table').getByText('tracking-widget.cdx.json').waitFor();
    });

    await step('portfolio-lists-the-vendor', page, async () => {
      await page.goto('/exposure');
      await heading(page, 'Exposure').waitFor();
      const vendors = page.getByTestId('vendor-exposure-table');
      await vendors.getByText('Known-exploited vulnerabilities (1)').waitFor();
      await vendors.getByRole('link', { name: vendorName }).waitFor();
      await page
        .getByTestId('exposure-alert')
        .getByText(/Known-exploited CVE-2020-1938/)
        .waitFor();
    });

    const findingId = await step('open-finding-detail', page, async () => {
      await page.goto(`/vendors/${vendorId}?tab=software`);
      await page
        .getByTestId('exposure-findings-table')
        .getByRole('link', { name: /TEST-2020-1938/ })
        .click();
      await page.waitForURL(/\/exposure\/findings\/[0-9a-f-]+$/);
      await heading(page, 'Why it matched').waitFor();
      const match = page.getByRole('region', { name: 'Why it matched' });
      await match.getByText('introduced 8.5.0, fixed 8.5.51').waitFor();
      await match.getByText('Known exploited (CVE-2020-1938)').waitFor();
      const facts = page.getByRole('region', { name: 'Affected component' });
      await facts.getByText('8.5.51', { exact: true }).waitFor();
      await facts.getByRole('link', { name: vendorName }).waitFor();
      // Advisory text is shown as text: the markup in it is not HTML.
      await page.getByText('<b>Not HTML</b>', { exact: false }).waitFor();
      await page
        .getByTestId('advisory-attribution')
        .getByText(/Imported from/)
        .waitFor();
      const reference = page.getByRole('link', { name: /nvd\.nist\.gov\/vuln\/detail/ });
      await expect(reference.getAttribute('rel')).resolves.toBe('noopener noreferrer');
      return new URL(page.url()).pathname.split('/').pop()!;
    });

    await step('alert-email-links-to-the-finding', page, async () => {
      const email = await waitForEmail(walkthrough.server.dataDir, integrationOwner);
      expect(email).toContain(`${walkthrough.server.url}/exposure/findings/${findingId}`);
    });

    await step('accept-the-risk', page, async () => {
      await page.getByRole('radio', { name: 'Accept the risk until a date' }).check();
      await field(page, 'Reason').fill('Vendor patches in the next release; AJP is firewalled');
      await field(page, 'Accepted until').fill(dayFromNow(45));
      await button(page, 'Accept risk').click();
      await page.getByText('The risk was accepted.').waitFor();
      await page.getByText('Risk accepted', { exact: true }).first().waitFor();
      const finding = await callApi<{ status: string; acceptedUntil: string }>(
        `/api/v1/exposure/findings/${findingId}`,
        { auth: session },
      );
      expect(finding).toMatchObject({ status: 'risk_accepted', acceptedUntil: dayFromNow(45) });
    });

    await step('portfolio-after-acceptance', page, async () => {
      await page.goto('/exposure?status=risk_accepted');
      const findings = page.getByTestId('exposure-findings-table');
      await findings.getByRole('link', { name: vendorName }).waitFor();
      await findings.getByText('Risk accepted', { exact: true }).waitFor();
      // The trend still counts it: accepted is not resolved.
      const chart = page.getByRole('img', { name: /Unresolved findings per day/ });
      await chart.waitFor();
      await expect(chart.getAttribute('aria-label')).resolves.toMatch(
        /1 unresolved, 1 known exploited/,
      );
      await chart.locator('.recharts-area').first().waitFor();
      await page
        .getByRole('button', { name: /^Acknowledge: Known-exploited CVE-2020-1938/ })
        .click();
      await page.getByText('Alert acknowledged.').waitFor();
      await page.getByText('0 unacknowledged').waitFor();
    });

    await step('open-an-incident-from-the-finding', page, async () => {
      await page.goto(`/exposure/findings/${findingId}`);
      await button(page, 'Create incident').click();
      await page.waitForURL(/\/incidents\/[0-9a-f-]{36}/);
      await page
        .getByRole('heading', { name: /TEST-2020-1938/ })
        .first()
        .waitFor();
      const incidentId = page.url().split('/incidents/')[1]!.split(/[?#]/)[0]!;
      const incident = await callApi<{ type: string; links: { kind: string }[] }>(
        `/api/v1/incidents/${incidentId}`,
        { auth: session },
      );
      expect(incident.type).toBe('vulnerability_exploited');
      expect(incident.links.map((link) => link.kind)).toContain('finding');
    });

    expect(walkthrough.pages.problems).toEqual([]);
  });
});
