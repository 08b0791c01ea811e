import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiClient } from './support/api.js';
import { button, completeSetup, field, heading, signIn } from './support/app.js';
import { chooseOption, step } from './support/browser.js';
import { waitForEmail } from './support/outbox.js';
import { useWalkthrough } from './support/walkthrough.js';

const admin = {
  name: 'Ada Admin',
  email: 'ada@shopco.example',
  password: 'correct horse battery staple',
};
const vendorName = 'Authenticator Inc.';
const integrationName = 'Customer login (SSO)';
const vendorContact = 'security@authenticator.example';
const questions = {
  mfa: 'Is multi-factor authentication required for all administrative access?',
  patching: 'Within how many days are critical security patches applied?',
  report: 'Upload your latest SOC 2 Type II report.',
};
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');

const walkthrough = useWalkthrough();
const { callApi, sessionOf } = apiClient(() => walkthrough.server.url);

/** A short questionnaire, so the walkthrough is about the flow rather than typing. */
const template = {
  key: 'sso_review',
  definition: {
    name: 'SSO provider review',
    sections: [
      {
        key: 'controls',
        title: 'Controls',
        questions: [
          {
            key: 'mfa_admin',
            text: questions.mfa,
            type: 'yes_no_na',
            weight: 3,
            expected: { kind: 'one_of', values: ['yes'] },
            finding: { title: 'No MFA on admin access', severity: 'high' },
          },
          {
            key: 'patch_days',
            text: questions.patching,
            type: 'number',
            expected: { kind: 'at_most', value: 30 },
            finding: { title: 'Critical patches take more than 30 days', severity: 'high' },
          },
          {
            key: 'soc2_report',
            text: questions.report,
            type: 'file',
            required: false,
            expected: { kind: 'provided' },
            finding: { title: 'SOC 2 report not provided', severity: 'medium' },
          },
        ],
      },
    ],
  },
};

async function setIntegrationStatus(page: Page, vendorId: string, status: 'Active') {
  await page.goto(`/vendors/${vendorId}?tab=integrations`);
  await button(page, `Edit integration ${integrationName}`).click();
  const dialog = page.getByRole('dialog', { name: `Edit ${integrationName}` });
  await chooseOption(page, 'Integration status', status);
  await button(dialog, 'Save integration').click();
  return dialog;
}

describe('browser walkthrough: due diligence before an integration goes live', () => {
  it('sends a questionnaire, the vendor answers it with evidence, and approval opens the gate', async () => {
    const page = await walkthrough.pages.newPage();
    await step('setup-and-sign-in', page, async () => {
      await completeSetup(page, walkthrough.server.setupToken, admin);
      await signIn(page, admin);
      await heading(page, 'Vendors').waitFor();
    });

    const session = await step('create-vendor-and-template', page, () => sessionOf(page));
    const vendorId = await step('create-vendor-and-template', page, async () => {
      const vendor = await callApi<{ id: string }>('/api/v1/vendors', {
        method: 'POST',
        auth: session,
        contentType: 'application/json',
        body: JSON.stringify({ legalName: vendorName, securityContact: vendorContact }),
        expectStatus: 201,
      });
      await callApi(`/api/v1/vendors/${vendor.id}/integrations`, {
        method: 'POST',
        auth: session,
        contentType: 'application/json',
        body: JSON.stringify({
          name: integrationName,
          kind: 'server_api_client',
          declaredCategories: ['email', 'password_hash'],
        }),
        expectStatus: 201,
      });
      await callApi('/api/v1/questionnaires', {
        method: 'POST',
        auth: session,
        contentType: 'application/json',
        body: JSON.stringify(template),
        expectStatus: 201,
      });
      return vendor.id;
    });

    await step('activation-refused-before-approval', page, async () => {
      const dialog = await setIntegrationStatus(page, vendorId, 'Active');
      await dialog.getByText(/cannot become active: it has no approved assessment/).waitFor();
      await button(dialog, 'Cancel').click();
    });

    const portalUrl = await step('send-assessment', page, async () => {
      await page.goto(`/vendors/${vendorId}?tab=assessments`);
      await button(page, 'New assessment').click();
      const dialog = page.getByRole('dialog', { name: 'New assessment' });
      await chooseOption(page, 'Integration', integrationName);
      await chooseOption(page, 'Questionnaire', 'SSO provider review (v1)');
      await expect(field(dialog, 'Recipient email').inputValue()).resolves.toBe(vendorContact);
      await button(dialog, 'Create and send').click();
      await page.getByRole('dialog', { name: 'Assessment sent' }).waitFor();
      const email = await waitForEmail(walkthrough.server.dataDir, vendorContact);
      const match = /https?:\/\/\S+\/portal#token=[A-Za-z0-9_-]{43}/.exec(email);
      expect(match, email).not.toBeNull();
      return match![0];
    });

    // The vendor: a fresh browser context, no account, only the link.
    const portal = await walkthrough.pages.newPage();
    await step('vendor-answers-with-evidence', portal, async () => {
      const started = Date.now();
      await portal.goto(portalUrl);
      await portal.getByRole('radiogroup', { name: new RegExp(questions.mfa) }).waitFor();
      console.log(`vendor portal: questionnaire shown ${Date.now() - started} ms after navigation`);
      await portal.getByText(vendorName).first().waitFor();
      await portal
        .getByRole('radiogroup', { name: new RegExp(questions.mfa) })
        .getByRole('radio', { name: 'No', exact: true })
        .check();
      await field(portal, questions.patching).fill('45');
      await portal
        .getByLabel(`Upload evidence for: ${questions.report}`)
        .setInputFiles({ name: 'soc2-type2.pdf', mimeType: 'application/pdf', buffer: PDF });
      await portal.getByRole('link', { name: 'Download soc2-type2.pdf' }).waitFor();
      await portal.getByText('All changes saved').waitFor();
      await button(portal, 'Submit answers').click();
      await button(portal.getByRole('dialog'), 'Submit').click();
      await portal.getByText('Submitted', { exact: true }).first().waitFor();
    });

    const assessmentId = await step('find-assessment', page, async () => {
      const list = await callApi<{ items: { id: string; status: string }[] }>(
        `/api/v1/assessments?vendorId=${vendorId}`,
        { auth: session },
      );
      expect(list.items.map((item) => item.status)).toEqual(['submitted']);
      return list.items[0]!.id;
    });

    await step('review-and-approve-with-a-condition', page, async () => {
      await page.goto(`/assessments/${assessmentId}`);
      await page.getByText('No MFA on admin access').first().waitFor();
      await page.getByText('Critical patches take more than 30 days').first().waitFor();
      await page.getByText('soc2-type2.pdf').first().waitFor();

      await button(page, 'Add finding').click();
      const findingDialog = page.getByRole('dialog');
      await field(findingDialog, 'Title').fill('Admin console reachable from the internet');
      await field(findingDialog, 'Requested remediation').fill('Put the console behind the VPN');
      await button(findingDialog, 'Save finding').click();
      await findingDialog.waitFor({ state: 'hidden' });
      await page.getByText('Admin console reachable from the internet').first().waitFor();

      await button(page, 'Record decision').click();
      const decision = page.getByRole('dialog');
      await chooseOption(page, 'Outcome', 'Approve with conditions');
      await field(decision, 'Reason').fill('Acceptable once admin MFA is enforced');
      await field(decision, 'Condition').fill('MFA on all administrative access');
      await field(decision, 'Due date').fill('2027-06-30');
      await button(decision, 'Save decision').click();
      await decision.waitFor({ state: 'hidden' });
      await button(page, 'Mark met').waitFor();
      await page.getByText('MFA on all administrative access').first().waitFor();
    });

    await step('activation-allowed-after-approval', page, async () => {
      const dialog = await setIntegrationStatus(page, vendorId, 'Active');
      await dialog.waitFor({ state: 'hidden' });
      const row = page.getByTestId('integrations-table').getByRole('row', {
        name: new RegExp(integrationName.replace(/[()]/g, '\\$&')),
      });
      await row.getByText('active', { exact: true }).waitFor();
    });

    expect(walkthrough.pages.problems).toEqual([]);
  });
});
