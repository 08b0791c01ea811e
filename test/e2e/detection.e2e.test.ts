import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import type { IngestResult } from '../../src/contracts/detection.js';
import type { Incident, Review, ScopeSnapshot } from '../../src/contracts/incidents.js';
import { verifyBundle } from '../../src/modules/incidents/incidents.bundle.verify.js';
import { describe, expect, it, onTestFinished } from 'vitest';
import { apiClient, jsonPost } from './support/api.js';
import { button, completeSetup, field, heading, nav, signIn } from './support/app.js';
import { chooseOption, step } from './support/browser.js';
import { useWalkthrough } from './support/walkthrough.js';

const admin = {
  name: 'Dana Defender',
  email: 'dana@shopco.example',
  password: 'correct horse battery staple',
};
const walkthrough = useWalkthrough();
const { callApi, sessionOf } = apiClient(() => walkthrough.server.url);
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** A `datetime-local` value (`YYYY-MM-DDTHH:mm`) in this machine's zone, which the browser shares. */
function localDateTime(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}T${two(date.getHours())}:${two(date.getMinutes())}`;
}

/**
 * The shop's side of containment: a real HTTP server on 127.0.0.1 that verifies each request
 * as a Standard Webhook with the secret Cordon showed once, and answers with a receipt.
 */
async function startContainmentReceiver() {
  let secret: string | null = null;
  const verified: { id: string; payload: unknown }[] = [];
  const refused: string[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      try {
        if (!secret) throw new Error('no secret yet');
        const payload = new Webhook(secret).verify(body, request.headers as Record<string, string>);
        verified.push({ id: String(request.headers['webhook-id']), payload });
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ status: 'done' }));
      } catch (error) {
        refused.push(error instanceof Error ? error.message : String(error));
        response.writeHead(401, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: 'bad signature' }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/cordon/revoke-credentials`,
    verified,
    refused,
    useSecret: (value: string) => (secret = value),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

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

    const incidentPath = new URL(page.url()).pathname;

    await step('apply-the-exfiltration-playbook-from-the-tasks-tab', page, async () => {
      await page.getByRole('tab', { name: 'Tasks' }).click();
      await page.waitForURL(/[?&]tab=tasks/);
      await chooseOption(page, 'Playbook', 'Customer data exfiltration through a vendor API');
      const preview = page.getByTestId('playbook-preview');
      await preview.getByText("A vendor's API key pulls far more data").waitFor();
      await preview.getByText("Revoke the integration's API key").waitFor();
      await button(page, 'Apply playbook').click();
      const tasks = page.getByTestId('incident-tasks');
      for (const title of [
        "Revoke the integration's API key",
        'Preserve the API access logs',
        'Ask the vendor for its breach notice and report',
        'Establish which customers and categories were pulled',
        'Assess notification duties',
        'Hold the lessons-learned review',
      ])
        await tasks.getByRole('listitem', { name: title, exact: true }).waitFor();
      // Due an hour after detection, which the alert set.
      await tasks
        .getByRole('listitem', { name: "Revoke the integration's API key" })
        .getByText(/1 h after Detected/)
        .waitFor();
      // Once per incident: chosen again, it says so and cannot be applied twice.
      await chooseOption(page, 'Playbook', 'Customer data exfiltration through a vendor API');
      await preview.getByText('Applied', { exact: true }).waitFor();
      await expect(button(preview, 'Apply playbook').isDisabled()).resolves.toBe(true);
    });

    await step('upload-evidence-from-the-evidence-tab', page, async () => {
      await page.getByRole('tab', { name: 'Evidence' }).click();
      await page.waitForURL(/[?&]tab=evidence/);
      const log = Buffer.from(
        `${new Date().toISOString()} GET /api/customers/export 200 records=5000 categories=email,phone\n`,
      );
      const sha256 = createHash('sha256').update(log).digest('hex');
      const form = page.getByRole('form', { name: 'Add evidence' });
      await form
        .getByTestId('evidence-file')
        .setInputFiles({ name: 'vendor-api-access.log', mimeType: 'text/plain', buffer: log });
      await field(form, 'Acquired from').fill('API gateway access log');
      await button(form, 'Add evidence').click();
      const item = page
        .getByTestId('incident-evidence')
        .getByRole('listitem', { name: 'vendor-api-access.log' });
      const hash = item.getByTitle(sha256, { exact: true });
      await hash.waitFor();
      await expect(hash.innerText()).resolves.toBe(`${sha256.slice(0, 12)}…`);
      await item.getByText('API gateway access log').waitFor();
    });

    const receiver = await startContainmentReceiver();
    onTestFinished(() => receiver.close());

    await step('admin-sets-the-revoke-credentials-endpoint', page, async () => {
      await nav(page).getByRole('link', { name: 'Containment endpoints' }).click();
      await heading(page, 'Containment endpoints').waitFor();
      await page.getByText('docs/containment-webhooks.md').waitFor();
      const card = page.getByRole('region', { name: 'Revoke credentials' });
      await card.getByText('Not set up').waitFor();
      await field(card, 'Receiver URL').fill(receiver.url);
      await button(card, 'Set URL').click();
      await card.getByText('It will not be shown again', { exact: false }).waitFor();
      const secret = await card.getByTestId('endpoint-secret-revoke_credentials').innerText();
      expect(secret).toMatch(/^whsec_\S+$/);
      receiver.useSecret(secret.trim());
      await card.getByText(receiver.url).waitFor();
    });

    await step('request-revoke-credentials-from-the-actions-tab', page, async () => {
      await page.goto(`${incidentPath}?tab=actions`);
      const form = page.getByRole('form', { name: 'Request a containment action' });
      await form.waitFor();
      await chooseOption(
        page,
        'Integration',
        'Recommendations API (Recommendations Analytics GmbH)',
      );
      await button(form, 'Request action').click();
      const action = page
        .getByTestId('incident-actions')
        .getByRole('listitem', { name: 'Revoke credentials' });
      await action.getByText('Recommendations API (Recommendations Analytics GmbH)').waitFor();
      // The job worker sends it in the server's process; the page is read again until it lands.
      const succeeded = action.getByLabel('Action status Succeeded');
      const deadline = Date.now() + 60_000;
      while (!(await succeeded.isVisible())) {
        if (Date.now() > deadline) throw new Error('The action did not succeed within 60 s');
        await page.waitForTimeout(1_000);
        if (await succeeded.isVisible()) break;
        await page.reload();
        await action.waitFor();
      }
      await action.getByRole('cell', { name: 'HTTP 200' }).waitFor();
    });

    await step('receiver-got-one-verified-request-naming-the-integration', page, async () => {
      expect(receiver.refused).toEqual([]);
      expect(receiver.verified).toHaveLength(1);
      expect(receiver.verified[0]!.payload).toMatchObject({
        type: 'containment.revoke_credentials',
        data: {
          incident: { title: alertTitle },
          action: { part: 1, parts: 1, requestedBy: admin.email },
          integration: {
            id: integrationId,
            name: 'Recommendations API',
            vendor: 'Recommendations Analytics GmbH',
          },
        },
      });
    });

    const incidentId = incidentPath.split('/').at(-1)!;

    await step('scope-snapshot-needs-the-exposure-window', page, async () => {
      await page.goto(`${incidentPath}?tab=scope`);
      await heading(page, 'Scope snapshots').waitFor();
      await page.getByText('No snapshot has been taken.').waitFor();
      await button(page, 'Take snapshot').click();
      const problem = page.getByTestId('scope-snapshot-error');
      await problem.getByText('The snapshot was not taken').waitFor();
      await problem.getByText(/Set the start of the exposure window/).waitFor();
      await problem
        .getByText(/What to do: Under Trigger times, above, set “Exposure began”/)
        .waitFor();
    });

    await step('set-the-exposure-window-through-the-trigger-form', page, async () => {
      const triggers = page.getByRole('region', { name: 'Trigger times' });
      await chooseOption(page, 'Trigger', 'Exposure began');
      // Two days before the first event: safely earlier whatever the zones involved.
      await field(triggers, 'Time').fill(localDateTime(new Date(Date.now() - 2 * DAY)));
      await field(triggers, 'Source').fill('API gateway access log');
      await field(triggers, 'Reason').fill('The key was issued then; no export before it.');
      await button(triggers, 'Set time').click();
      await page
        .getByTestId('incident-triggers')
        .getByRole('row', { name: /Exposure began/ })
        .getByText('API gateway access log')
        .waitFor();
    });

    await step('take-a-scope-snapshot-from-the-scope-tab', page, async () => {
      await button(page, 'Take snapshot').click();
      const snapshots = page.getByTestId('incident-scope-snapshots');
      const item = snapshots.getByRole('listitem').first();
      await item.getByRole('heading', { name: /^Snapshot of / }).waitFor();
      await item.getByText('first snapshot', { exact: true }).waitFor();
      await expect(page.getByTestId('scope-snapshot-error').count()).resolves.toBe(0);
      const { items } = await callApi<{ items: ScopeSnapshot[] }>(
        `/api/v1/incidents/${incidentId}/scope`,
        { auth: session },
      );
      expect(items).toHaveLength(1);
      const hash = item.getByTitle(items[0]!.setSha256, { exact: true });
      await expect(hash.innerText()).resolves.toBe(`${items[0]!.setSha256.slice(0, 12)}…`);
      await item.getByText('Recommendations API (Recommendations Analytics GmbH)').waitFor();
    });

    const reviewSummary = 'A vendor key exported phone numbers it had never declared.';
    await step('write-the-review-summary-and-an-action-item', page, async () => {
      await page.getByRole('tab', { name: 'Review' }).click();
      await page.waitForURL(/[?&]tab=review/);
      const form = page.getByRole('form', { name: 'Post-incident review' });
      await field(form, 'Summary').fill(reviewSummary);
      await button(form, 'Save review').click();
      await expect
        .poll(() => page.getByTestId('review-last-saved').innerText())
        .toMatch(new RegExp(`^Last saved by ${admin.email} `));
      const saved = await callApi<Review>(`/api/v1/incidents/${incidentId}/review`, {
        auth: session,
      });
      expect(saved).toMatchObject({ summary: reviewSummary, rootCause: '' });

      const add = page.getByRole('form', { name: 'Add an action item' });
      await field(add, 'Title').fill('Check every vendor key against its declared categories');
      await chooseOption(page, 'Assignee', admin.email);
      await button(add, 'Add action item').click();
      await page
        .getByTestId('incident-action-items')
        .getByRole('listitem', { name: 'Check every vendor key against its declared categories' })
        .getByText(admin.email)
        .waitFor();
    });

    await step('export-bundle-verifies-to-the-current-chain-head', page, async () => {
      const link = page.getByRole('link', { name: 'Export bundle' });
      const privileged = page.getByRole('checkbox', { name: 'Include privileged evidence' });
      await privileged.check();
      await expect(link.getAttribute('href')).resolves.toMatch(/\/export\?privileged=include$/);
      await privileged.uncheck();
      await expect(link.getAttribute('href')).resolves.toBe(
        `/api/v1/incidents/${incidentId}/export`,
      );
      await page.getByText('cordon incident verify-bundle FILE').waitFor();

      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      expect(download.suggestedFilename()).toMatch(new RegExp(`^incident-${incidentId}-.+\\.zip$`));
      const check = await verifyBundle(await readFile(await download.path()));
      expect(check.problems).toEqual([]);
      expect(check.ok).toBe(true);
      const incident = await callApi<Incident>(`/api/v1/incidents/${incidentId}`, {
        auth: session,
      });
      expect(check.manifest!.chain).toEqual({
        entries: incident.timeline.entries,
        headHash: incident.timeline.headHash,
      });
      // Evidence is not privileged unless marked, so the log travels with the bundle.
      const evidence = await callApi<{ items: { id: string; fileName: string }[] }>(
        `/api/v1/incidents/${incidentId}/evidence`,
        { auth: session },
      );
      expect(check.manifest!.files.map((file) => file.path)).toContain(
        `evidence/${evidence.items[0]!.id}-vendor-api-access.log`,
      );
    });

    await step('printable-report-opens-in-a-new-tab', page, async () => {
      const [report] = await Promise.all([
        page.waitForEvent('popup'),
        page.getByRole('link', { name: 'Printable report' }).click(),
      ]);
      await report.waitForLoadState();
      expect(new URL(report.url()).pathname).toBe(`/api/v1/incidents/${incidentId}/report`);
      await report.getByRole('heading', { level: 1, name: alertTitle, exact: true }).waitFor();
      await report.getByText(reviewSummary).waitFor();
      await report.close();
    });

    await step('timeline-reads-evidence-scope-review-export-and-attempts', page, async () => {
      await page.goto(`${incidentPath}?tab=timeline`);
      const timeline = page.getByTestId('incident-timeline');
      const entries = (kind: string) =>
        timeline
          .getByRole('listitem')
          .filter({ has: page.getByText(new RegExp(`^#\\d+ ${kind}$`)) });
      await entries('Evidence added').getByText('vendor-api-access.log').waitFor();
      await entries('Scope snapshot').getByText('0 customers affected; first snapshot').waitFor();
      await entries('Record change').getByText('Post-incident review saved').waitFor();
      await entries('Record change').getByText(reviewSummary).waitFor();
      await entries('Custody')
        .getByText('Exported: Cordon evidence store → legal export bundle')
        .waitFor();
      await entries('Action executed')
        .getByText('Revoke credentials, part 1, attempt 1: succeeded')
        .waitFor();
      await entries('Action executed').getByText('HTTP 200').waitFor();
    });

    expect(walkthrough.pages.problems).toEqual([]);
  });
});
