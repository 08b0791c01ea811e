import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiClient } from './support/api.js';
import { button, completeSetup, field, heading, nav, signIn } from './support/app.js';
import { chooseOption, step } from './support/browser.js';
import { waitForEmail } from './support/outbox.js';
import { useWalkthrough } from './support/walkthrough.js';

// The team member who triages. Set-up makes the first account an admin, which may do all an
// analyst does.
const analyst = {
  name: 'Ana Analyst',
  email: 'ana@shopco.example',
  password: 'correct horse battery staple',
};
const researcher = { name: 'Rae Researcher', email: 'rae@researcher.example' };
const title = 'Any customer’s addresses through GET /api/account/{id}/addresses';
const vector = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N';
const question = 'Which account ids did you try? Please include the request you sent.';
const answer = 'I tried ids 1001 and 1002 while signed in as 1000; both answered 200.';

// The server's clock is the system clock plus the seconds in this file (a test-only setting):
// writing it moves the running server's "now" forward, as the SLA step needs.
const clockFile = path.join(mkdtempSync(path.join(tmpdir(), 'cordon-clock-')), 'offset');
const walkthrough = useWalkthrough({ env: () => ({ CORDON_TEST_CLOCK_FILE: clockFile }) });
const { callApi, sessionOf } = apiClient(() => walkthrough.server.url);

/** Moves the report on through the status form and waits for the new badge. */
async function changeStatus(page: Page, label: string, message?: string) {
  await chooseOption(page, 'New status', label);
  if (message) await field(page, 'Message to the researcher (optional)').fill(message);
  await button(page, 'Change status').click();
  await page.getByTestId('report-status').filter({ hasText: label }).first().waitFor();
}

/** Picks a value in one of the calculator's metric groups, e.g. "Attack vector (AV)". */
async function pickMetric(page: Page, metric: string, value: string) {
  await page
    .getByRole('group', { name: metric, exact: true })
    .getByText(value, { exact: true })
    .click();
}

describe('browser walkthrough: a researcher reports a vulnerability', () => {
  it('goes from the public form through triage and scoring to a published advisory', async () => {
    const teamPage = await walkthrough.pages.newPage();
    await step('setup-and-sign-in', teamPage, async () => {
      await completeSetup(teamPage, walkthrough.server.setupToken, analyst);
      await signIn(teamPage, analyst);
      await heading(teamPage, 'Vendors').waitFor();
    });

    await step('programme-asks-for-proof-of-work', teamPage, async () => {
      // So the form has to solve a challenge in the browser before the server takes the report.
      const program = await callApi<{ proofOfWorkBits: number }>('/api/v1/disclosure/program', {
        method: 'PUT',
        auth: await sessionOf(teamPage),
        contentType: 'application/json',
        body: JSON.stringify({ proofOfWorkBits: 10 }),
      });
      expect(program.proofOfWorkBits).toBe(10);
    });

    const researcherPage = await walkthrough.pages.newPage();
    const link = await step('researcher-submits-report', researcherPage, async () => {
      await researcherPage.goto('/report');
      await heading(researcherPage, 'Report a vulnerability').waitFor();
      await expect(
        researcherPage
          .getByRole('link', { name: 'vulnerability disclosure policy' })
          .getAttribute('href'),
      ).resolves.toBe('/trust/vulnerability-disclosure');
      // The honeypot is there for bots, hidden from people and assistive technology.
      const honeypot = researcherPage.locator('input[name="website"]');
      expect(await honeypot.getAttribute('tabindex')).toBe('-1');
      expect(await honeypot.getAttribute('autocomplete')).toBe('off');

      await field(researcherPage, 'Title').fill(title);
      await field(researcherPage, 'Affected asset').fill('https://shop.example/api/account');
      await field(researcherPage, 'Description').fill(
        'The addresses endpoint does not check that **{id}** is the signed-in customer, so any customer can read any other customer’s saved addresses.',
      );
      await field(researcherPage, 'Steps to reproduce').fill(
        '1. Sign in as customer 1000.\n2. `GET /api/account/1001/addresses`.\n3. The answer lists customer 1001’s addresses.',
      );
      await chooseOption(researcherPage, 'Suggested severity', 'High');
      await field(researcherPage, 'Your name').fill(researcher.name);
      await field(researcherPage, 'Your email').fill(researcher.email);
      await researcherPage.getByLabel('Email me updates').check();
      await field(researcherPage, 'Credit name').fill(researcher.name);
      await researcherPage
        .getByLabel('Credit me publicly in the advisory and hall of fame')
        .check();
      await researcherPage.locator('input[type="file"]').setInputFiles({
        name: 'poc.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from('GET /api/account/1001/addresses HTTP/1.1\n'),
      });
      await button(researcherPage, 'Send report').click();

      await heading(researcherPage, 'Thank you: report #1 received').waitFor();
      const shown = (await researcherPage.getByTestId('receipt-link').innerText()).trim();
      expect(shown).toMatch(/\/report\/thread#token=[A-Za-z0-9_-]{20,}$/);
      await researcherPage.getByText('Keep this link private').waitFor();
      return shown;
    });

    await step('receipt-email', researcherPage, async () => {
      const email = await waitForEmail(walkthrough.server.dataDir, researcher.email);
      expect(email).toContain('Your report #1 was received');
      expect(email).toContain(link);
    });

    await step('researcher-opens-thread', researcherPage, async () => {
      await researcherPage.getByRole('link', { name: 'Open my report' }).click();
      await heading(researcherPage, title).waitFor();
      await researcherPage.getByTestId('report-status').filter({ hasText: 'New' }).waitFor();
      // The server's sanitised Markdown: the bold id and the inline code are rendered.
      await researcherPage.locator('.report-markdown strong', { hasText: '{id}' }).waitFor();
      await researcherPage
        .locator('.report-markdown code', { hasText: 'GET /api/account/1001/addresses' })
        .waitFor();
      // The file chosen in the form was uploaded with the receipt's token.
      const file = researcherPage.getByRole('table', { name: 'Files' }).getByRole('link', {
        name: 'poc.txt',
      });
      expect(await file.getAttribute('href')).toMatch(
        /^\/api\/v1\/public\/disclosure\/thread\/[^/]+\/attachments\/[0-9a-f-]+$/,
      );
    });

    await step('bad-link-is-refused', researcherPage, async () => {
      const other = await walkthrough.pages.newPage();
      await other.goto('/report/thread#token=not-a-real-token-at-all');
      await heading(other, 'This link is not valid or has expired').waitFor();
    });

    await step('analyst-asks-for-information', teamPage, async () => {
      await nav(teamPage).getByRole('link', { name: 'Vulnerability reports' }).click();
      await heading(teamPage, 'Vulnerability reports').waitFor();
      const row = teamPage.getByRole('row', { name: new RegExp(title.slice(0, 30)) });
      await row.getByRole('link', { name: title }).click();
      await heading(teamPage, title).waitFor();
      await changeStatus(teamPage, 'Needs info', question);
      await teamPage.locator('[data-author="team"]', { hasText: question }).waitFor();
    });

    await step('researcher-answers-in-a-new-browser', researcherPage, async () => {
      const again = await walkthrough.pages.newPage();
      await again.goto(link);
      await heading(again, title).waitFor();
      await again.getByTestId('report-status').filter({ hasText: 'Needs info' }).waitFor();
      await again.locator('[data-author="team"]', { hasText: question }).waitFor();
      await field(again, 'Your reply').fill(answer);
      await button(again, 'Send reply').click();
      await again.locator('[data-author="researcher"]', { hasText: answer }).waitFor();
    });

    await step('analyst-triages-and-scores', teamPage, async () => {
      await teamPage.reload();
      await teamPage.locator('[data-author="researcher"]', { hasText: answer }).waitFor();
      await changeStatus(teamPage, 'Triaged');
      await button(teamPage, 'CVSS 4.0').click();
      for (const [metric, value] of [
        ['Attack vector (AV)', 'Network'],
        ['Attack complexity (AC)', 'Low'],
        ['Attack requirements (AT)', 'None'],
        ['Privileges required (PR)', 'Low'],
        ['User interaction (UI)', 'None'],
        ['Confidentiality (vulnerable system) (VC)', 'High'],
        ['Integrity (vulnerable system) (VI)', 'None'],
        ['Availability (vulnerable system) (VA)', 'None'],
        ['Confidentiality (subsequent systems) (SC)', 'None'],
        ['Integrity (subsequent systems) (SI)', 'None'],
        ['Availability (subsequent systems) (SA)', 'None'],
      ] as const)
        await pickMetric(teamPage, metric, value);
      await expect.poll(() => teamPage.getByTestId('cvss-vector').innerText()).toBe(vector);
      expect(await teamPage.getByTestId('cvss-score').innerText()).toBe('7.1');

      await teamPage.getByRole('combobox', { name: 'Weakness (CWE)' }).fill('CWE-639');
      await teamPage.getByRole('option', { name: /^CWE-639 / }).click();
      await field(teamPage, 'Affected versions').fill('storefront before 2026-03-01');
      await button(teamPage, 'Save assessment').click();
      await teamPage.getByTestId('report-cvss').filter({ hasText: 'CVSS 4.0 7.1' }).waitFor();
      await teamPage.getByText('High', { exact: true }).first().waitFor();
    });

    await step('clock-forward-escalates', teamPage, async () => {
      const reportUrl = teamPage.url();
      // 17 of the 30 days a high-severity fix may take: past the 50% escalation.
      writeFileSync(clockFile, String(17 * 86_400));
      const escalation = await waitForEmail(
        walkthrough.server.dataDir,
        analyst.email,
        60_000,
        '% of the fix time is used',
      );
      expect(escalation).toMatch(/Report #1: (50|80)% of the fix time is used/);
      // Seventeen days idle end any session: sign in again and carry on.
      await signIn(teamPage, analyst);
      await heading(teamPage, 'Vendors').waitFor();
      await teamPage.goto(reportUrl);
      await heading(teamPage, title).waitFor();
      await teamPage.getByTestId('report-status').filter({ hasText: 'Triaged' }).first().waitFor();
    });

    await step('accepted-then-fixed', teamPage, async () => {
      await changeStatus(teamPage, 'Accepted', 'Confirmed: we are fixing the access check.');
      await changeStatus(teamPage, 'Fixed', 'Fixed and deployed. Thank you!');
    });

    const advisoryId = await step('draft-and-publish-advisory', teamPage, async () => {
      await button(teamPage, 'Draft advisory').click();
      await teamPage.getByRole('heading', { name: /^Advisory [A-Z0-9]+-\d{4}-\d{4,}$/ }).waitFor();
      const id = new URL(teamPage.url()).pathname.split('/').pop() ?? '';
      expect(id).toMatch(/^[A-Z0-9]+-\d{4}-\d{4,}$/);
      await field(teamPage, 'Summary').fill(
        'Signed-in customers could read other customers’ saved addresses.',
      );
      await button(teamPage, 'Save advisory').click();
      await button(teamPage, 'Publish advisory').click();
      await teamPage.getByRole('link', { name: 'CSAF document' }).waitFor();
      await teamPage.getByRole('link', { name: 'OSV record' }).waitFor();
      const osv = await teamPage.request.get(
        (await teamPage.getByRole('link', { name: 'OSV record' }).getAttribute('href')) ?? '',
      );
      expect(osv.status()).toBe(200);
      return id;
    });

    await step('advisory-is-public', teamPage, async () => {
      const response = await teamPage.request.get('/api/v1/public/advisories');
      expect(response.status()).toBe(200);
      const advisories = (await response.json()) as {
        id: string;
        title: string;
        severity: string;
        cvss: { vector: string; score: number } | null;
        cwe: { id: string } | null;
        credit: string[];
      }[];
      const published = advisories.find((a) => a.id === advisoryId);
      expect(published).toMatchObject({
        title,
        severity: 'high',
        cvss: { vector, score: 7.1 },
        cwe: { id: 'CWE-639' },
        credit: [researcher.name],
      });
    });

    await step('trust-center-lists-it', teamPage, async () => {
      // The trust center renders these on the server; poll past its page cache.
      await expect
        .poll(async () => (await teamPage.request.get('/trust/advisories')).text(), {
          timeout: 15_000,
        })
        .toContain(advisoryId);
      await expect
        .poll(async () => (await teamPage.request.get('/trust/feed.atom')).text(), {
          timeout: 15_000,
        })
        .toContain(advisoryId);
    });

    await step('researcher-sees-the-advisory', researcherPage, async () => {
      await researcherPage.reload();
      // Publishing the advisory discloses the report.
      await researcherPage.getByTestId('report-status').filter({ hasText: 'Disclosed' }).waitFor();
      await researcherPage.getByRole('link', { name: advisoryId }).waitFor();
    });

    expect(walkthrough.pages.problems).toEqual([]);
  });
});
