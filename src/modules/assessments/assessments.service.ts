import { randomUUID } from 'node:crypto';
import type {
  Assessment,
  AssessmentDetail,
  AssessmentStatus,
  CreateAssessmentInput,
  ListAssessmentsQuery,
} from '../../contracts/assessments.js';
import type { Executor } from '../../db/database.js';
import { randomToken, sha256Hex } from '../../lib/crypto.js';
import { Conflict, NotFound, ValidationError } from '../../lib/errors.js';
import { authorize, principalUserId, type CallContext } from '../../lib/principal.js';
import type { AssessmentDeps } from './assessments.deps.js';
import { createDecisionStore } from './assessments.decisions.store.js';
import { createFindingStore } from './assessments.findings.store.js';
import { suggestedLevel } from './assessments.library.js';
import { createLinkStore } from './assessments.links.store.js';
import { evaluate } from './assessments.scoring.js';
import { createAssessmentStore } from './assessments.store.js';
import type { TemplateService } from './assessments.templates.service.js';
import type { ApprovalGate } from './assessments.gate.js';
import { createBlobStore } from '../../lib/blob-store.js';

const VIEWER = { role: 'viewer', scope: 'read' } as const;
const ANALYST = { role: 'analyst', scope: 'write' } as const;

/** A link outlives the due date by this much, so a late vendor can still finish. */
export const LINK_DAYS_AFTER_DUE = 30;
/** A questionnaire is due within two years at most (and so is every link's expiry, bounded). */
const MAX_DUE_DAYS = 730;
const DAY_MS = 86_400_000;

/** Statuses in which the vendor is (still) answering. */
export const OPEN_STATUSES: readonly AssessmentStatus[] = ['sent', 'overdue'];

/**
 * Assessments from the security team's side: create one for a vendor or one integration, send
 * the capability link, resend or revoke it, cancel. The vendor's side is the portal service.
 */
export function createAssessmentService(
  deps: AssessmentDeps & { templates: TemplateService; gate: ApprovalGate },
) {
  const { db, clock, audit, vendors, templates, gate } = deps;
  const store = createAssessmentStore(db.kysely);
  const links = createLinkStore(db.kysely);
  const findings = createFindingStore(db.kysely);
  const decisions = createDecisionStore(db.kysely);
  const blobs = createBlobStore(db.kysely, clock);

  async function requireAssessment(id: string, trx?: Executor): Promise<Assessment> {
    const found = await store.find(id, trx);
    if (!found) throw new NotFound('Assessment', id);
    return found;
  }

  async function issueLink(assessment: Assessment, trx: Executor) {
    const token = randomToken(32);
    const now = clock.now();
    const expiresAt = new Date(
      Math.max(Date.parse(`${assessment.dueDate}T23:59:59Z`), now.getTime()) +
        LINK_DAYS_AFTER_DUE * DAY_MS,
    ).toISOString();
    await links.revokeAll(assessment.id, now.toISOString(), trx);
    await links.insert(
      {
        tokenHash: sha256Hex(token),
        assessmentId: assessment.id,
        createdAt: now.toISOString(),
        expiresAt,
      },
      trx,
    );
    // In the fragment: browsers send it neither to servers nor in Referer headers.
    return { url: `${deps.config.publicUrl}/portal#token=${token}`, expiresAt };
  }

  return {
    requireAssessment,

    async create(
      ctx: CallContext,
      vendorId: string,
      input: CreateAssessmentInput,
    ): Promise<Assessment> {
      authorize(ctx, ANALYST);
      const vendor = await vendors.vendors.get(ctx, vendorId);
      if (input.integrationId) await vendors.integrations.get(ctx, vendorId, input.integrationId);
      const template = input.templateId
        ? await templates.requireTemplate(input.templateId)
        : await templates.builtIn(suggestedLevel(vendor.riskTier));
      const today = clock.now().toISOString().slice(0, 10);
      if (input.dueDate < today)
        throw ValidationError.forField('body.dueDate', 'must not be in the past');
      const latest = new Date(clock.now().getTime() + MAX_DUE_DAYS * DAY_MS).toISOString();
      if (input.dueDate > latest.slice(0, 10))
        throw ValidationError.forField('body.dueDate', `must be within ${MAX_DUE_DAYS} days`);
      const id = randomUUID();
      await db.kysely.transaction().execute(async (trx) => {
        await store.insert(
          {
            id,
            vendorId,
            integrationId: input.integrationId,
            templateId: template.id,
            templateVersion: template.version,
            templateName: template.name,
            dueDate: input.dueDate,
            recipientEmail: input.recipientEmail,
            recipientName: input.recipientName,
            createdBy: principalUserId(ctx.principal),
            at: clock.now().toISOString(),
          },
          trx,
        );
        await audit.record(
          ctx,
          {
            action: 'assessments.create',
            objectType: 'assessment',
            objectId: id,
            details: {
              vendorId,
              integrationId: input.integrationId,
              template: template.key,
              templateVersion: template.version,
              dueDate: input.dueDate,
            },
          },
          trx,
        );
      });
      return requireAssessment(id);
    },

    async list(ctx: CallContext, filter: ListAssessmentsQuery) {
      authorize(ctx, VIEWER);
      return store.list(filter);
    },

    async get(ctx: CallContext, id: string): Promise<AssessmentDetail> {
      authorize(ctx, VIEWER);
      const assessment = await requireAssessment(id);
      const [template, answers, evidence, found, decided, linkRows] = await Promise.all([
        templates.requireTemplate(assessment.templateId, assessment.templateVersion),
        store.answers(id),
        store.evidence(id),
        findings.forAssessment(id),
        decisions.forAssessment(id),
        links.list(id),
      ]);
      const asOf = (assessment.submittedAt ?? clock.now().toISOString()).slice(0, 10);
      const evaluation = evaluate(template.definition, answers, {
        evidence: new Set(evidence.map((item) => item.questionKey)),
        asOf,
      });
      return {
        ...assessment,
        definition: template.definition,
        answers,
        evidence,
        results: evaluation.results.map(({ key, outcome }) => ({ key, outcome })),
        findings: found,
        decisions: decided,
        links: linkRows.map((row) => ({
          createdAt: row.created_at,
          expiresAt: row.expires_at,
          revokedAt: row.revoked_at,
          lastUsedAt: row.last_used_at,
        })),
      };
    },

    /**
     * Sends (or resends) the capability link to the recipient. A resend revokes every earlier
     * link, so only the newest email works. The URL is returned once, to the sender.
     */
    async send(ctx: CallContext, id: string): Promise<{ url: string; expiresAt: string }> {
      authorize(ctx, ANALYST);
      const { assessment, link } = await db.kysely.transaction().execute(async (trx) => {
        const assessment = await requireAssessment(id, trx);
        const at = clock.now().toISOString();
        const moved = await store.transition(
          id,
          ['draft', ...OPEN_STATUSES],
          assessment.status === 'overdue' ? 'overdue' : 'sent',
          { at, ...(assessment.sentAt ? {} : { sentAt: at }) },
          trx,
        );
        if (!moved)
          throw new Conflict(
            `Assessment '${id}' is ${assessment.status}; only open assessments can be sent`,
          );
        const link = await issueLink(assessment, trx);
        await audit.record(
          ctx,
          {
            action: assessment.sentAt ? 'assessments.link.resend' : 'assessments.send',
            objectType: 'assessment',
            objectId: id,
            details: { vendorId: assessment.vendorId, expiresAt: link.expiresAt },
          },
          trx,
        );
        return { assessment, link };
      });
      await deps.mail.send({
        to: assessment.recipientEmail,
        subject: `Security questionnaire for ${assessment.vendorName}, due ${assessment.dueDate}`,
        text: portalInvitation(assessment, link.url, link.expiresAt),
      });
      return link;
    },

    /** One evidence file of one assessment; an id from another assessment is a 404. */
    async evidenceFile(ctx: CallContext, id: string, evidenceId: string) {
      authorize(ctx, VIEWER);
      await requireAssessment(id);
      const item = await store.findEvidence(id, evidenceId);
      const blob = item && (await blobs.get(item.sha256));
      if (!item || !blob) throw new NotFound('Evidence', evidenceId);
      return { ...item, content: blob.content };
    },

    /** Whether the integration may become active now, and why (the rule the vendors module enforces). */
    async goLive(ctx: CallContext, vendorId: string, integrationId: string) {
      authorize(ctx, VIEWER);
      await vendors.integrations.get(ctx, vendorId, integrationId);
      return gate.check(vendorId, integrationId);
    },

    async revokeLinks(ctx: CallContext, id: string): Promise<{ revoked: number }> {
      authorize(ctx, ANALYST);
      return db.kysely.transaction().execute(async (trx) => {
        await requireAssessment(id, trx);
        const revoked = await links.revokeAll(id, clock.now().toISOString(), trx);
        await audit.record(
          ctx,
          {
            action: 'assessments.link.revoke',
            objectType: 'assessment',
            objectId: id,
            details: { revoked },
          },
          trx,
        );
        return { revoked };
      });
    },

    async cancel(ctx: CallContext, id: string, reason: string): Promise<Assessment> {
      authorize(ctx, ANALYST);
      await db.kysely.transaction().execute(async (trx) => {
        const assessment = await requireAssessment(id, trx);
        const at = clock.now().toISOString();
        if (!(await store.transition(id, ['draft', ...OPEN_STATUSES], 'cancelled', { at }, trx)))
          throw new Conflict(
            `Assessment '${id}' is ${assessment.status} and can no longer be cancelled`,
          );
        await links.revokeAll(id, at, trx);
        await audit.record(
          ctx,
          {
            action: 'assessments.cancel',
            objectType: 'assessment',
            objectId: id,
            details: { reason },
          },
          trx,
        );
      });
      return requireAssessment(id);
    },
  };
}

export type AssessmentService = ReturnType<typeof createAssessmentService>;

function portalInvitation(assessment: Assessment, url: string, expiresAt: string): string {
  const greeting = assessment.recipientName ? `Hello ${assessment.recipientName},` : 'Hello,';
  return [
    greeting,
    '',
    `We review the security of every company that handles our customers' data. Please answer`,
    `our security questionnaire for ${assessment.vendorName} by ${assessment.dueDate}.`,
    '',
    'Your answers save as you go, and you can attach evidence such as certificates and reports.',
    'No account is needed; this link is for you alone, so please do not forward it:',
    '',
    url,
    '',
    `The link works until ${expiresAt.slice(0, 10)}. If you did not expect this email, ignore it.`,
  ].join('\n');
}
