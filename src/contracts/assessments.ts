import { z } from 'zod';
import { email, id, isoInstant, longText, text } from './common.js';
import { questionKey, severity, storedDefinition } from './questionnaires.js';
import { riskTier } from './vendors.js';

/**
 * Assessments: a questionnaire sent to a vendor, answered through the vendor portal, reviewed,
 * and decided. Shared by the API, the web app and the portal.
 */

export const ASSESSMENT_STATUSES = [
  'draft',
  'sent',
  'overdue',
  'submitted',
  'decided',
  'cancelled',
] as const;
export const assessmentStatus = z.enum(ASSESSMENT_STATUSES);
export type AssessmentStatus = z.infer<typeof assessmentStatus>;

const dateOnly = z.iso.date({ message: 'must be a date (YYYY-MM-DD)' });

export const createAssessmentInput = z.strictObject({
  integrationId: id.nullable().default(null),
  /** Omit to take the built-in template the vendor's tier suggests. */
  templateId: id.optional(),
  dueDate: dateOnly,
  recipientEmail: email,
  recipientName: text(200).nullable().default(null),
});
export type CreateAssessmentInput = z.infer<typeof createAssessmentInput>;

export const assessment = z.object({
  id,
  vendorId: id,
  vendorName: z.string(),
  integrationId: id.nullable(),
  integrationName: z.string().nullable(),
  templateId: id,
  templateName: z.string(),
  templateVersion: z.number().int(),
  status: assessmentStatus,
  dueDate: z.string(),
  recipientEmail: z.string(),
  recipientName: z.string().nullable(),
  controlScore: z.number().int().nullable(),
  createdAt: isoInstant,
  sentAt: isoInstant.nullable(),
  submittedAt: isoInstant.nullable(),
  decidedAt: isoInstant.nullable(),
});
export type Assessment = z.infer<typeof assessment>;

export const listAssessmentsQuery = z.strictObject({
  vendorId: id.optional(),
  status: assessmentStatus.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type ListAssessmentsQuery = z.infer<typeof listAssessmentsQuery>;
export const assessmentPage = z.object({ total: z.number().int(), items: z.array(assessment) });

/** The link is shown once, to the sender, and mailed to the recipient; only its hash is kept. */
export const sentLink = z.object({ url: z.string(), expiresAt: isoInstant });

export const answerValue = z.union([z.string(), z.number(), z.array(z.string())]);

/** Draft answers from the portal: a patch, where null clears an answer. */
export const saveAnswersInput = z.strictObject({
  answers: z.record(questionKey, z.unknown().nullable()),
});

export const evidenceItem = z.object({
  id,
  questionKey: z.string(),
  fileName: z.string(),
  mediaType: z.string(),
  byteSize: z.number().int(),
  sha256: z.string(),
  uploadedVia: z.enum(['portal', 'staff']),
  uploadedAt: isoInstant,
});
export type EvidenceItem = z.infer<typeof evidenceItem>;

export const FINDING_STATUSES = ['open', 'remediation_planned', 'fixed', 'accepted'] as const;
export const findingStatus = z.enum(FINDING_STATUSES);
export type FindingStatus = z.infer<typeof findingStatus>;

export const finding = z.object({
  id,
  assessmentId: id,
  vendorId: id,
  questionKey: z.string().nullable(),
  source: z.enum(['questionnaire', 'reviewer']),
  title: z.string(),
  detail: z.string(),
  severity,
  status: findingStatus,
  requestedRemediation: z.string(),
  remediationPlan: z.string().nullable(),
  remediationDue: z.string().nullable(),
  createdAt: isoInstant,
  updatedAt: isoInstant,
});
export type Finding = z.infer<typeof finding>;

export const findingInput = z.strictObject({
  title: text(200),
  detail: longText(5000).default(''),
  severity,
  requestedRemediation: longText(5000).default(''),
  questionKey: questionKey.nullable().default(null),
});
export type FindingInput = z.infer<typeof findingInput>;

export const findingStatusInput = z.strictObject({
  status: findingStatus,
  note: longText(2000).default(''),
});

/** The vendor's answer to a finding, through the portal. */
export const remediationInput = z.strictObject({
  plan: longText(5000).pipe(z.string().min(1, 'must not be empty')),
  dueDate: dateOnly,
});

export const DECISION_OUTCOMES = [
  'approve',
  'approve_with_conditions',
  'reject',
  'risk_acceptance',
] as const;
export const decisionOutcome = z.enum(DECISION_OUTCOMES);
export type DecisionOutcome = z.infer<typeof decisionOutcome>;

export const decisionInput = z
  .strictObject({
    outcome: decisionOutcome,
    reason: longText(5000).pipe(z.string().min(3, 'must say why')),
    conditions: z
      .array(z.strictObject({ text: text(500), dueDate: dateOnly }))
      .max(50)
      .default([]),
    /** Risk acceptances expire; other outcomes do not take one. */
    expiresOn: dateOnly.nullable().default(null),
  })
  .superRefine((value, ctx) => {
    const issue = (path: string, message: string) =>
      ctx.addIssue({ code: 'custom', path: [path], message });
    if (value.outcome === 'approve_with_conditions' && value.conditions.length === 0)
      issue('conditions', 'approving with conditions needs at least one condition');
    if (value.outcome !== 'approve_with_conditions' && value.conditions.length > 0)
      issue('conditions', 'only an approval with conditions takes conditions');
    if (value.outcome === 'risk_acceptance' && !value.expiresOn)
      issue('expiresOn', 'a risk acceptance needs an expiry date');
    if (value.outcome !== 'risk_acceptance' && value.expiresOn)
      issue('expiresOn', 'only a risk acceptance expires');
  });
export type DecisionInput = z.infer<typeof decisionInput>;

export const decision = z.object({
  id,
  assessmentId: id,
  outcome: decisionOutcome,
  reason: z.string(),
  expiresOn: z.string().nullable(),
  decidedBy: z.string(),
  decidedAt: isoInstant,
  conditions: z.array(
    z.object({
      id,
      text: z.string(),
      dueDate: z.string(),
      metAt: isoInstant.nullable(),
    }),
  ),
});
export type Decision = z.infer<typeof decision>;

export const questionResult = z.object({
  key: z.string(),
  outcome: z.enum(['met', 'short', 'unanswered', 'not_applicable', 'unscored']),
});

/** Everything a reviewer sees on one assessment. */
export const assessmentDetail = assessment.extend({
  definition: storedDefinition,
  answers: z.record(z.string(), answerValue),
  evidence: z.array(evidenceItem),
  results: z.array(questionResult),
  findings: z.array(finding),
  decisions: z.array(decision),
  links: z.array(
    z.object({
      createdAt: isoInstant,
      expiresAt: isoInstant,
      revokedAt: isoInstant.nullable(),
      lastUsedAt: isoInstant.nullable(),
    }),
  ),
});
export type AssessmentDetail = z.infer<typeof assessmentDetail>;

/**
 * The questionnaire as the vendor sees it: the questions, without what scores (expected
 * answers, weights, the findings a shortfall raises), so answers are honest, not optimised.
 */
export const portalDefinition = z.object({
  name: z.string(),
  description: z.string(),
  sections: z.array(
    z.object({
      key: z.string(),
      title: z.string(),
      description: z.string(),
      questions: z.array(
        storedDefinition.shape.sections.element.shape.questions.element.pick({
          key: true,
          text: true,
          help: true,
          type: true,
          options: true,
          required: true,
          showIf: true,
        }),
      ),
    }),
  ),
});
export type PortalDefinition = z.infer<typeof portalDefinition>;

/** What the vendor sees through the link: its own questionnaire, nothing about anyone else. */
export const portalView = z.object({
  vendorName: z.string(),
  /** The Cordon deployment asking (its host name), so the vendor knows who wants the answers. */
  requestedBy: z.string(),
  status: assessmentStatus,
  dueDate: z.string(),
  locked: z.boolean(),
  definition: portalDefinition,
  answers: z.record(z.string(), answerValue),
  evidence: z.array(evidenceItem.omit({ uploadedVia: true })),
  visible: z.array(z.string()),
  missingRequired: z.array(z.string()),
  findings: z.array(
    finding.pick({
      id: true,
      title: true,
      detail: true,
      severity: true,
      status: true,
      requestedRemediation: true,
      remediationPlan: true,
      remediationDue: true,
    }),
  ),
});
export type PortalView = z.infer<typeof portalView>;

export const residualFactor = z.object({
  key: z.enum(['inherent', 'controls', 'findings', 'exposure']),
  label: z.string(),
  points: z.number(),
  detail: z.string(),
});

export const RESIDUAL_LEVELS = ['low', 'medium', 'high', 'critical'] as const;

export const residualRisk = z.object({
  vendorId: id,
  inherentTier: riskTier,
  score: z.number().int(),
  level: z.enum(RESIDUAL_LEVELS),
  factors: z.array(residualFactor),
  assessmentId: id.nullable(),
});
export type ResidualRisk = z.infer<typeof residualRisk>;

export const heatMap = z.object({
  cells: z.array(
    z.object({
      tier: riskTier,
      level: z.enum(RESIDUAL_LEVELS),
      vendors: z.number().int(),
    }),
  ),
});

export const assessmentParams = z.strictObject({ id });
export const findingParams = z.strictObject({ id, findingId: id });
export const portalParams = z.strictObject({
  // Any shape: a malformed token is simply an unknown one (404), revealing nothing of the format.
  token: z.string().max(200),
});
export const portalFindingParams = portalParams.extend({ findingId: id });
export const portalEvidenceParams = portalParams.extend({ evidenceId: id });

export const scheduleEntry = z.object({
  vendorId: id,
  vendorName: z.string(),
  tier: riskTier,
  lastSubmittedAt: isoInstant.nullable(),
  nextDue: z.string().nullable(),
  state: z.enum(['never_assessed', 'overdue', 'due_soon', 'current', 'on_change']),
});
export type ScheduleEntry = z.infer<typeof scheduleEntry>;
