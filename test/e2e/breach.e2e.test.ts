import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Campaign } from '../../src/contracts/breach-campaigns.js';
import type { Decision, ObligationReport } from '../../src/contracts/breach.js';
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from '../support/smtp.js';
import { apiClient, jsonPost } from './support/api.js';
import { button, completeSetup, field, heading, signIn } from './support/app.js';
import { step } from './support/browser.js';
import { useWalkthrough } from './support/walkthrough.js';

const admin = {
  name: 'Lena Legal',
  email: 'lena@shopco.example',
  password: 'correct horse battery staple',
};
/**
 * The letters go through a real SMTP server, so the server must know it when it starts: it
 * is started first (hooks run in order) and stopped last (after hooks run in reverse).
 */
let smtp: TestSmtpServer;
beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await smtp?.close();
});
const walkthrough = useWalkthrough({ env: () => ({ SMTP_URL: smtp.url }) });
const { callApi, sessionOf } = apiClient(() => walkthrough.server.url);
const HOUR = 3_600_000;
const now = Date.now();
const hoursAgo = (hours: number) => new Date(now - hours * HOUR).toISOString();

/** Three customers in Germany, two in California and one whose home is not known. */
const customers = [
  { id: 'de-1', email: 'anna@example.de', country: 'DE', region: '' },
  { id: 'de-2', email: 'bernd@example.de', country: 'DE', region: '' },
  { id: 'de-3', email: 'clara@example.de', country: 'DE', region: '' },
  { id: 'ca-1', email: 'dana@example.com', country: 'US', region: 'CA' },
  { id: 'ca-2', email: 'eli@example.com', country: 'US', region: 'CA' },
  { id: 'nowhere-1', email: 'fay@example.net', country: '', region: '' },
];

/** An obligation's card in the tab, by its duty and where it is owed. */
const obligationCard = (
  page: Page,
  duty: string,
  place: string,
  group: 'obligations-owed' | 'obligations-settled' = 'obligations-owed',
): Locator =>
  page.getByTestId(group).getByRole('listitem', { name: new RegExp(`^${duty} · ${place}$`) });

const messageIdOf = (mail: ReceivedMail) => /^Message-ID: *(.+)$/im.exec(mail.raw)?.[1]?.trim();
const subjectOf = (mail: ReceivedMail) => /^Subject: *(.+)$/im.exec(mail.raw)?.[1]?.trim();
/** Campaign letters carry their outbox row's Message-ID; test letters go as ordinary mail. */
const isCampaignLetter = (mail: ReceivedMail) => messageIdOf(mail)?.startsWith('<breach.') ?? false;
const isTestLetter = (mail: ReceivedMail) => subjectOf(mail)?.startsWith('[TEST] ') ?? false;

describe('browser walkthrough: breach-notification obligations', () => {
  it('shows who must be told by when and why, edits a notice, and records a risk assessment', async () => {
    const page = await walkthrough.pages.newPage();
    await step('setup-and-sign-in', page, async () => {
      await completeSetup(page, walkthrough.server.setupToken, admin);
      await signIn(page, admin);
      await heading(page, 'Vendors').waitFor();
    });
    const session = await step('session', page, () => sessionOf(page));
    const json = (body: unknown) => jsonPost(session, body);

    await step('import-customers', page, async () => {
      const csv = [
        'external_id,email,country,region',
        ...customers.map((c) => [c.id, c.email, c.country, c.region].join(',')),
      ].join('\n');
      const result = await callApi<{ status: string; inserted: number | null }>(
        '/api/v1/customers/imports',
        {
          method: 'POST',
          auth: session,
          body: `${csv}\n`,
          contentType: 'text/csv',
          expectStatus: 201,
        },
      );
      expect(result).toMatchObject({ status: 'committed', inserted: customers.length });
    });

    const vendorId = await step('vendor-shares-emails-and-password-hashes', page, async () => {
      const vendor = await callApi<{ id: string }>('/api/v1/vendors', {
        ...json({ legalName: 'Vendor X GmbH' }),
        expectStatus: 201,
      });
      const integration = await callApi<{ id: string }>(
        `/api/v1/vendors/${vendor.id}/integrations`,
        {
          ...json({
            name: 'Login API',
            kind: 'server_api_client',
            declaredCategories: ['email', 'password_hash'],
          }),
          expectStatus: 201,
        },
      );
      const { secret } = await callApi<{ secret: string }>('/api/v1/tokens', {
        ...json({ name: 'Sharing feed', scopes: ['ingest'], expiresInDays: 1 }),
        expectStatus: 201,
      });
      // The Californians' password hashes went too: with the email, that is a login.
      const events = customers.map((c, n) => ({
        id: `share-${n}`,
        integration: integration.id,
        customer: c.id,
        categories: c.region === 'CA' ? ['email', 'password_hash'] : ['email'],
        records: 1,
        at: hoursAgo(72),
      }));
      const result = await callApi<{ accepted: number; rejected: number }>(
        '/api/v1/sharing-events',
        {
          method: 'POST',
          auth: { token: secret },
          body: `${events.map((event) => JSON.stringify(event)).join('\n')}\n`,
          contentType: 'application/x-ndjson',
        },
      );
      expect(result).toMatchObject({ accepted: events.length, rejected: 0 });
      return vendor.id;
    });

    const incidentId = await step('incident-with-triggers-and-a-snapshot', page, async () => {
      const incident = await callApi<{ id: string }>('/api/v1/incidents', {
        ...json({ title: 'Vendor X breach', type: 'vendor_compromise', severity: 'critical' }),
        expectStatus: 201,
      });
      await callApi(`/api/v1/incidents/${incident.id}/links`, {
        ...json({ kind: 'vendor', targetId: vendorId }),
      });
      // Aware ten hours ago: GDPR's 72 hours have 62 left.
      for (const [trigger, at] of [
        ['exposure_from', hoursAgo(240)],
        ['aware', hoursAgo(10)],
        ['discovered', hoursAgo(10)],
      ])
        await callApi(`/api/v1/incidents/${incident.id}/triggers`, {
          ...json({ trigger, at, reason: 'from the vendor report', source: 'vendor notice' }),
        });
      await callApi(`/api/v1/incidents/${incident.id}/scope`, {
        method: 'POST',
        auth: session,
        expectStatus: 201,
      });
      return incident.id;
    });

    await step('open-the-obligations-tab', page, async () => {
      await page.goto(`/incidents/${incidentId}`);
      await heading(page, 'Vendor X breach').waitFor();
      await page.getByRole('tab', { name: 'Obligations' }).click();
      await page.waitForURL(/[?&]tab=obligations/);
      await heading(page, 'Notification obligations').waitFor();
      await page
        .getByTestId('obligations-counted-from')
        .getByText(/\(6 customers\)/)
        .waitFor();
      const unknown = page.getByTestId('obligation-unknown-jurisdiction');
      await unknown.getByText('Jurisdiction unknown: 1 customer').waitFor();
    });

    await step('germany-supervisory-authority-with-countdown-and-reason', page, async () => {
      const card = obligationCard(page, 'Notify the supervisory authority', 'Germany');
      await card.getByLabel('Obligation status Due').waitFor();
      await card.getByText(/the competent German supervisory authority/).waitFor();
      await expect
        .poll(() => card.getByTestId('obligation-countdown').innerText())
        .toMatch(/^6[12] h( \d+ min)? left$/);
      await card.getByText(/% of the time gone/).waitFor();
      await card
        .getByRole('list', { name: 'Reasons' })
        .getByRole('listitem')
        .filter({ hasText: 'residents of Germany' })
        .waitFor();
      await card.getByText('3 people').waitFor();
    });

    await step('the-authority-report-prints-pre-filled', page, async () => {
      const card = obligationCard(page, 'Notify the supervisory authority', 'Germany');
      const link = card.getByRole('link', { name: 'Printable report' });
      const [report] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
      await report.getByRole('heading', { level: 1 }).waitFor();
      const text = await report.locator('body').innerText();
      expect(text).toMatch(/People affected\s+3/);
      expect(text).toContain('Still to write before filing');
      await report.close();
    });

    await step('how-it-was-worked-out-cites-the-statute', page, async () => {
      const card = obligationCard(page, 'Notify the supervisory authority', 'Germany');
      await button(card, 'How this was worked out').click();
      const statute = card.getByRole('link', { name: /GDPR\), Art\. 33\(1\)/ });
      await expect(statute.getAttribute('href')).resolves.toBe(
        'https://eur-lex.europa.eu/eli/reg/2016/679/oj',
      );
      await expect(statute.getAttribute('rel')).resolves.toBe('noopener noreferrer');
      await expect(statute.getAttribute('target')).resolves.toBe('_blank');
      await card.getByText('source checked: partly').waitFor();
      await card.getByText('The reasons for the delay').waitFor();
      await card.getByText('only in a late notice').waitFor();
    });

    await step('california-residents-are-owed-notice', page, async () => {
      const card = obligationCard(page, 'Notify affected California residents', 'California');
      await card.getByLabel('Obligation status Due').waitFor();
      await card
        .getByRole('list', { name: 'Reasons' })
        .getByText(/2 California residents had Email address, Password hash/)
        .waitFor();
      await expect(card.getByTestId('obligation-countdown').innerText()).resolves.toMatch(
        /^29 d 1[34] h left$/,
      );
    });

    const noticeEditor = page.getByRole('dialog', {
      name: /^Notice: Notify affected California residents/,
    });
    await step('open-the-california-notice-editor-on-its-draft', page, async () => {
      const card = obligationCard(page, 'Notify affected California residents', 'California');
      await button(card, 'Edit notice').click();
      await page.waitForURL(/[?&]notice=us-ca\.residents/);
      await noticeEditor.getByTestId('notice-template-version').getByText('Draft').waitFor();
      await expect(field(noticeEditor, 'Subject').inputValue()).resolves.toBe(
        'Notice of Data Breach',
      );
      // The draft has the headings but says nothing yet: the checklist shows the gap live.
      const checklist = noticeEditor.getByTestId('notice-required-content');
      await checklist.getByRole('listitem', { name: 'What Happened: missing' }).waitFor();
      await checklist.getByRole('listitem', { name: 'Notice of Data Breach: provided' }).waitFor();
    });

    await step('saving-the-empty-draft-is-refused-for-missing-content', page, async () => {
      await button(noticeEditor, 'Save new version').click();
      await noticeEditor
        .getByTestId('notice-missing-content')
        .getByText('missing the heading "What Happened" (§ 1798.82(d)(1))')
        .waitFor();
    });

    await step('fill-every-section-and-save-version-1', page, async () => {
      const bodies = noticeEditor
        .getByTestId('notice-sections')
        .getByRole('textbox', { name: /^Body/ });
      const count = await bodies.count();
      expect(count).toBeGreaterThan(5);
      for (let n = 0; n < count; n++)
        await bodies.nth(n).fill(`We write to tell you about {{shop.name}} (part ${n + 1}).`);
      // A variable goes in at the caret of the body last worked in.
      await bodies.first().press('End');
      await button(noticeEditor, 'Insert recipient.name').click();
      await expect(bodies.first().inputValue()).resolves.toBe(
        'We write to tell you about {{shop.name}} (part 1).{{recipient.name}}',
      );
      await noticeEditor
        .getByTestId('notice-required-content')
        .getByRole('listitem', { name: 'What Happened: provided' })
        .waitFor();
      await button(noticeEditor, 'Save new version').click();
      await noticeEditor.getByRole('status').getByText('Saved version 1').waitFor();
      await noticeEditor.getByTestId('notice-template-version').getByText('Version 1').waitFor();
      await expect(noticeEditor.getByTestId('notice-missing-content').count()).resolves.toBe(0);
      const row = noticeEditor.getByTestId('notice-versions').getByRole('row').nth(1);
      await expect(row.innerText()).resolves.toMatch(/^1\s+you\s+/);
    });

    await step('the-preview-passes-the-content-check', page, async () => {
      await noticeEditor
        .getByTestId('notice-content-check')
        .getByText('Content check: ok')
        .waitFor();
      await expect
        .poll(() => noticeEditor.getByTestId('notice-preview-text').innerText())
        .toContain('What Happened');
      const html = noticeEditor.getByTitle('Notice as HTML');
      await expect(html.getAttribute('sandbox')).resolves.toBe('');
      await noticeEditor
        .frameLocator('iframe[title="Notice as HTML"]')
        .getByRole('heading', { name: 'What Happened' })
        .waitFor();
    });

    await step('a-typo-variable-is-refused-at-its-field', page, async () => {
      const section = noticeEditor
        .getByTestId('notice-sections')
        .getByRole('listitem', { name: /^Section 3:/ });
      await field(section, 'Body').fill('Dear {{recipient.nmae}}, this is what was involved.');
      await button(noticeEditor, 'Save new version').click();
      await section.getByText(/unknown variable "recipient\.nmae"/).waitFor();
      await expect(field(section, 'Body').getAttribute('aria-invalid')).resolves.toBe('true');
      const { items } = await callApi<{ items: unknown[] }>(
        '/api/v1/breach/templates/us-ca.residents/versions?locale=en',
        { auth: session },
      );
      expect(items).toHaveLength(1);
    });

    await step('close-the-notice-editor', page, async () => {
      await button(noticeEditor, 'Close the notice editor').click();
      await noticeEditor.waitFor({ state: 'hidden' });
      expect(page.url()).not.toMatch(/[?&]notice=/);
    });

    // Before the letters go: both clocks run, the soonest first.
    await step('header-shows-the-soonest-clocks', page, async () => {
      const clocks = page.getByRole('region', { name: 'Notification clocks' });
      const items = clocks.getByTestId('notification-clocks').getByRole('listitem');
      await expect(items.count()).resolves.toBe(2);
      // Soonest first: GDPR's 72 hours before California's 30 days.
      await expect(items.first().innerText()).resolves.toContain(
        'Notify the supervisory authority',
      );
      await items.first().getByTestId('obligation-countdown').waitFor();
      await clocks.getByRole('link', { name: 'See the obligations and why they apply' }).waitFor();
    });

    const californiaLetters = obligationCard(
      page,
      'Notify affected California residents',
      'California',
    ).getByTestId('campaign-panel');
    await step('prepare-the-california-letters', page, async () => {
      await californiaLetters.getByText('No letters yet.', { exact: false }).waitFor();
      await button(californiaLetters, 'Prepare letters').click();
      await californiaLetters.getByLabel('Letters status Ready to send').waitFor();
      const figures = californiaLetters.getByTestId('campaign-figures');
      await expect(figures.innerText()).resolves.toMatch(
        /People covered\s+2\s+Letters to send\s+2\s+Sent\s+0\s+Failed\s+0\s+Not sent\s+0/,
      );
      await expect(californiaLetters.getByTestId('campaign-progress').innerText()).resolves.toBe(
        '0%',
      );
      // Nobody is written to before the team has read a test letter.
      await expect(button(californiaLetters, 'Start sending').isDisabled()).resolves.toBe(true);
      await californiaLetters
        .getByText('Sending starts only after a test letter', { exact: false })
        .waitFor();
    });

    await step('send-a-test-letter-to-yourself', page, async () => {
      await button(californiaLetters, 'Send test letter').click();
      await californiaLetters
        .getByTestId('campaign-test-sent')
        .getByText(/to 1 team member\.$/)
        .waitFor();
      // Enabled once the incident has been read again after the test letter.
      await expect.poll(() => button(californiaLetters, 'Start sending').isEnabled()).toBe(true);
    });

    // Once every letter is out the obligation is done, and its card moves to the settled group.
    const doneCard = obligationCard(
      page,
      'Notify affected California residents',
      'California',
      'obligations-settled',
    );
    await step('start-sending-until-every-letter-is-out', page, async () => {
      await button(californiaLetters, 'Start sending').click();
      const letters = doneCard.getByTestId('campaign-panel');
      await expect
        .poll(() => letters.getByTestId('campaign-progress').innerText(), { timeout: 30_000 })
        .toBe('100%');
      await letters.getByLabel('Letters status Completed').waitFor();
      await expect(
        letters
          .getByRole('progressbar', { name: 'Delivery progress' })
          .getAttribute('aria-valuenow'),
      ).resolves.toBe('100');
      await expect(letters.getByTestId('campaign-figures').innerText()).resolves.toMatch(
        /Sent\s+2\s+Failed\s+0/,
      );
      await letters
        .getByTestId('campaign-outcome')
        .getByText(/The notice was recorded as given/)
        .waitFor();
    });

    await step('the-smtp-server-got-one-letter-per-californian', page, async () => {
      const { items } = await callApi<{ items: Campaign[] }>(
        `/api/v1/incidents/${incidentId}/campaigns`,
        { auth: session },
      );
      expect(items).toHaveLength(1);
      const [campaign] = items;
      expect(campaign).toMatchObject({ status: 'completed', sent: 2, failed: 0, remaining: 0 });
      // The test letter is queued as ordinary mail: it may arrive after the campaign's.
      await expect.poll(() => smtp.received.filter(isTestLetter).length).toBe(1);
      const letters = smtp.received.filter(isCampaignLetter);
      expect(letters.map((mail) => mail.to).sort()).toEqual([
        ['dana@example.com'],
        ['eli@example.com'],
      ]);
      const ids = letters.map(messageIdOf);
      expect(new Set(ids).size).toBe(2);
      expect(ids.every((id) => id?.startsWith(`<breach.${campaign!.id}.`))).toBe(true);
      expect(letters.every((mail) => subjectOf(mail) === 'Notice of Data Breach')).toBe(true);
      const [test] = smtp.received.filter(isTestLetter);
      expect(test).toMatchObject({ to: [admin.email] });
      expect(subjectOf(test!)).toBe('[TEST] Notice of Data Breach');
      // Nothing else went to a customer.
      const customerEmails = new Set(customers.map((c) => c.email));
      expect(
        smtp.received.filter((mail) => mail.to.some((to) => customerEmails.has(to))),
      ).toHaveLength(2);
    });

    await step('the-california-card-shows-the-notice-given', page, async () => {
      await doneCard.getByLabel('Obligation status Done').waitFor();
      await expect(
        obligationCard(page, 'Notify affected California residents', 'California').count(),
      ).resolves.toBe(0);
      await page
        .getByTestId('obligation-decisions')
        .getByRole('listitem', { name: /^Notice given/ })
        .getByText('2 letters accepted by the mail server.')
        .waitFor();
      // California's clock stopped when its letters went: only GDPR's runs on.
      const clocks = page.getByTestId('notification-clocks').getByRole('listitem');
      await expect.poll(() => clocks.count()).toBe(1);
      await expect(clocks.first().innerText()).resolves.toContain(
        'Notify the supervisory authority',
      );
    });

    await step('the-suppression-list-keeps-only-a-masked-address', page, async () => {
      const card = page.getByTestId('breach-suppressions');
      const form = card.getByRole('form', { name: 'Add to the suppression list' });
      await field(form, 'Email').fill('Opted.Out@example.com');
      await field(form, 'Reason').fill('asked never to be mailed');
      await button(form, 'Add address').click();
      const table = card.getByRole('table', { name: 'Suppressed addresses' });
      await table.getByRole('cell', { name: 'o…@example.com', exact: true }).waitFor();
      await expect(card.innerText()).resolves.not.toContain('opted.out');
      await button(card, 'Remove o…@example.com from the suppression list').click();
      await button(page.getByRole('dialog'), 'Remove address').click();
      await card.getByText('No address is on the list.').waitFor();
    });

    await step('not-required-duties-are-folded-away', page, async () => {
      const toggle = page.getByRole('button', { name: /^Not required \(\d+\)$/ });
      await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('false');
      await toggle.click();
      await page
        .getByTestId('obligations-not-required')
        .getByText('no Texas residents are in the scope', { exact: false })
        .first()
        .waitFor();
    });

    const art34 = obligationCard(
      page,
      'Communicate the breach to the data subjects',
      'European Union and EEA \\(GDPR\\)',
    );
    await step('a-short-justification-is-named-at-its-field', page, async () => {
      await art34.getByLabel('Obligation status Assessment needed').waitFor();
      await button(art34, 'Record a decision').click();
      const form = art34.getByRole('form', { name: /^Record a decision on/ });
      await form.getByRole('radio', { name: 'Likely', exact: true }).check();
      await field(form, 'Justification').fill('phishing');
      await button(form, 'Record decision').click();
      await form.getByText('say why, in at least 10 characters').waitFor();
    });

    await step('record-a-likely-risk-assessment', page, async () => {
      const form = art34.getByRole('form', { name: /^Record a decision on/ });
      await field(form, 'Justification').fill(
        'Emails with password hashes enable targeted phishing and account takeover.',
      );
      await button(form, 'Record decision').click();
      await art34.getByLabel('Obligation status Due').waitFor();
      await page
        .getByTestId('obligation-decisions')
        .getByRole('listitem', { name: 'Risk assessment: harm likely' })
        .getByText(/Emails with password hashes enable targeted phishing/)
        .waitFor();
      const report = await callApi<ObligationReport>(
        `/api/v1/incidents/${incidentId}/obligations`,
        {
          auth: session,
        },
      );
      expect(report.obligations.find((o) => o.key === 'eu-gdpr.art34')?.status).toBe('due');
      const { items } = await callApi<{ items: Decision[] }>(
        `/api/v1/incidents/${incidentId}/obligations/decisions`,
        { auth: session },
      );
      // Besides the notice the California letters recorded.
      const assessments = items.filter((decision) => decision.kind === 'risk_assessment');
      expect(assessments).toHaveLength(1);
      expect(assessments[0]).toMatchObject({
        kind: 'risk_assessment',
        obligationKey: 'eu-gdpr.art34',
        details: { conclusion: 'likely' },
      });
    });

    await step('withdraw-the-assessment-with-a-reason', page, async () => {
      const decision = page
        .getByTestId('obligation-decisions')
        .getByRole('listitem', { name: 'Risk assessment: harm likely' });
      await decision.getByRole('button', { name: /^Withdraw risk assessment on/ }).click();
      const dialog = page.getByRole('dialog');
      await field(dialog, 'Justification').fill('Assessed on the wrong incident.');
      await button(dialog, 'Withdraw decision').click();
      await decision.getByLabel('Decision status Withdrawn').waitFor();
      await art34.getByLabel('Obligation status Assessment needed').waitFor();
    });

    await step('encrypted-password-hashes-shelter-the-californians', page, async () => {
      const row = page
        .getByTestId('encryption-categories')
        .getByRole('form', { name: 'Password hash' });
      await row.getByRole('combobox', { name: 'State', exact: true }).click();
      await page.getByRole('option', { name: 'Encrypted, key safe', exact: true }).click();
      await field(row, 'Note').fill('argon2id, per-user salt; pepper kept in the HSM');
      await button(row, 'Save').click();
      await row.getByText(/^Recorded .+ by lena@shopco\.example$/).waitFor();
      // Without the hashes, an email alone is no personal information under California law.
      await page.getByRole('button', { name: /^Not required \(\d+\)$/ }).waitFor();
      await page
        .getByTestId('obligations-not-required')
        .getByRole('listitem')
        .filter({ hasText: 'Notify affected California residents' })
        .waitFor();
      const clocks = page.getByTestId('notification-clocks').getByRole('listitem');
      await expect.poll(() => clocks.count()).toBe(1);
    });

    expect(walkthrough.pages.problems).toEqual([]);
  });
});
