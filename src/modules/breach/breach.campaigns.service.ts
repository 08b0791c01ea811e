import { randomUUID } from 'node:crypto';
import {
  SUPPRESSION_REASONS,
  type Campaign,
  type CampaignInput,
  type SuppressionReason,
} from '../../contracts/breach-campaigns.js';
import type { Obligation } from '../../contracts/breach.js';
import type { Executor } from '../../db/database.js';
import { addressDomain } from '../../lib/mailer.js';
import { Conflict, NotFound, ValidationError } from '../../lib/errors.js';
import { authorize, principalUserId, type CallContext } from '../../lib/principal.js';
import type { BreachDeps } from './breach.deps.js';
import { BREACH_ACCESS } from './breach.access.js';
import type { CampaignRow, CampaignStore } from './breach.campaigns.store.js';
import { missingContent } from './breach.notices.js';
import { campaignLetter } from './breach.campaigns.letter.js';
import { sealCode, templateUsesCodes } from './breach.campaigns.codes.js';
import type { BreachService } from './breach.service.js';
import { SAMPLE_RECIPIENT, templateOf } from './breach.templates.service.js';
import type { TemplateStore } from './breach.templates.store.js';

export const CAMPAIGN_PREPARE_JOB = 'breach.campaign.prepare';
export const CAMPAIGN_DELIVER_JOB = 'breach.campaign.deliver';

/** Campaigns write to people; duties to authorities are filed, not mailed in bulk. */
const TO_PEOPLE: ReadonlySet<Obligation['recipient']> = new Set(['individuals']);
const OPEN = ['preparing', 'ready', 'sending', 'paused'];

/**
 * Notification campaigns: the letters one obligation owes, to exactly the people it counted.
 * A campaign freezes its template version and scope snapshot when created; its recipients are
 * worked out by a job (`prepare`), a test letter goes to the team, and only then can it start.
 * Each command is one transaction with its timeline entry and audit event.
 */
export function createCampaignService(
  deps: BreachDeps & { campaigns: CampaignStore; templates: TemplateStore; service: BreachService },
) {
  const { campaigns } = deps;

  /** The campaign, if it belongs to an incident the caller can read. */
  async function load(ctx: CallContext, incidentId: string, campaignId: string) {
    await deps.incidents.get(ctx, incidentId);
    const row = await campaigns.get(campaignId);
    if (!row || row.incident_id !== incidentId) throw new NotFound('Campaign', campaignId);
    return row;
  }

  async function command(
    ctx: CallContext,
    row: CampaignRow,
    change: {
      from: readonly string[];
      to: Partial<CampaignRow> & { status: string };
      text: string;
      action: string;
      /** What the command does, for the refusal: "start", "be paused"… */
      verb: string;
      enqueue?: (trx: Executor) => Promise<unknown>;
    },
  ): Promise<Campaign> {
    return deps.incidents.changeReturning(ctx, row.incident_id, async (_incident, _p, trx) => {
      if (!(await campaigns.transition(row.id, change.from, change.to, trx)))
        throw new Conflict(
          `The campaign is ${(await campaigns.get(row.id, trx))?.status ?? 'gone'}: it cannot ${change.verb} now`,
        );
      await change.enqueue?.(trx);
      const updated = (await campaigns.get(row.id, trx))!;
      return {
        action: change.action,
        entry: {
          kind: 'decision',
          body: { text: change.text, breach: { campaignId: row.id, status: change.to.status } },
        },
        details: { campaignId: row.id, status: change.to.status },
        value: campaignOf(updated),
      };
    });
  }

  async function enqueueRun(row: CampaignRow, run: number, trx: Executor) {
    await deps.jobs.enqueue(
      CAMPAIGN_DELIVER_JOB,
      { campaignId: row.id },
      { idempotencyKey: `${CAMPAIGN_DELIVER_JOB}:${row.id}:${run}`, trx },
    );
  }

  return {
    async create(ctx: CallContext, incidentId: string, input: CampaignInput): Promise<Campaign> {
      // Read before the transaction: on SQLite the root connection waits for it.
      const { report } = await deps.service.assess(ctx, incidentId);
      const obligation = report.obligations.find((o) => o.key === input.obligationKey);
      if (!obligation)
        throw ValidationError.forField(
          'obligationKey',
          `the incident has no obligation '${input.obligationKey}'`,
        );
      if (!TO_PEOPLE.has(obligation.recipient))
        throw ValidationError.forField(
          'obligationKey',
          `${obligation.key} is owed to ${obligation.recipientName ?? obligation.recipient.replaceAll('_', ' ')}, not to people: file it instead`,
        );
      if (obligation.affected === 0 || ['not_required', 'exempt'].includes(obligation.status))
        throw ValidationError.forField(
          'obligationKey',
          `${obligation.key} is ${obligation.status.replaceAll('_', ' ')}: nobody is owed this notice`,
        );
      if (!report.snapshot)
        throw ValidationError.forField('snapshot', 'take a scope snapshot first');
      const template = await deps.templates.latest(obligation.ruleId, input.locale);
      if (!template)
        throw ValidationError.forField(
          'locale',
          `save a notice template for ${obligation.ruleId} (${input.locale}) first`,
        );
      const { subject, sections } = templateOf(template);
      const missing = missingContent(subject, sections, obligation.content, obligation.late);
      if (missing.length)
        throw ValidationError.forField(
          'locale',
          `the ${input.locale} template lacks what ${obligation.key} requires: ${missing.map((m) => `"${m.label}"`).join(', ')}`,
        );
      const existing = await campaigns.list(incidentId);
      if (existing.some((c) => c.obligation_key === obligation.key && OPEN.includes(c.status)))
        throw new Conflict(
          `A campaign for ${obligation.key} is already open: finish or cancel it first`,
        );
      const snapshot = report.snapshot;
      return deps.incidents.changeReturning(ctx, incidentId, async (_row, principal, trx, now) => {
        const row: CampaignRow = {
          id: randomUUID(),
          incident_id: incidentId,
          obligation_key: obligation.key,
          rule_id: obligation.ruleId,
          locale: input.locale,
          template_version: Number(template.version),
          snapshot_id: snapshot.id,
          message_domain: addressDomain(deps.config.mailFrom),
          status: 'preparing',
          examined: 0,
          scope_customers: snapshot.customers,
          recipients: 0,
          suppressed: '{}',
          sent: 0,
          failed: 0,
          codes: 0,
          needs_codes: templateUsesCodes({ subject, sections }) ? 1 : 0,
          run: 0,
          test_sent_at: null,
          test_recipients: 0,
          created_by: principalUserId(principal),
          created_at: now,
          prepared_at: null,
          started_at: null,
          finished_at: null,
        };
        await campaigns.insert(row, trx);
        await deps.jobs.enqueue(
          CAMPAIGN_PREPARE_JOB,
          { campaignId: row.id },
          { idempotencyKey: `${CAMPAIGN_PREPARE_JOB}:${row.id}`, trx },
        );
        return {
          action: 'breach.campaign.created',
          entry: {
            kind: 'decision',
            body: {
              text: `Prepared a notification campaign for "${obligation.duty}" (${obligation.key}): ${obligation.affected} people covered, template ${input.locale} version ${row.template_version}, scope snapshot of ${snapshot.takenAt}.`,
              breach: { campaignId: row.id, status: row.status },
            },
          },
          details: { campaignId: row.id, obligationKey: obligation.key },
          value: campaignOf(row),
        };
      });
    },

    async list(ctx: CallContext, incidentId: string): Promise<Campaign[]> {
      await deps.incidents.get(ctx, incidentId);
      return (await campaigns.list(incidentId)).map(campaignOf);
    },

    async get(ctx: CallContext, incidentId: string, campaignId: string): Promise<Campaign> {
      return campaignOf(await load(ctx, incidentId, campaignId));
    },

    async recipients(
      ctx: CallContext,
      incidentId: string,
      campaignId: string,
      query: { status?: string | undefined; after: number; limit: number },
    ) {
      const row = await load(ctx, incidentId, campaignId);
      const items = await campaigns.recipients(campaignId, query);
      return {
        items: items.map((item) => ({
          seq: Number(item.seq),
          customerRef: item.customer_ref,
          status: item.status as 'queued',
          reason: item.reason,
          attempts: Number(item.attempts),
          messageId: messageIdOf(row, Number(item.seq)),
          sentAt: item.sent_at,
          error: item.error,
        })),
        next: items.length === query.limit ? Number(items.at(-1)!.seq) : null,
      };
    },

    /** The letter, rendered for a sample recipient, to members of the team only. */
    async testSend(
      ctx: CallContext,
      incidentId: string,
      campaignId: string,
      to: string[] | undefined,
    ): Promise<Campaign> {
      const principal = authorize(ctx, BREACH_ACCESS.write);
      const row = await load(ctx, incidentId, campaignId);
      if (!['ready', 'paused'].includes(row.status))
        throw new Conflict(`The campaign is ${row.status}: a test letter goes before sending`);
      const team = await deps.team.active();
      const addresses =
        to ?? team.filter((u) => u.id === principalUserId(principal)).map((u) => u.email);
      if (addresses.length === 0)
        throw ValidationError.forField('to', 'name the team members to send the test letter to');
      addresses.forEach((address, i) => {
        if (!team.some((member) => member.email === address))
          throw ValidationError.forField(
            `to.${i}`,
            'is not an active Cordon user: test letters go to the team only',
          );
      });
      const parts = await campaignLetter(deps, ctx, row);
      if (!parts) throw new Conflict(`The incident no longer has obligation ${row.obligation_key}`);
      const letter = parts.render({
        ...parts.shared,
        recipient: SAMPLE_RECIPIENT,
        support: { ...parts.shared.support, creditMonitoringCode: 'SAMPLE-CODE-0000' },
      });
      // Queued before the record: a failure in between leaves a test letter without its note.
      for (const address of addresses)
        await deps.mail.send({
          to: address,
          subject: `[TEST] ${letter.subject}`,
          text: letter.text,
          html: letter.html,
        });
      return deps.incidents.changeReturning(ctx, incidentId, async (_incident, _p, trx, now) => {
        const recorded = await campaigns.transition(
          row.id,
          [row.status],
          { status: row.status, test_sent_at: now, test_recipients: addresses.length },
          trx,
        );
        if (!recorded)
          throw new Conflict('The campaign changed while the test letter went: send it again');
        return {
          action: 'breach.campaign.test_sent',
          entry: {
            kind: 'decision',
            body: {
              text: `Sent a test letter of campaign ${row.obligation_key} to ${addresses.length} team member(s).`,
              breach: { campaignId: row.id, status: row.status },
            },
          },
          details: { campaignId: row.id, recipients: addresses.length },
          value: campaignOf((await campaigns.get(row.id, trx))!),
        };
      });
    },

    async start(ctx: CallContext, incidentId: string, campaignId: string) {
      const row = await load(ctx, incidentId, campaignId);
      if (row.status === 'ready' && !row.test_sent_at)
        throw new Conflict('Send a test letter to the team first, and read it');
      const withoutCode = queuedOf(row) - Number(row.codes);
      if (row.status === 'ready' && Number(row.needs_codes) && withoutCode > 0)
        throw new Conflict(
          `The letter gives each person a credit-monitoring code: ${withoutCode} letters have none yet`,
        );
      const run = Number(row.run) + 1;
      return command(ctx, row, {
        from: ['ready'],
        to: { status: 'sending', run, started_at: deps.clock.now().toISOString() },
        text: `Started sending ${row.obligation_key}: ${queuedOf(row)} letters.`,
        action: 'breach.campaign.started',
        verb: 'start',
        enqueue: (trx) => enqueueRun(row, run, trx),
      });
    },

    /** Assigns credit-monitoring codes to the next letters without one, before the start. */
    async addCodes(ctx: CallContext, incidentId: string, campaignId: string, codes: string[]) {
      const row = await load(ctx, incidentId, campaignId);
      return deps.incidents.changeReturning(ctx, incidentId, async (_incident, _p, trx) => {
        const current = (await campaigns.get(row.id, trx))!;
        if (current.status !== 'ready')
          throw new Conflict(`The campaign is ${current.status}: codes are added before the start`);
        const assigned = await campaigns.assignCodes(
          row.id,
          codes,
          (seq, code) => sealCode(deps.secretBox, row.id, seq, code),
          trx,
        );
        if (assigned < codes.length)
          throw ValidationError.forField(
            'codes',
            `${codes.length} codes for ${assigned} letters still without one: send no more than are needed`,
          );
        return {
          action: 'breach.campaign.codes_added',
          entry: {
            kind: 'decision',
            body: {
              text: `Assigned ${assigned} credit-monitoring codes to the letters of ${row.obligation_key}.`,
              breach: { campaignId: row.id, status: current.status },
            },
          },
          details: { campaignId: row.id, assigned },
          value: { assigned, campaign: campaignOf((await campaigns.get(row.id, trx))!) },
        };
      });
    },

    async pause(ctx: CallContext, incidentId: string, campaignId: string) {
      const row = await load(ctx, incidentId, campaignId);
      return command(ctx, row, {
        from: ['sending'],
        to: { status: 'paused' },
        text: `Paused campaign ${row.obligation_key} after ${row.sent} letters.`,
        action: 'breach.campaign.paused',
        verb: 'be paused',
      });
    },

    async resume(ctx: CallContext, incidentId: string, campaignId: string) {
      const row = await load(ctx, incidentId, campaignId);
      const run = Number(row.run) + 1;
      return command(ctx, row, {
        from: ['paused'],
        to: { status: 'sending', run },
        text: `Resumed campaign ${row.obligation_key}.`,
        action: 'breach.campaign.resumed',
        verb: 'resume',
        enqueue: (trx) => enqueueRun(row, run, trx),
      });
    },

    async cancel(ctx: CallContext, incidentId: string, campaignId: string) {
      const row = await load(ctx, incidentId, campaignId);
      return command(ctx, row, {
        from: OPEN,
        to: { status: 'cancelled', finished_at: deps.clock.now().toISOString() },
        text: `Cancelled campaign ${row.obligation_key}: ${row.sent} letters had gone, the rest will not.`,
        action: 'breach.campaign.cancelled',
        verb: 'be cancelled',
      });
    },
  };
}

export type CampaignService = ReturnType<typeof createCampaignService>;

/** `<breach.<campaign>.<seq>@domain>`: fixed before the first send, the same on every resend. */
export function messageIdOf(row: Pick<CampaignRow, 'id' | 'message_domain'>, seq: number): string {
  return `<breach.${row.id}.${seq}@${row.message_domain}>`;
}

function queuedOf(row: CampaignRow): number {
  return (
    Number(row.recipients) - totalOf(suppressedOf(row)) - Number(row.sent) - Number(row.failed)
  );
}

function suppressedOf(row: CampaignRow): Record<SuppressionReason, number> {
  const counts = JSON.parse(row.suppressed) as Partial<Record<SuppressionReason, number>>;
  return Object.fromEntries(
    SUPPRESSION_REASONS.map((reason) => [reason, counts[reason] ?? 0]),
  ) as Record<SuppressionReason, number>;
}

const totalOf = (counts: Record<string, number>) =>
  Object.values(counts).reduce((a, b) => a + b, 0);

export function campaignOf(row: CampaignRow): Campaign {
  const suppressed = suppressedOf(row);
  return {
    id: row.id,
    incidentId: row.incident_id,
    obligationKey: row.obligation_key,
    ruleId: row.rule_id,
    locale: row.locale,
    templateVersion: Number(row.template_version),
    snapshotId: row.snapshot_id,
    status: row.status as Campaign['status'],
    examined: Number(row.examined),
    scopeCustomers: Number(row.scope_customers),
    recipients: Number(row.recipients),
    suppressed,
    suppressedTotal: totalOf(suppressed),
    sent: Number(row.sent),
    failed: Number(row.failed),
    codes: Number(row.codes),
    needsCodes: Boolean(Number(row.needs_codes)),
    remaining: Math.max(0, queuedOf(row)),
    testSentAt: row.test_sent_at,
    testRecipients: Number(row.test_recipients),
    createdBy: row.created_by,
    createdAt: row.created_at,
    preparedAt: row.prepared_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}
