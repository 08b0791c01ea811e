import { generate } from 'otplib';
import { describe, expect, it } from 'vitest';
import { button, completeSetup, field, heading, nav, signIn, signOut } from './support/app.js';
import { chooseOption, step } from './support/browser.js';
import { extractInviteUrl, waitForEmail } from './support/outbox.js';
import { useWalkthrough } from './support/walkthrough.js';

const admin = {
  name: 'Ada Admin',
  email: 'ada@shopco.example',
  password: 'correct horse battery staple',
};
const analyst = {
  name: 'Alan Analyst',
  email: 'alan@shopco.example',
  password: 'another long passphrase 42',
};

const walkthrough = useWalkthrough();
const newPage = () => walkthrough.pages.newPage();

describe('browser walkthrough: set-up, MFA, invitation and roles', () => {
  it('takes a new deployment from first run to a working analyst', async () => {
    const adminPage = await newPage();
    let recoveryCodes: string[] = [];
    let inviteUrlShown = '';

    await step('setup', adminPage, async () => {
      await completeSetup(adminPage, walkthrough.server.setupToken, admin);
    });

    await step('admin-sign-in', adminPage, async () => {
      await signIn(adminPage, admin);
      // Every role starts at the vendor inventory.
      await heading(adminPage, 'Vendors').waitFor();
      expect(new URL(adminPage.url()).pathname).toBe('/vendors');
    });

    await step('admin-mfa-enrol', adminPage, async () => {
      await nav(adminPage).getByRole('link', { name: 'Profile' }).click();
      await button(adminPage, 'Turn on two-factor authentication').click();
      await button(adminPage, 'Start set-up').click();
      const secret = (await adminPage.getByTestId('mfa-secret').textContent())?.trim() ?? '';
      expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
      await expect(
        adminPage.getByRole('img', { name: /QR code/ }).getAttribute('src'),
      ).resolves.toMatch(/^data:image\/png;base64,/);
      await field(adminPage, '6-digit code from your app').fill(await generate({ secret }));
      await button(adminPage, 'Confirm and turn on').click();
      const list = adminPage.getByRole('list', { name: 'Recovery codes' });
      await list.waitFor();
      recoveryCodes = (await list.getByRole('listitem').allTextContents()).map((code) =>
        code.trim(),
      );
      expect(recoveryCodes.length).toBeGreaterThanOrEqual(8);
      await button(adminPage, 'I have saved my recovery codes').click();
      await adminPage.getByText('Sign-in asks for a code from your authenticator app.').waitFor();
    });

    await step('invite-analyst', adminPage, async () => {
      await nav(adminPage).getByRole('link', { name: 'Users' }).click();
      await heading(adminPage, 'Users').waitFor();
      await button(adminPage, 'Invite user').click();
      const dialog = adminPage.getByRole('dialog', { name: 'Invite a user' });
      await field(dialog, 'Name').fill(analyst.name);
      await field(dialog, 'Email').fill(analyst.email);
      await chooseOption(adminPage, 'Role', 'Analyst');
      await button(adminPage, 'Send invitation').click();
      await adminPage.getByRole('dialog', { name: 'Invitation sent' }).waitFor();
      inviteUrlShown = (await adminPage.getByTestId('invite-url').textContent())?.trim() ?? '';
      expect(inviteUrlShown).toContain('/invite#token=');
      await button(adminPage, 'Done').click();
      await adminPage.getByRole('cell', { name: new RegExp(analyst.email) }).waitFor();
    });

    await step('admin-audit-log', adminPage, async () => {
      await nav(adminPage).getByRole('link', { name: 'Audit log' }).click();
      const table = adminPage.getByTestId('audit-table');
      await table.waitFor();
      const actions = await table.locator('tbody tr td:nth-child(3)').allTextContents();
      expect(actions).toContain('identity.login');
      expect(actions).toContain('identity.user.invite');
      await button(adminPage, 'Verify chain').click();
      await adminPage.getByTestId('chain-ok').waitFor();
      await adminPage.keyboard.press('Escape');
    });

    const inviteUrl = await step('read-invite-email', adminPage, async () => {
      const email = await waitForEmail(walkthrough.server.dataDir, analyst.email);
      const url = extractInviteUrl(email);
      expect(url).toBe(inviteUrlShown);
      return url;
    });

    const analystPage = await newPage();
    await step('analyst-accepts-invitation', analystPage, async () => {
      await analystPage.goto(inviteUrl);
      await heading(analystPage, `Welcome to Cordon, ${analyst.name}`).waitFor();
      await field(analystPage, 'Password').fill(analyst.password);
      await field(analystPage, 'Confirm password').fill(analyst.password);
      await button(analystPage, 'Save password').click();
      await heading(analystPage, 'Sign in to Cordon').waitFor();
    });

    await step('analyst-sign-in', analystPage, async () => {
      await signIn(analystPage, analyst);
      await heading(analystPage, 'Vendors').waitFor();
      expect(new URL(analystPage.url()).pathname).toBe('/vendors');
      const links = await nav(analystPage).getByRole('link').allTextContents();
      expect(links).toEqual(
        expect.arrayContaining(['Vendors', 'Audit log', 'API tokens', 'Profile']),
      );
      expect(links).not.toContain('Users');
      expect(links).not.toContain('Dead letters');
    });

    await step('analyst-denied-admin-pages', analystPage, async () => {
      for (const adminPath of ['/admin/users', '/admin/dead-letters']) {
        await analystPage.goto(adminPath);
        await heading(analystPage, "You don't have access to this page").waitFor();
        expect(await heading(analystPage, 'Users').count()).toBe(0);
        expect(await nav(analystPage).getByRole('link', { name: 'Users' }).count()).toBe(0);
      }
    });

    await step('analyst-sign-out', analystPage, async () => {
      await signOut(analystPage, analyst.name);
      expect(new URL(analystPage.url()).pathname).toBe('/sign-in');
      await analystPage.goto('/profile');
      await heading(analystPage, 'Sign in to Cordon').waitFor();
    });

    await step('admin-recovery-code-sign-in', adminPage, async () => {
      await signOut(adminPage, admin.name);
      await signIn(adminPage, admin);
      await heading(adminPage, 'Two-factor verification').waitFor();
      await button(adminPage, 'Use a recovery code instead').click();
      await field(adminPage, 'Recovery code').fill(recoveryCodes[0]!);
      await button(adminPage, 'Verify').click();
      await heading(adminPage, 'Vendors').waitFor();
      expect(new URL(adminPage.url()).pathname).toBe('/vendors');
    });

    expect(walkthrough.pages.problems).toEqual([]);
  });
});
