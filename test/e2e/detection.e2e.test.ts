import type { IngestResult } from '../../src/contracts/detection.js';
import { describe, expect, it } from 'vitest';
import { apiClient, jsonPost } from './support/api.js';
import { button, completeSetup, field, heading, signIn } from './support/app.js';
import { step } from './support/browser.js';
import { useWalkthrough } from './support/walkthrough.js';

const admin = {
  name: 'Dana Defender',
  email: 'dana@shopco.example',
  password: 'correct horse battery staple',
};
const walkthrough = useWalkthrough();
const { callApi, sessionOf } = apiClient(() => walkthrough.server.url);
const MINUTE = 60_000;

describe('browser walkthrough: credential stuffing and a vendor pulling undeclared data', () => {
  it('shows the detectors’ alerts with their evidence, and records the analyst’s triage', async () => {
    const page = await walkthrough.pages.newPage();
    await step('setup-and-sign-in', page, async () => {
      await completeSetup(page, walkthrough.server.setupToken, admin);
      await signIn(page, admin);
      await heading(page, 'Vendors').waitFor();
    });
    const session = await step('session', page, () => sessionOf(page));
    const json = (body: unknown) => jsonPost(session, body);

    const integrationId = await step('vendor-with-declared-scope', page, async () => {
      const vendor = await callApi<{ id: string }>('/api/v1/vendors', {
        ...json({ legalName: 'Recommendations Analytics GmbH' }),
        expectStatus: 201,
      });
      const integration = await callApi<{ id: string }>(
        `/api/v1/vendors/${vendor.id}/integrations`,
        {
          ...json({
            name: 'Recommendations API',
            kind: 'server_api_client',
            declaredCategories: ['email', 'order_history'],
          }),
          expectStatus: 201,
        },
      );
      return integration.id;
    });

    await step('shop-posts-events-with-an-ingest-token', page, async () => {
      const { secret } = await callApi<{ secret: string }>('/api/v1/tokens', {
        ...json({ name: 'Login events', scopes: ['ingest'], expiresInDays: 1 }),
        expectStatus: 201,
      });
      const start = Date.now() - 30 * MINUTE;
      const at = (offset: number) => new Date(start + offset).toISOString();
      const lines = [
        // One address trying 40 accounts from a leaked list.
        ...Array.from({ length: 40 }, (_, i) => ({
          id: `stuff-${i}`,
          type: 'login',
          at: at(i * 5_000),
          account: `leaked${i}@example.com`,
          ip: '203.0.113.66',
          user_agent: 'python-requests/2.31',
          outcome: i % 2 ? 'unknown_account' : 'bad_password',
        })),
        // The vendor's key reading phone numbers, which it never declared.
        {
          id: 'api-1',
          type: 'api_access',
          at: at(10 * MINUTE),
          integration: integrationId,
          endpoint: '/api/customers/export',
          records: 5_000,
          bytes: 2_400_000,
          categories: ['email', 'phone'],
        },
      ];
      const result = await callApi<IngestResult>('/api/v1/events', {
        method: 'POST',
        auth: { token: secret },
        contentType: 'application/x-ndjson',
        body: lines.map((line) => JSON.stringify(line)).join('\n'),
      });
      expect(result).toMatchObject({ accepted: 41, rejected: 0 });
    });

    await step('overview-shows-chart-and-open-alerts', page, async () => {
      await page.goto('/detection');
      await heading(page, 'Detection').waitFor();
      await page.getByTestId('detection-overview-chart').waitFor();
      const open = page.getByTestId('detection-open-alerts');
      await open
        .getByRole('link', { name: /Credential stuffing from address 203\.0\.113\.66/ })
        .waitFor();
      await open.getByRole('link', { name: /undeclared data: phone/ }).waitFor();
    });

    await step('alert-detail-explains-itself', page, async () => {
      await page
        .getByTestId('detection-open-alerts')
        .getByRole('link', { name: /Credential stuffing from address 203\.0\.113\.66/ })
        .click();
      await heading(page, 'Credential stuffing from address 203.0.113.66').waitFor();
      const measures = page.getByTestId('alert-measures');
      await measures.getByRole('row', { name: /Distinct accounts/i }).waitFor();
      await page.getByText(/distinct accounts tried from one address in 10 minutes/).waitFor();
      await page.getByRole('tab', { name: /Targeted accounts/ }).click();
      await expect
        .poll(async () => page.getByTestId('alert-subjects-target').getByRole('row').count())
        .toBeGreaterThan(10);
    });

    await step('acknowledge-then-false-positive-with-reason', page, async () => {
      await button(page, 'Acknowledge').click();
      await page.getByLabel('Status Acknowledged').waitFor();
      await button(page, 'Mark false positive').click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('textbox').fill('Our penetration test, scheduled for today');
      await dialog.getByRole('button', { name: 'Mark false positive' }).click();
      await page.getByLabel('Status False positive').waitFor();
    });

    await step('triage-is-recorded', page, async () => {
      const list = await callApi<{
        items: { status: string; statusReason: string | null; title: string }[];
      }>('/api/v1/detection/alerts?detector=source_stuffing', { auth: session });
      expect(list.items[0]).toMatchObject({
        status: 'false_positive',
        statusReason: 'Our penetration test, scheduled for today',
      });
      // A false positive's sources leave the blocklist.
      const decisions = await callApi<{ value: string }[]>(
        '/api/v1/detection/blocklist?format=json',
        { auth: session },
      );
      expect(decisions.map((decision) => decision.value).join(' ')).not.toContain('203.0.113.66');
    });

    // The stuffing alert is a false positive now, so the vendor's alert is the one handed on.
    const alertTitle = await step('create-incident-from-the-vendor-alert', page, async () => {
      await page.goto('/detection/alerts');
      await page
        .getByTestId('detection-alerts-table')
        .getByRole('link', { name: /undeclared data: phone/ })
        .click();
      const title = await page.getByRole('heading', { level: 1 }).innerText();
      await button(page, 'Create incident').click();
      await page.waitForURL(/\/incidents\/[0-9a-f-]{36}$/);
      await heading(page, title).waitFor();
      await page.getByLabel('Status Detected').waitFor();
      return title;
    });

    await step('incident-links-the-alert-and-records-detection', page, async () => {
      const linked = page.getByRole('region', { name: 'Linked' });
      await linked.getByRole('link', { name: alertTitle }).waitFor();
      await linked.getByRole('link', { name: 'Recommendations Analytics GmbH' }).waitFor();
      const detected = page.getByTestId('incident-triggers').getByRole('row', { name: /Detected/ });
      await detected.getByText('detection alert', { exact: false }).waitFor();
      await detected.locator('time').waitFor();
    });

    await step('note-through-the-form-lands-in-the-timeline', page, async () => {
      const form = page.getByRole('form', { name: 'Add to the timeline' });
      await field(form, 'Note').fill('Vendor says the export job was a misconfigured test.');
      await form.getByRole('button', { name: 'Add to timeline' }).click();
      const timeline = page.getByTestId('incident-timeline');
      await timeline
        .getByRole('listitem')
        .filter({ hasText: 'Vendor says the export job was a misconfigured test.' })
        .getByText(/#\d+ Note/)
        .waitFor();
      await expect.poll(() => field(form, 'Note').inputValue()).toBe('');
    });

    await step('timeline-chain-verifies', page, async () => {
      await button(page, 'Verify chain').click();
      await expect
        .poll(() => page.getByTestId('timeline-chain-ok').innerText())
        .toMatch(/^Chain intact: \d+ entries, head [0-9a-f]{64}$/);
    });

    expect(walkthrough.pages.problems).toEqual([]);
  });
});
