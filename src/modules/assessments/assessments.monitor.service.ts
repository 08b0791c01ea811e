import type { ScheduleEntry } from '../../contracts/assessments.js';
import type { TemplateDefinition } from '../../contracts/questionnaires.js';
import { authorize, type CallContext } from '../../lib/principal.js';
import { sha256Hex } from '../../lib/crypto.js';
import type { AssessmentDeps } from './assessments.deps.js';
import { createDecisionStore } from './assessments.decisions.store.js';
import { createMonitorStore } from './assessments.monitor.store.js';
import type { PortfolioCache } from './assessments.portfolio-cache.js';
import { createVendorStateStore } from './assessments.state.store.js';
import { questionsOf } from './assessments.scoring.js';
import { createAssessmentStore } from './assessments.store.js';
import type { TemplateService } from './assessments.templates.service.js';

const VIEWER = { role: 'viewer', scope: 'read' } as const;
const DAY_MS = 86_400_000;
/** Reminders go out this many days before the due date. */
export const REMINDER_DAYS = [7, 3, 1] as const;
/** Certificates and reassessments are flagged this long before they lapse. */
const WARNING_DAYS = 30;
/** A dashboard list, not an export: the first 500 needing action. */
const SCHEDULE_LIMIT = 500;

/** Plain code-unit order: ISO dates sort right, and it is far cheaper than localeCompare. */
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

function addMonths(instant: string, months: number): string {
  const date = new Date(instant);
  date.setUTCMonth(date.getUTCMonth() + months);
  return date.toISOString().slice(0, 10);
}

/**
 * What needs someone's attention without anyone asking (DESIGN §1 step 2): reminders before
 * the due date, then overdue; conditions past their date; certificates about to lapse; and
 * reassessments due by tier. Every notice is claimed in `assessment_notices` first, so a
 * daily job that runs twice sends each one once.
 */
export function createMonitorService(
  deps: AssessmentDeps & { templates: TemplateService; cache: PortfolioCache },
) {
  const { db, clock, audit, mail, templates } = deps;
  /** Tells the team once per key. */
  const announce = (key: string, message: { subject: string; text: string }) =>
    once(key, (idempotencyKey) => deps.notify(message, { idempotencyKey }));
  const store = createMonitorStore(db.kysely);
  const assessments = createAssessmentStore(db.kysely);
  const decisions = createDecisionStore(db.kysely);
  const vendorState = createVendorStateStore(db.kysely);
  const today = () => clock.now().toISOString().slice(0, 10);
  /**
   * Sends a notice once. The mail is queued durably under the notice's key first (the queue
   * keeps one job per key), and only then is the notice recorded: a crash in between means the
   * next run sends again under the same key, which queues nothing new. So nothing is lost,
   * and two workers racing send one message.
   */
  async function once(key: string, send: (idempotencyKey: string) => Promise<void>) {
    if (await store.noticeSent(key)) return false;
    await send(sha256Hex(`notice\u0000${key}`));
    return store.claimNotice(key, clock.now().toISOString());
  }

  async function schedule(): Promise<ScheduleEntry[]> {
    const day = today();
    const entries = (await vendorState.list()).map((vendor): ScheduleEntry => {
      const base = {
        vendorId: vendor.vendorId,
        vendorName: vendor.vendorName,
        tier: vendor.tier,
        lastSubmittedAt: vendor.submittedAt,
      };
      if (vendor.submittedAt === null) return { ...base, nextDue: null, state: 'never_assessed' };
      const months = deps.config.reassessmentMonths[vendor.tier];
      const nextDue = months > 0 ? addMonths(vendor.submittedAt, months) : null;
      const state =
        nextDue === null
          ? 'on_change'
          : nextDue < day
            ? 'overdue'
            : nextDue <= addDays(day, WARNING_DAYS)
              ? 'due_soon'
              : 'current';
      return { ...base, nextDue, state };
    });
    return entries;
  }

  /** Overdue first, then due soon (earliest first), then never assessed; at most `limit`. */
  function needingAction(entries: ScheduleEntry[], limit: number): ScheduleEntry[] {
    const rank = { overdue: 0, due_soon: 1, never_assessed: 2 } as Record<string, number>;
    return entries
      .filter((entry) => entry.state in rank)
      .sort(
        (a, b) =>
          rank[a.state]! - rank[b.state]! ||
          compare(a.nextDue ?? '', b.nextDue ?? '') ||
          compare(a.vendorName, b.vendorName),
      )
      .slice(0, limit);
  }

  async function remindVendors(): Promise<number> {
    const day = today();
    let sent = 0;
    const due = await assessments.dueOn(REMINDER_DAYS.map((days) => addDays(day, days)));
    for (const assessment of due) {
      const daysLeft = Math.round((Date.parse(assessment.due_date) - Date.parse(day)) / DAY_MS);
      const reminded = await once(`reminder:${assessment.id}:${daysLeft}`, (idempotencyKey) =>
        mail.send(
          {
            to: assessment.recipient_email,
            subject: `Reminder: security questionnaire due ${assessment.due_date}`,
            text: `${assessment.recipient_name ? `Hello ${assessment.recipient_name},` : 'Hello,'}\n\nOur security questionnaire is due in ${daysLeft} day${daysLeft === 1 ? '' : 's'}, on ${assessment.due_date}.\nPlease use the link in our first email; if you cannot find it, reply and we will send a new one.\n`,
          },
          { idempotencyKey },
        ),
      );
      if (reminded) sent += 1;
    }
    return sent;
  }

  async function markOverdue(ctx: CallContext): Promise<number> {
    for (const late of await assessments.pastDue(today()))
      await db.kysely.transaction().execute(async (trx) => {
        const at = clock.now().toISOString();
        if (!(await assessments.transition(late.id, ['sent'], 'overdue', { at }, trx))) return;
        await audit.record(
          ctx,
          {
            action: 'assessments.overdue',
            objectType: 'assessment',
            objectId: late.id,
            details: { dueDate: late.due_date },
          },
          trx,
        );
      });
    // Every overdue assessment not yet announced, including one whose status changed in a
    // run that stopped before its notice went out.
    let announced = 0;
    for (const late of await assessments.withStatus('overdue')) {
      const sent = await announce(`overdue:${late.id}`, {
        subject: 'A vendor assessment is overdue',
        text: `Assessment ${late.id} was due on ${late.due_date} and has not been submitted.`,
      });
      if (sent) announced += 1;
    }
    return announced;
  }

  async function flagConditions(): Promise<number> {
    let flagged = 0;
    for (const condition of await decisions.overdueConditions(today())) {
      const sent = await announce(`condition:${condition.id}`, {
        subject: `Approval condition past due: ${condition.vendor_name}`,
        text: `The condition "${condition.text}" of ${condition.vendor_name}'s approval was due on ${condition.due_date} and is not marked met (assessment ${condition.assessment_id}).`,
      });
      if (sent) flagged += 1;
    }
    return flagged;
  }

  /** Expiry dates (questions expecting a date not in the past) in each vendor's latest answers. */
  async function flagCertificates(): Promise<number> {
    const day = today();
    const soon = addDays(day, WARNING_DAYS);
    const latest = (await vendorState.list()).filter((vendor) => vendor.latestAssessmentId);
    const definitions = new Map<string, TemplateDefinition>();
    let flagged = 0;
    for (let i = 0; i < latest.length; i += 500) {
      const page = latest.slice(i, i + 500);
      const ids = page.map((entry) => entry.latestAssessmentId!);
      const [answerRows, versions] = await Promise.all([
        store.answersOf(ids),
        store.templatesOf(ids),
      ]);
      const answers = new Map(
        answerRows.map((a) => [`${a.assessment_id}:${a.question_key}`, a.value]),
      );
      const versionOf = new Map(versions.map((v) => [v.id, v]));
      for (const entry of page) {
        const assessmentId = entry.latestAssessmentId!;
        const version = versionOf.get(assessmentId);
        if (!version) continue;
        const versionKey = `${version.template_id}:${version.template_version}`;
        let definition = definitions.get(versionKey);
        if (!definition) {
          definition = (
            await templates.requireTemplate(version.template_id, version.template_version)
          ).definition;
          definitions.set(versionKey, definition);
        }
        for (const { question } of questionsOf(definition)) {
          if (question.type !== 'date' || question.expected?.kind !== 'not_past') continue;
          const answer = answers.get(`${assessmentId}:${question.key}`);
          const until = answer && (JSON.parse(answer) as string);
          if (!until || until > soon) continue;
          const state = until < day ? 'expired' : 'expiring';
          const sent = await announce(
            `certificate:${assessmentId}:${question.key}:${until}:${state}`,
            {
              subject: `${entry.vendorName}: certification ${state === 'expired' ? 'expired' : 'expires soon'}`,
              text: `${entry.vendorName} answered "${question.text}" with ${until}. ${state === 'expired' ? 'It has expired' : `That is within ${WARNING_DAYS} days`}; ask for current evidence.`,
            },
          );
          if (sent) flagged += 1;
        }
      }
    }
    return flagged;
  }

  async function flagReassessments(): Promise<number> {
    let flagged = 0;
    for (const entry of await schedule()) {
      if ((entry.state !== 'due_soon' && entry.state !== 'overdue') || !entry.nextDue) continue;
      const sent = await announce(
        `reassessment:${entry.vendorId}:${entry.nextDue}:${entry.state}`,
        {
          subject: `${entry.vendorName}: reassessment ${entry.state === 'overdue' ? 'overdue' : 'due soon'}`,
          text: `${entry.vendorName} (${entry.tier} tier) was last assessed on ${entry.lastSubmittedAt!.slice(0, 10)}; the next assessment is due by ${entry.nextDue}.`,
        },
      );
      if (sent) flagged += 1;
    }
    return flagged;
  }

  return {
    /** The vendors that need an assessment (overdue, due soon, never assessed), at most 500. */
    async schedule(ctx: CallContext): Promise<ScheduleEntry[]> {
      authorize(ctx, VIEWER);
      // Keyed by day too: "due soon" and "overdue" move with the date, not only with the data.
      const all = await deps.cache.get(`schedule:${today()}`, schedule);
      return needingAction(all, SCHEDULE_LIMIT);
    },

    /** The daily pass; each part is idempotent, so a retried run sends nothing twice. */
    async runDaily(ctx: CallContext) {
      return {
        reminders: await remindVendors(),
        overdue: await markOverdue(ctx),
        conditions: await flagConditions(),
        certificates: await flagCertificates(),
        reassessments: await flagReassessments(),
      };
    },
  };
}

export type MonitorService = ReturnType<typeof createMonitorService>;
