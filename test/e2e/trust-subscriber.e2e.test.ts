import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from '../support/smtp.js';
import { apiClient, jsonPost } from './support/api.js';
import { button, completeSetup, heading } from './support/app.js';
import { step } from './support/browser.js';
import { decodeQuotedPrintable } from './support/outbox.js';
import { useWalkthrough } from './support/walkthrough.js';

const admin = {
  name: 'Sam Security',
  email: 'sam@shopco.example',
  password: 'correct horse battery staple',
};
const subscriber = 'customer@example.com';

let smtp: TestSmtpServer;
beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await smtp?.close();
});
const walkthrough = useWalkthrough({ env: () => ({ SMTP_URL: smtp.url }) });
const { callApi } = apiClient(() => walkthrough.server.url);

/** The newest message to `to` whose subject matches, once the server's worker has sent it. */
async function mailTo(to: string, subject: RegExp): Promise<ReceivedMail & { text: string }> {
  const find = () =>
    smtp.received
      .filter((mail) => mail.to.includes(to))
      .map((mail) => ({ ...mail, text: decodeQuotedPrintable(mail.raw) }))
      .filter((mail) => subject.test(mail.text.replace(/\r\n[ \t]+/g, ' ')))
      .at(-1);
  await expect.poll(() => find() !== undefined, { timeout: 30_000 }).toBe(true);
  return find()!;
}

const linkIn = (text: string, prefix: string) => {
  const match = new RegExp(`https?://\\S+${prefix}[A-Za-z0-9._~%-]+`).exec(text);
  if (!match) throw new Error(`no ${prefix} link in:\n${text}`);
  return match[0];
};

describe('browser walkthrough: a trust-center subscriber', () => {
  it('subscribes, confirms, is told of a new subprocessor ahead, and unsubscribes in one click', async () => {
    const page = await walkthrough.pages.newPage();
    await step('setup', page, async () => {
      await completeSetup(page, walkthrough.server.setupToken, admin);
    });
    const login = await fetch(`${walkthrough.server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: admin.email, password: admin.password }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const auth = { cookie, csrf: csrfToken };

    await step('subscribe-on-the-trust-page', page, async () => {
      await page.goto('/trust');
      await heading(page, 'Our shop trust center').waitFor();
      await page
        .getByRole('navigation', { name: 'Trust center' })
        .getByRole('link', { name: 'Subscribe' })
        .click();
      await heading(page, 'Subscribe by email').waitFor();
      await button(page, 'Subscribe').click();
      // Nothing typed: the error is shown at the field, and the form keeps working.
      await page.locator('#email-error').waitFor();
      expect(await page.getByLabel('Email address').getAttribute('aria-invalid')).toBe('true');
      await page.getByLabel('Email address').fill(subscriber);
      await page.getByLabel('Security advisories').uncheck();
      await button(page, 'Subscribe').click();
      await heading(page, 'Check your email').waitFor();
    });

    await step('confirm-from-the-email', page, async () => {
      const confirmation = await mailTo(subscriber, /Subject: Confirm your subscription/);
      await page.goto(linkIn(confirmation.text, '/trust/subscriptions/confirm/'));
      await button(page, 'Confirm subscription').click();
      await heading(page, 'Subscription confirmed').waitFor();
    });

    await step('staff-schedule-a-subprocessor', page, async () => {
      const vendor = await callApi<{ id: string }>('/api/v1/vendors', {
        ...jsonPost(auth, { legalName: 'CloudHost Ltd', country: 'IE', services: 'Hosting' }),
        expectStatus: 201,
      });
      for (const status of ['assessing', 'approved', 'active'])
        await callApi(
          `/api/v1/vendors/${vendor.id}/status`,
          jsonPost(auth, { status, reason: 'e2e' }),
        );
      const goLiveOn = new Date(Date.now() + 31 * 86_400_000).toISOString().slice(0, 10);
      await callApi('/api/v1/trust/subprocessors', {
        ...jsonPost(auth, { vendorId: vendor.id, goLiveOn }),
        expectStatus: 201,
      });
      await page.goto('/trust/subprocessors');
      const upcoming = page.getByRole('table', { name: /Announced subprocessors/ });
      await upcoming.getByRole('rowheader', { name: 'CloudHost Ltd' }).waitFor();
      expect(await upcoming.innerText()).toContain(goLiveOn);
    });

    await step('announcement-arrives-and-unsubscribe-works', page, async () => {
      const announcement = await mailTo(
        subscriber,
        /Subject: Our shop subprocessors: CloudHost Ltd/,
      );
      const headers = announcement.raw.replace(/\r\n[ \t]+/g, ' ');
      expect(headers).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r$/m);
      const unsubscribe = /^List-Unsubscribe: <([^>]+)>\r$/m.exec(headers)![1]!;
      expect(linkIn(announcement.text, '/trust/unsubscribe/')).toBe(unsubscribe);
      await page.goto(unsubscribe);
      await button(page, 'Unsubscribe').click();
      await heading(page, 'Unsubscribed').waitFor();
      await page.getByText('You will no longer receive subprocessors from us.').waitFor();
    });

    expect(walkthrough.pages.problems).toEqual([]);
  });
});
