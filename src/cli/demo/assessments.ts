import type { TemplateDefinition } from '../../contracts/questionnaires.js';
import { systemContext } from '../../lib/principal.js';
import {
  questionsOf,
  visibleQuestions,
  type AnswerValue,
} from '../../modules/assessments/assessments.scoring.js';
import type { CoreServices } from '../../server/app.js';
import type { DemoVendors } from './vendors.js';

const ctx = systemContext('demo');
const DAY_MS = 86_400_000;

/** A minimal, valid PDF: stands in for the vendor's SOC 2 report. */
const SOC2_REPORT = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);

/**
 * The answer a well-run vendor gives to every visible question (files excepted), with
 * `overrides` where this vendor differs. Visibility is recomputed as answers accumulate.
 */
export function exampleAnswers(
  definition: TemplateDefinition,
  overrides: Record<string, AnswerValue> = {},
): Record<string, AnswerValue> {
  const answers: Record<string, AnswerValue> = {};
  for (const { question } of questionsOf(definition)) {
    if (question.type === 'file' || !visibleQuestions(definition, answers).has(question.key))
      continue;
    const expected = question.expected;
    const typical = (): AnswerValue => {
      if (expected && 'values' in expected)
        return question.type === 'multi_choice' ? expected.values : expected.values[0]!;
      if (expected && 'value' in expected) return expected.value;
      if (question.type === 'yes_no_na') return 'yes';
      if (question.type === 'single_choice') return question.options[0]!.key;
      if (question.type === 'multi_choice') return [];
      if (question.type === 'date') return '2026-11-30';
      return 'Security desk, security@vendor.example, +44 20 7946 0000';
    };
    answers[question.key] = overrides[question.key] ?? typical();
  }
  return answers;
}

/**
 * The due diligence of the story (../shared/scenario/shopco.md): Authenticator Inc. submitted
 * weak answers (critical patches "within 90 days", a SOC 2 report that expired on 2025-12-31)
 * and awaits a decision, so its integration cannot go live; Vendor X is approved with one
 * condition and its integration is active. Left alone if the vendors have assessments already.
 */
export async function seedAssessments(services: CoreServices, vendors: DemoVendors): Promise<void> {
  const { assessments, portal, review } = services.assessments;
  const existing = await assessments.list(ctx, { limit: 1, offset: 0 });
  if (existing.total > 0) return;
  const dueDate = new Date(Date.now() + 30 * DAY_MS).toISOString().slice(0, 10);

  async function answered(
    vendor: { vendorId: string; integrationId: string },
    recipientEmail: string,
    overrides: Record<string, AnswerValue>,
    evidence: [string, string, Buffer][] = [],
  ) {
    const created = await assessments.create(ctx, vendor.vendorId, {
      integrationId: vendor.integrationId,
      dueDate,
      recipientEmail,
      recipientName: null,
    });
    const token = new URL((await assessments.send(ctx, created.id)).url).hash.slice(
      '#token='.length,
    );
    // The staff view: the vendor's own view leaves out what a good answer is.
    const { definition } = await assessments.get(ctx, created.id);
    await portal.saveAnswers(ctx, token, exampleAnswers(definition, overrides));
    for (const [question, fileName, bytes] of evidence)
      await portal.uploadEvidence(ctx, token, question, { fileName, bytes });
    await portal.submit(ctx, token);
    return created.id;
  }

  const authenticator = await answered(
    vendors.authenticator,
    'security@authenticator.example',
    {
      patch_critical_days: 90,
      patch_high_days: 120,
      patch_scan_frequency: 'quarterly',
      cert_held: ['soc2_type2'],
      cert_soc2_valid_until: '2025-12-31',
    },
    [['cert_soc2_report', 'authenticator-soc2-type2-2024.pdf', SOC2_REPORT]],
  );

  // Authenticator's SSO was live before due diligence began: its gaps are accepted for a
  // quarter while it renews its SOC 2, so the integration stays active (and its software
  // findings alert).
  await review.decide(ctx, authenticator, {
    outcome: 'risk_acceptance',
    reason: 'Live since before due diligence; accepted while the SOC 2 report is renewed',
    conditions: [],
    expiresOn: new Date(Date.now() + 90 * DAY_MS).toISOString().slice(0, 10),
  });
  await activate(services, vendors.authenticator);

  const vendorX = await answered(vendors.vendorX, 'security@vendorx.example', {
    access_mfa_admin: 'no',
    cert_held: [],
  });
  await review.decide(ctx, vendorX, {
    outcome: 'approve_with_conditions',
    reason: 'Controls are adequate for email and order history, once the admin console has MFA',
    conditions: [{ text: 'MFA on the Vendor X admin console', dueDate: '2026-06-30' }],
    expiresOn: null,
  });
  await activate(services, vendors.vendorX);
}

/** Takes an integration live, now that a decision in force allows it. */
async function activate(
  services: CoreServices,
  vendor: { vendorId: string; integrationId: string },
): Promise<void> {
  const integration = await services.vendors.integrations.get(
    ctx,
    vendor.vendorId,
    vendor.integrationId,
  );
  const {
    id: _id,
    vendorId: _vendor,
    vendorName: _name,
    createdAt: _c,
    updatedAt: _u,
    ...input
  } = integration;
  await services.vendors.integrations.update(ctx, vendor.vendorId, integration.id, {
    ...input,
    status: 'active',
  });
}
