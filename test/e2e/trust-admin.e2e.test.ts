import { describe, expect, it } from 'vitest';
import { apiClient, jsonPost } from './support/api.js';
import { button, completeSetup, field, heading, nav, signIn } from './support/app.js';
import { chooseOption, step } from './support/browser.js';
import { useWalkthrough } from './support/walkthrough.js';

const admin = {
  name: 'Sam Security',
  email: 'sam@shopco.example',
  password: 'correct horse battery staple',
};
const walkthrough = useWalkthrough();
const { callApi, sessionOf } = apiClient(() => walkthrough.server.url);

const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('browser walkthrough: editing the public trust center', () => {
  it('saves the theme, adds a measure, schedules a subprocessor and publishes an update that /trust shows', async () => {
    const page = await walkthrough.pages.newPage();
    await step('setup-and-sign-in', page, async () => {
      await completeSetup(page, walkthrough.server.setupToken, admin);
      await signIn(page, admin);
      await heading(page, 'Vendors').waitFor();
    });

    // What the UI picks from: an incident, and a vendor engaged enough to be announced.
    const auth = await sessionOf(page);
    const incident = await callApi<{ id: string }>('/api/v1/incidents', {
      ...jsonPost(auth, {
        title: 'INTERNAL: stolen API key on the payments box',
        type: 'vendor_compromise',
        severity: 'high',
        summary: 'Internal notes that must never reach the public page.',
      }),
      expectStatus: 201,
    });
    const vendor = await callApi<{ id: string }>('/api/v1/vendors', {
      ...jsonPost(auth, { legalName: 'CloudHost Ltd', country: 'IE', services: 'Hosting' }),
      expectStatus: 201,
    });
    for (const status of ['assessing', 'approved', 'active'])
      await callApi(
        `/api/v1/vendors/${vendor.id}/status`,
        jsonPost(auth, { status, reason: 'e2e' }),
      );

    await step('open-trust-center', page, async () => {
      await nav(page).getByRole('link', { name: 'Trust center' }).click();
      await heading(page, 'Trust center').waitFor();
      await page.getByTestId('trust-subscribers').getByText('confirmed').waitFor();
      await expect(
        page.getByRole('link', { name: 'Open the public trust center' }).getAttribute('href'),
      ).resolves.toBe('/trust');
    });

    await step('save-settings', page, async () => {
      await field(page, 'Logo URL').fill('http://shopco.example/logo.png');
      await button(page, 'Save settings').click();
      await page.getByText('must be an https URL').waitFor();
      await expect(field(page, 'Logo URL').getAttribute('aria-invalid')).resolves.toBe('true');
      await field(page, 'Logo URL').fill('');
      await field(page, 'Shop name').fill('ShopCo');
      await field(page, 'Brand colour').fill('#0B6E4F');
      await button(page, 'Save settings').click();
      await page.getByText('Trust center settings saved.').waitFor();
      await page.getByText(/^Last saved/).waitFor();
      const saved = await callApi<{ shopName: string; brandColour: string }>(
        '/api/v1/trust/settings',
        { auth },
      );
      expect(saved).toMatchObject({ shopName: 'ShopCo', brandColour: '#0b6e4f' });
    });

    const measure = {
      title: 'Encryption at rest',
      description: 'Customer data is encrypted with AES-256 on every disk.',
    };
    await step('add-measures', page, async () => {
      await page.getByRole('tab', { name: 'Measures' }).click();
      await heading(page, 'Add a measure').waitFor();
      for (const item of [{ title: 'Staff training', description: 'Yearly.' }, measure]) {
        await field(page, 'Title').fill(item.title);
        await field(page, 'Description').fill(item.description);
        await button(page, 'Add measure').click();
        await page.getByRole('list', { name: 'Measures' }).getByText(item.title).waitFor();
      }
      // The newer one goes first.
      await button(page, `Move ${measure.title} up`).click();
      const list = page.getByRole('list', { name: 'Measures' }).getByRole('listitem');
      await expect.poll(() => list.first().innerText()).toContain(measure.title);
    });

    await step('upload-a-public-document', page, async () => {
      await page.getByRole('tab', { name: 'Documents' }).click();
      await heading(page, 'Upload a document').waitFor();
      await page.locator('input[type="file"]').setInputFiles({
        name: 'security-overview.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from('How ShopCo keeps customer data safe.\n'),
      });
      await field(page, 'Document title').fill('Security overview');
      await page.getByRole('radio', { name: /^Public/ }).check();
      await button(page, 'Upload document').click();
      const documents = page.getByRole('table', { name: 'Documents' });
      await documents.getByRole('rowheader', { name: 'Security overview' }).waitFor();
      expect(await documents.innerText()).toContain('security-overview.txt');
    });

    await step('subprocessor-too-soon-then-scheduled', page, async () => {
      await page.getByRole('tab', { name: 'Subprocessors' }).click();
      await heading(page, 'Schedule a subprocessor').waitFor();
      await page
        .getByRole('list', { name: 'Unannounced vendors' })
        .getByText('CloudHost Ltd')
        .waitFor();
      await chooseOption(page, 'Vendor', 'CloudHost Ltd (unannounced)');
      await field(page, 'Go-live date').fill(day(1));
      await button(page, 'Schedule subprocessor').click();
      await page.getByText(/must give subscribers 30 days' notice/).waitFor();
      await expect(field(page, 'Go-live date').getAttribute('aria-invalid')).resolves.toBe('true');
      await field(page, 'Go-live date').fill(day(31));
      await button(page, 'Schedule subprocessor').click();
      const upcoming = page.getByRole('table', { name: 'Upcoming subprocessors' });
      await upcoming.getByRole('rowheader', { name: 'CloudHost Ltd' }).waitFor();
      expect(await upcoming.innerText()).toContain(day(31));
    });

    const update = {
      title: 'Payment page briefly unavailable',
      body: 'Some customers could not pay between 09:00 and 09:40 UTC. Nothing else was affected.',
    };
    await step('publish-status-update', page, async () => {
      await page.getByRole('tab', { name: 'Status updates' }).click();
      await page
        .getByText('This is published as written: do not paste internal notes', { exact: false })
        .waitFor();
      await chooseOption(page, 'Incident', 'INTERNAL: stolen API key on the payments box');
      await chooseOption(page, 'State', 'Identified');
      await field(page, 'Public title').fill(update.title);
      await field(page, 'Public text').fill(update.body);
      await button(page, 'Publish update…').click();
      const dialog = page.getByRole('dialog', { name: 'Publish this update?' });
      await dialog.getByText(update.body).waitFor();
      await button(dialog, 'Publish').click();
      const published = page.getByRole('table', { name: 'Published updates' });
      await published.getByRole('rowheader', { name: update.title }).waitFor();
      await published.getByText('Identified', { exact: true }).waitFor();
    });

    await step('public-page-shows-it', page, async () => {
      await page.goto('/trust');
      await heading(page, 'ShopCo trust center').waitFor();
      await heading(page, measure.title).waitFor();
      await page.getByText(measure.description).waitFor();
      await page.getByText('Security overview').first().waitFor();
      const css = await page.locator('link[rel="stylesheet"]').first().getAttribute('href');
      expect(await (await page.request.get(css!)).text()).toContain('#0b6e4f');
      const body = await page.locator('body').innerText();
      expect(body).not.toContain('INTERNAL');
      expect(body).not.toContain(incident.id);
      await page.getByRole('link', { name: update.title }).click();
      await heading(page, update.title).waitFor();
      await page.getByText(update.body).waitFor();
      const thread = await page.locator('body').innerText();
      expect(thread).not.toContain('INTERNAL');
      expect(thread).not.toContain('Internal notes');
    });

    expect(walkthrough.pages.problems).toEqual([]);
  });
});
