import { randomUUID } from 'node:crypto';
import type { EvidenceItem, PortalDefinition, PortalView } from '../../contracts/assessments.js';
import type { Question, TemplateDefinition } from '../../contracts/questionnaires.js';
import type { Executor } from '../../db/database.js';
import {
  createBlobStore,
  fileNameFor,
  sanitizeFileName,
  sniffMediaType,
  type UploadedFile,
} from '../../lib/blob-store.js';
import { sha256Hex } from '../../lib/crypto.js';
import { Conflict, LinkExpired, NotFound, ValidationError } from '../../lib/errors.js';
import type { CallContext } from '../../lib/principal.js';
import type { AssessmentDeps } from './assessments.deps.js';
import { createFindingStore } from './assessments.findings.store.js';
import { createLinkStore } from './assessments.links.store.js';
import { checkAnswer, evaluate, questionsOf, type AnswerValue } from './assessments.scoring.js';
import { OPEN_STATUSES } from './assessments.service.js';
import { createVendorStateStore } from './assessments.state.store.js';
import { createAssessmentStore } from './assessments.store.js';
import type { TemplateService } from './assessments.templates.service.js';

/** Per assessment, so a vendor cannot fill the database through one link. */
const MAX_EVIDENCE_FILES = 100;

/**
 * The vendor's side, reached only through a capability link. The token is the whole
 * authorization: it resolves to exactly one assessment, and every lookup below is made under
 * that assessment, so an id from anywhere else is a 404. Audit events name the assessment and
 * "vendor portal" as the actor; never the token.
 */
/**
 * Where an SBOM uploaded as evidence also goes: the exposure module. `check` refuses a file
 * that is not a readable SBOM before anything is stored; `ingest` runs after the evidence
 * has committed.
 */
export interface SbomIntake {
  questionKeys: ReadonlySet<string>;
  check(file: UploadedFile): void;
  ingest(
    subject: { vendorId: string; integrationId: string | null; assessmentId: string },
    file: UploadedFile,
  ): Promise<void>;
}

export function createPortalService(
  deps: AssessmentDeps & { templates: TemplateService; sbomIntake?: SbomIntake | undefined },
) {
  const { db, clock, audit, templates } = deps;
  const store = createAssessmentStore(db.kysely);
  const links = createLinkStore(db.kysely);
  const findings = createFindingStore(db.kysely);
  const blobs = createBlobStore(db.kysely, clock);
  const vendorState = createVendorStateStore(db.kysely);

  /** The assessment this token opens, or 404 (unknown) / 410 (revoked, expired, cancelled). */
  async function open(token: string, trx: Executor = db.kysely) {
    const tokenHash = sha256Hex(token);
    const link = await links.find(tokenHash, trx);
    if (!link) throw new NotFound('Assessment link', 'this link');
    const now = clock.now().toISOString();
    if (link.revoked_at !== null || link.expires_at <= now) throw new LinkExpired();
    const assessment = await store.find(link.assessment_id, trx);
    if (!assessment || assessment.status === 'cancelled' || assessment.status === 'draft')
      throw new LinkExpired();
    await links.touch(tokenHash, now, trx);
    const template = await templates.requireTemplate(
      assessment.templateId,
      assessment.templateVersion,
      trx,
    );
    return { assessment, definition: template.definition };
  }

  const isOpen = (status: string) => (OPEN_STATUSES as readonly string[]).includes(status);

  async function requireAnswerable(token: string, trx: Executor) {
    const opened = await open(token, trx);
    if (!isOpen(opened.assessment.status) || !(await store.lockOpen(opened.assessment.id, trx)))
      throw new Conflict(
        'These answers were submitted and are locked; contact the sender to change them',
      );
    return opened;
  }

  function questionFor(definition: TemplateDefinition, key: string, field: string): Question {
    for (const { question } of questionsOf(definition)) if (question.key === key) return question;
    throw ValidationError.forField(field, `'${key}' is not a question of this questionnaire`);
  }

  const portalAudit = (assessmentId: string, action: string, details = {}) => ({
    action: `assessments.portal.${action}`,
    objectType: 'assessment',
    objectId: assessmentId,
    actorLabel: 'vendor portal',
    details,
  });

  async function viewOf(token: string): Promise<PortalView> {
    const { assessment, definition } = await open(token);
    const [answers, evidence, raised] = await Promise.all([
      store.answers(assessment.id),
      store.evidence(assessment.id),
      findings.forAssessment(assessment.id),
    ]);
    const evaluation = evaluate(definition, answers, {
      evidence: new Set(evidence.map((item) => item.questionKey)),
      asOf: clock.now().toISOString().slice(0, 10),
    });
    return {
      vendorName: assessment.vendorName,
      requestedBy: new URL(deps.config.publicUrl).host,
      status: assessment.status,
      dueDate: assessment.dueDate,
      locked: !isOpen(assessment.status),
      definition: forVendor(definition),
      answers,
      evidence: evidence.map(({ uploadedVia: _via, ...item }) => item),
      visible: evaluation.results.map((result) => result.key),
      missingRequired: evaluation.missingRequired,
      // Findings are shared with the vendor once the review has produced them.
      findings: assessment.status === 'decided' || assessment.status === 'submitted' ? raised : [],
    };
  }

  return {
    view: viewOf,

    /**
     * The vendor (and integration) an open link is for: what an SBOM upload lands under. Once
     * the answers are submitted the link no longer changes what the vendor is recorded to run.
     */
    async subjectOf(
      token: string,
    ): Promise<{ vendorId: string; integrationId: string | null; assessmentId: string }> {
      const { assessment } = await db.kysely
        .transaction()
        .execute((trx) => requireAnswerable(token, trx));
      return {
        vendorId: assessment.vendorId,
        integrationId: assessment.integrationId,
        assessmentId: assessment.id,
      };
    },

    /** Throws unless the token opens an assessment (404 unknown, 410 expired or revoked). */
    async requireLink(token: string): Promise<void> {
      await open(token);
    },

    /** Saves a patch of draft answers; null clears one. Each bad answer is named. */
    async saveAnswers(
      ctx: CallContext,
      token: string,
      patch: Record<string, unknown>,
    ): Promise<PortalView> {
      await db.kysely.transaction().execute(async (trx) => {
        const { assessment, definition } = await requireAnswerable(token, trx);
        const set: Record<string, AnswerValue> = {};
        const clear: string[] = [];
        const issues: { field: string; message: string }[] = [];
        for (const [key, value] of Object.entries(patch)) {
          const field = `body.answers.${key}`;
          let question: Question;
          try {
            question = questionFor(definition, key, field);
          } catch (error) {
            if (error instanceof ValidationError) issues.push(...error.issues);
            continue;
          }
          if (value === null) {
            clear.push(key);
            continue;
          }
          const checked = checkAnswer(question, value);
          if (checked.ok) set[key] = checked.value;
          else issues.push({ field, message: checked.message });
        }
        if (issues.length > 0)
          throw new ValidationError(
            `${issues.length} answer(s) are not valid; nothing was saved`,
            issues,
          );
        await store.saveAnswers(assessment.id, { set, clear }, clock.now().toISOString(), trx);
        // Which answers changed, never what they say.
        await audit.record(
          ctx,
          portalAudit(assessment.id, 'answers.save', { set: Object.keys(set), cleared: clear }),
          trx,
        );
      });
      return viewOf(token);
    },

    async uploadEvidence(
      ctx: CallContext,
      token: string,
      questionKey: string,
      file: UploadedFile,
    ): Promise<EvidenceItem> {
      if (file.bytes.length === 0) throw ValidationError.forField('body.file', 'is empty');
      const mediaType = sniffMediaType(file.bytes, sanitizeFileName(file.fileName));
      const fileName = fileNameFor(sanitizeFileName(file.fileName), mediaType);
      const intake = deps.sbomIntake?.questionKeys.has(questionKey) ? deps.sbomIntake : null;
      intake?.check(file);
      const stored = await db.kysely.transaction().execute(async (trx) => {
        const { assessment, definition } = await requireAnswerable(token, trx);
        const question = questionFor(definition, questionKey, 'query.question');
        if (question.type !== 'file')
          throw ValidationError.forField('query.question', `'${questionKey}' does not take files`);
        if ((await store.evidence(assessment.id, trx)).length >= MAX_EVIDENCE_FILES)
          throw new Conflict(`An assessment takes at most ${MAX_EVIDENCE_FILES} files`);
        const sha256 = await blobs.put(file.bytes, mediaType, trx);
        const item: EvidenceItem = {
          id: randomUUID(),
          questionKey,
          fileName,
          mediaType,
          byteSize: file.bytes.length,
          sha256,
          uploadedVia: 'portal',
          uploadedAt: clock.now().toISOString(),
        };
        await store.insertEvidence(assessment.id, item, trx);
        await audit.record(
          ctx,
          portalAudit(assessment.id, 'evidence.upload', {
            evidenceId: item.id,
            questionKey,
            fileName,
            sha256,
            byteSize: item.byteSize,
          }),
          trx,
        );
        return {
          item,
          subject: {
            vendorId: assessment.vendorId,
            integrationId: assessment.integrationId,
            assessmentId: assessment.id,
          },
        };
      });
      if (intake) await intake.ingest(stored.subject, file);
      return stored.item;
    },

    async deleteEvidence(ctx: CallContext, token: string, evidenceId: string): Promise<void> {
      await db.kysely.transaction().execute(async (trx) => {
        const { assessment } = await requireAnswerable(token, trx);
        const item = await store.findEvidence(assessment.id, evidenceId, trx);
        if (!item || !(await store.deleteEvidence(assessment.id, evidenceId, trx)))
          throw new NotFound('Evidence', evidenceId);
        await blobs.deleteIfUnreferenced(item.sha256, trx);
        await audit.record(
          ctx,
          portalAudit(assessment.id, 'evidence.delete', { evidenceId, sha256: item.sha256 }),
          trx,
        );
      });
    },

    /** Locks the answers, scores them and raises the questionnaire's findings, all at once. */
    async submit(ctx: CallContext, token: string): Promise<PortalView> {
      await db.kysely.transaction().execute(async (trx) => {
        const { assessment, definition } = await requireAnswerable(token, trx);
        const [answers, evidence] = await Promise.all([
          store.answers(assessment.id, trx),
          store.evidence(assessment.id, trx),
        ]);
        const at = clock.now().toISOString();
        const evaluation = evaluate(definition, answers, {
          evidence: new Set(evidence.map((item) => item.questionKey)),
          asOf: at.slice(0, 10),
        });
        if (evaluation.missingRequired.length > 0)
          throw new ValidationError(
            `${evaluation.missingRequired.length} required question(s) are unanswered`,
            evaluation.missingRequired.map((key) => ({
              field: `answers.${key}`,
              message: 'is required',
            })),
          );
        const moved = await store.transition(
          assessment.id,
          OPEN_STATUSES,
          'submitted',
          { at, submittedAt: at, controlScore: evaluation.score },
          trx,
        );
        if (!moved) throw new Conflict('These answers were already submitted');
        await findings.insert(
          evaluation.findings.map((rule) => ({
            id: randomUUID(),
            assessmentId: assessment.id,
            vendorId: assessment.vendorId,
            questionKey: rule.questionKey,
            source: 'questionnaire',
            title: rule.title,
            detail: '',
            severity: rule.severity,
            requestedRemediation: rule.remediation,
            createdBy: null,
            createdAt: at,
          })),
          trx,
        );
        await vendorState.refresh(assessment.vendorId, clock.now().toISOString(), trx);
        await audit.record(
          ctx,
          portalAudit(assessment.id, 'submit', {
            controlScore: evaluation.score,
            findings: evaluation.findings.length,
          }),
          trx,
        );
      });
      return viewOf(token);
    },

    /** The vendor's remediation plan for one of its findings. */
    async respondToFinding(
      ctx: CallContext,
      token: string,
      findingId: string,
      response: { plan: string; dueDate: string },
    ): Promise<PortalView> {
      await db.kysely.transaction().execute(async (trx) => {
        const { assessment } = await open(token, trx);
        if (assessment.status !== 'submitted' && assessment.status !== 'decided')
          throw new NotFound('Finding', findingId);
        const found = await findings.find(assessment.id, findingId, trx);
        if (!found) throw new NotFound('Finding', findingId);
        if (found.status === 'fixed' || found.status === 'accepted')
          throw new Conflict(`Finding '${found.title}' is already ${found.status}`);
        await findings.update(
          findingId,
          {
            status: 'remediation_planned',
            remediationPlan: response.plan,
            remediationDue: response.dueDate,
          },
          clock.now().toISOString(),
          trx,
        );
        await audit.record(
          ctx,
          portalAudit(assessment.id, 'finding.respond', {
            findingId,
            dueDate: response.dueDate,
          }),
          trx,
        );
      });
      return viewOf(token);
    },

    /** The vendor's own evidence, back as an attachment (never rendered inline). */
    async downloadEvidence(token: string, evidenceId: string) {
      const { assessment } = await open(token);
      const item = await store.findEvidence(assessment.id, evidenceId);
      if (!item) throw new NotFound('Evidence', evidenceId);
      const blob = await blobs.get(item.sha256);
      if (!blob) throw new NotFound('Evidence', evidenceId);
      return { ...item, content: blob.content };
    },
  };
}

export type PortalService = ReturnType<typeof createPortalService>;

/** The questionnaire without its scoring: expected answers, weights and finding rules stay ours. */
function forVendor(definition: TemplateDefinition): PortalDefinition {
  return {
    name: definition.name,
    description: definition.description,
    sections: definition.sections.map((section) => ({
      key: section.key,
      title: section.title,
      description: section.description,
      questions: section.questions.map(({ key, text, help, type, options, required, showIf }) => ({
        key,
        text,
        help,
        type,
        options,
        required,
        showIf,
      })),
    })),
  };
}
