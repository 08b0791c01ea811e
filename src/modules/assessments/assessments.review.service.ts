import { randomUUID } from 'node:crypto';
import type {
  AssessmentDetail,
  DecisionInput,
  Finding,
  FindingInput,
  FindingStatus,
} from '../../contracts/assessments.js';
import { Conflict, NotFound, ValidationError } from '../../lib/errors.js';
import { authorize, principalUserId, type CallContext } from '../../lib/principal.js';
import type { AssessmentDeps } from './assessments.deps.js';
import { createDecisionStore } from './assessments.decisions.store.js';
import { createFindingStore } from './assessments.findings.store.js';
import { createLinkStore } from './assessments.links.store.js';
import type { AssessmentService } from './assessments.service.js';
import { OPEN_STATUSES } from './assessments.service.js';
import { createVendorStateStore } from './assessments.state.store.js';
import { createAssessmentStore } from './assessments.store.js';

const ANALYST = { role: 'analyst', scope: 'write' } as const;
const ADMIN = { role: 'admin', scope: 'admin' } as const;

/**
 * The reviewer's side: findings on top of the questionnaire's own, their status, and the
 * decision. Decisions are appended, never edited; the newest one in force for an integration is
 * what the approval gate reads. Accepting risk is an admin's call, since it overrides the
 * review; approving or rejecting a reviewed assessment is an analyst's.
 */
export function createReviewService(deps: AssessmentDeps & { assessments: AssessmentService }) {
  const { db, clock, audit, assessments } = deps;
  const store = createAssessmentStore(db.kysely);
  const findings = createFindingStore(db.kysely);
  const decisions = createDecisionStore(db.kysely);
  const links = createLinkStore(db.kysely);
  const vendorState = createVendorStateStore(db.kysely);

  const reviewable = (status: string) => status === 'submitted' || status === 'decided';

  return {
    async addFinding(ctx: CallContext, id: string, input: FindingInput): Promise<Finding> {
      authorize(ctx, ANALYST);
      const findingId = randomUUID();
      await db.kysely.transaction().execute(async (trx) => {
        const assessment = await assessments.requireAssessment(id, trx);
        if (!reviewable(assessment.status))
          throw new Conflict(
            `Assessment '${id}' is ${assessment.status}; findings follow submission`,
          );
        const at = clock.now().toISOString();
        await findings.insert(
          [
            {
              id: findingId,
              assessmentId: id,
              vendorId: assessment.vendorId,
              questionKey: input.questionKey,
              source: 'reviewer',
              title: input.title,
              detail: input.detail,
              severity: input.severity,
              requestedRemediation: input.requestedRemediation,
              createdBy: principalUserId(ctx.principal),
              createdAt: at,
            },
          ],
          trx,
        );
        await vendorState.refresh(assessment.vendorId, clock.now().toISOString(), trx);
        await audit.record(
          ctx,
          {
            action: 'assessments.finding.create',
            objectType: 'finding',
            objectId: findingId,
            details: { assessmentId: id, severity: input.severity, title: input.title },
          },
          trx,
        );
      });
      return (await findings.find(id, findingId))!;
    },

    async setFindingStatus(
      ctx: CallContext,
      id: string,
      findingId: string,
      change: { status: FindingStatus; note: string },
    ): Promise<Finding> {
      authorize(ctx, change.status === 'accepted' ? ADMIN : ANALYST);
      await db.kysely.transaction().execute(async (trx) => {
        const assessment = await assessments.requireAssessment(id, trx);
        const found = await findings.find(id, findingId, trx);
        if (!found) throw new NotFound('Finding', findingId);
        await findings.update(findingId, { status: change.status }, clock.now().toISOString(), trx);
        await vendorState.refresh(assessment.vendorId, clock.now().toISOString(), trx);
        await audit.record(
          ctx,
          {
            action: 'assessments.finding.status',
            objectType: 'finding',
            objectId: findingId,
            details: { assessmentId: id, from: found.status, to: change.status, note: change.note },
          },
          trx,
        );
      });
      return (await findings.find(id, findingId))!;
    },

    async decide(ctx: CallContext, id: string, input: DecisionInput): Promise<AssessmentDetail> {
      authorize(ctx, input.outcome === 'risk_acceptance' ? ADMIN : ANALYST);
      const decidedBy = principalUserId(ctx.principal) ?? 'system';
      await db.kysely.transaction().execute(async (trx) => {
        const assessment = await assessments.requireAssessment(id, trx);
        const at = clock.now().toISOString();
        // Judging answers needs answers: a risk accepted on an unanswered assessment must not
        // become an approval by a later decision.
        if (input.outcome !== 'risk_acceptance' && assessment.submittedAt === null)
          throw new Conflict(
            `Assessment '${id}' has no submitted answers; only a risk acceptance can decide it`,
          );
        if (input.expiresOn !== null && input.expiresOn < at.slice(0, 10))
          throw ValidationError.forField('body.expiresOn', 'must not be in the past');
        // A risk may be accepted before (or instead of) the vendor answering; anything else
        // judges answers, so it needs them.
        const from =
          input.outcome === 'risk_acceptance'
            ? (['draft', ...OPEN_STATUSES, 'submitted', 'decided'] as const)
            : (['submitted', 'decided'] as const);
        if (!(await store.transition(id, from, 'decided', { at, decidedAt: at }, trx)))
          throw new Conflict(
            input.outcome === 'risk_acceptance'
              ? `Assessment '${id}' is ${assessment.status}; its risk can no longer be accepted`
              : `Assessment '${id}' is ${assessment.status}; it can be decided once the vendor has submitted it`,
          );
        // Answering stops once a risk is accepted on an open assessment.
        if (assessment.status !== 'submitted' && assessment.status !== 'decided')
          await links.revokeAll(id, at, trx);
        const decisionId = randomUUID();
        await decisions.insert(
          {
            id: decisionId,
            assessmentId: id,
            vendorId: assessment.vendorId,
            integrationId: assessment.integrationId,
            outcome: input.outcome,
            reason: input.reason,
            expiresOn: input.expiresOn,
            decidedBy,
            decidedAt: at,
            conditions: input.conditions.map((c) => ({ id: randomUUID(), ...c })),
          },
          trx,
        );
        await audit.record(
          ctx,
          {
            action: 'assessments.decide',
            objectType: 'assessment',
            objectId: id,
            details: {
              decisionId,
              outcome: input.outcome,
              vendorId: assessment.vendorId,
              integrationId: assessment.integrationId,
              conditions: input.conditions.length,
              expiresOn: input.expiresOn,
            },
          },
          trx,
        );
      });
      return assessments.get(ctx, id);
    },

    async markConditionMet(
      ctx: CallContext,
      id: string,
      decisionId: string,
      conditionId: string,
    ): Promise<AssessmentDetail> {
      authorize(ctx, ANALYST);
      await db.kysely.transaction().execute(async (trx) => {
        await assessments.requireAssessment(id, trx);
        const decided = await decisions.forAssessment(id, trx);
        if (!decided.some((d) => d.id === decisionId)) throw new NotFound('Decision', decisionId);
        const at = clock.now().toISOString();
        const by = principalUserId(ctx.principal) ?? 'system';
        if (!(await decisions.markConditionMet(decisionId, conditionId, by, at, trx)))
          throw new NotFound('Open condition', conditionId);
        await audit.record(
          ctx,
          {
            action: 'assessments.condition.met',
            objectType: 'assessment',
            objectId: id,
            details: { decisionId, conditionId },
          },
          trx,
        );
      });
      return assessments.get(ctx, id);
    },
  };
}

export type ReviewService = ReturnType<typeof createReviewService>;
