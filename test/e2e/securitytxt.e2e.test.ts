import { describe, expect, it } from 'vitest';
import { button, completeSetup, field, heading, nav, signIn } from './support/app.js';
import { step } from './support/browser.js';
import { useWalkthrough } from './support/walkthrough.js';

const admin = {
  name: 'Sam Security',
  email: 'sam@shopco.example',
  password: 'correct horse battery staple',
};
const walkthrough = useWalkthrough();

describe('browser walkthrough: the shop’s own security.txt', () => {
  it('sets it up, refuses an http policy at its field, signs it, and checks a pasted file', async () => {
    const page = await walkthrough.pages.newPage();
    await step('setup-and-sign-in', page, async () => {
      await completeSetup(page, walkthrough.server.setupToken, admin);
      await signIn(page, admin);
      await heading(page, 'Vendors').waitFor();
    });

    await step('not-configured-yet', page, async () => {
      await nav(page).getByRole('link', { name: 'security.txt' }).click();
      await heading(page, 'security.txt').waitFor();
      await page.getByTestId('securitytxt-not-configured').waitFor();
      expect(await heading(page, 'Published file').count()).toBe(0);
    });

    const contact = 'mailto:security@shopco.example';
    await step('http-policy-refused-at-its-field', page, async () => {
      await field(page, 'Contact').fill(contact);
      await field(page, 'Policy').fill('http://shopco.example/security/policy');
      await button(page, 'Save security.txt').click();
      await page.getByText(/"http:\/\/shopco\.example\/security\/policy": must be a URI/).waitFor();
      await expect(field(page, 'Policy').getAttribute('aria-invalid')).resolves.toBe('true');
      await expect(field(page, 'Contact').getAttribute('aria-invalid')).resolves.not.toBe('true');
    });

    await step('saved-with-expires-and-unsigned-warning', page, async () => {
      await field(page, 'Policy').fill('https://shopco.example/security/policy');
      await button(page, 'Save security.txt').click();
      await heading(page, 'Published file').waitFor();
      const expires = page.getByRole('row', { name: /^Expires/ }).locator('time');
      expect(await expires.getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);
      await page
        .getByTestId('securitytxt-warnings')
        .getByText('security.txt is not signed: generate a signing key.')
        .waitFor();
      await expect(
        page.getByRole('link', { name: /Open \/\.well-known\/security\.txt/ }).getAttribute('href'),
      ).resolves.toBe('/.well-known/security.txt');
    });

    await step('signing-key-generated', page, async () => {
      await button(page, 'Generate signing key').click();
      await button(page, 'Remove signing key').waitFor();
      expect(await page.getByLabel('Key fingerprint').innerText()).toMatch(/^[0-9A-F]{40,64}$/);
      expect(await page.getByTestId('securitytxt-public-key').innerText()).toContain(
        '-----BEGIN PGP PUBLIC KEY BLOCK-----',
      );
      // Signed now; what is left is the test server's plain-http Canonical.
      const warnings = page.getByTestId('securitytxt-warnings');
      await expect.poll(() => warnings.innerText()).not.toContain('not signed');
      expect(await warnings.innerText()).toContain('Canonical is an http URL');
    });

    await step('served-file-is-signed', page, async () => {
      const response = await page.request.get('/.well-known/security.txt');
      expect(response.status()).toBe(200);
      const text = await response.text();
      expect(text.startsWith('-----BEGIN PGP SIGNED MESSAGE-----')).toBe(true);
      expect(text).toContain(`Contact: ${contact}`);
    });

    await step('checker-lists-findings', page, async () => {
      await field(page, 'File to check').fill('Contact: security@shop.example\n');
      await button(page, 'Check file').click();
      const verdict = page.getByTestId('securitytxt-verdict');
      await verdict.getByText('Invalid', { exact: true }).waitFor();
      const findings = page.getByRole('table', { name: 'Findings' });
      await findings.getByRole('cell', { name: 'no_expires', exact: true }).waitFor();
      await findings.getByRole('cell', { name: 'invalid_uri', exact: true }).waitFor();
    });

    expect(walkthrough.pages.problems).toEqual([]);
  });
});
