import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { RuleTrigger } from '../../contracts/breach-rules.js';
import type {
  Decision,
  DecisionInput,
  EncryptionFact,
  ObligationReport,
} from '../../contracts/breach.js';
import type { Incident } from '../../contracts/incidents.js';
import type { Executor } from '../../db/database.js';
import type { BreachEncryptionTable } from '../../db/schema.breach.js';
import { Conflict, NotFound, ValidationError } from '../../lib/errors.js';
import { authorize, principalUserId, type CallContext } from '../../lib/principal.js';
import { createBusinessCalendar } from '../../lib/business-calendar.js';
import type { BreachDeps } from './breach.deps.js';
import { computeObligations, type BreachFacts } from './breach.engine.js';
import { triggerTime } from './breach.triggers.js';
import type { BreachStore, DecisionRow } from './breach.store.js';
import { BREACH_ACCESS } from './breach.access.js';

/** The rules' trigger names, read from the incident's trigger times. */
const TRIGGER_SOURCES: Record<RuleTrigger, string> = {
  aware: 'aware',
  discovered: 'discovered',
  determined: 'determined',
  materiality_decided: 'materiality_decided',
  // "Reasonable grounds to suspect" arrive with the first detection.
  suspected: 'detected',
};

/**
 * An incident's notification obligations, worked out afresh from its recorded facts on every
 * read (a few hundred scope groups: well under a millisecond), and the decisions people record
 * about them, each one transaction with its timeline entry and audit event.
 */
export type BreachService = ReturnType<typeof createBreachService>;

export function createBreachService(deps: BreachDeps & { store: BreachStore }) {
  const { store, rules } = deps;
  const calendars = new Map(
    [...rules.calendars].map(([id, calendar]) => [id, createBusinessCalendar(calendar)]),
  );

  async function facts(ctx: CallContext, incident: Incident): Promise<BreachFacts> {
    const [snapshots, categories, decisions, encryption] = await Promise.all([
      deps.incidents.snapshots(ctx, incident.id),
      deps.categories.list(ctx),
      store.decisions(incident.id),
      store.encryption(incident.id),
    ]);
    const triggers: BreachFacts['triggers'] = {};
    for (const [name, source] of Object.entries(TRIGGER_SOURCES)) {
      const at = triggerTime(incident, source);
      if (at) triggers[name as RuleTrigger] = at;
    }
    return {
      snapshot: snapshots[0] ?? null,
      triggers,
      catalogue: new Map(
        categories.map((c) => [c.key, { name: c.name, legalFlags: c.legalFlags }]),
      ),
      encryption: new Map(
        encryption.map((row) => [row.category, row.state as EncryptionFact['state']]),
      ),
      decisions: decisions.map(decisionOf),
    };
  }

  /** The incident (read with the caller's rights) and its obligations, from one read of it. */
  async function assess(ctx: CallContext, id: string) {
    const incident = await deps.incidents.get(ctx, id);
    const computed = computeObligations(
      rules,
      calendars,
      await facts(ctx, incident),
      deps.clock.now(),
    );
    return { incident, report: { incidentId: id, ...computed } };
  }

  async function report(ctx: CallContext, id: string): Promise<ObligationReport> {
    return (await assess(ctx, id)).report;
  }

  return {
    assess,
    report,

    async decisions(ctx: CallContext, id: string): Promise<Decision[]> {
      await deps.incidents.get(ctx, id);
      return (await store.decisions(id)).map(decisionOf);
    },

    async encryption(ctx: CallContext, id: string): Promise<EncryptionFact[]> {
      await deps.incidents.get(ctx, id);
      return (await store.encryption(id)).map(encryptionOf);
    },

    /** Records a decision about one of the incident's current obligations. */
    async decide(ctx: CallContext, id: string, input: DecisionInput): Promise<Decision> {
      // Read before the transaction: on SQLite the root connection waits for it.
      const current = await report(ctx, id);
      const obligation = current.obligations.find((o) => o.key === input.obligationKey);
      if (!obligation)
        throw ValidationError.forField(
          'obligationKey',
          `the incident has no obligation '${input.obligationKey}'`,
        );
      if (input.kind === 'risk_assessment' && !obligation.considered.some((c) => c.kind === 'harm'))
        throw ValidationError.forField(
          'kind',
          `${obligation.key} has no risk or harm test to assess (${obligation.citation?.statute ?? 'its rule'})`,
        );
      if (input.kind === 'notice_given' && input.at > deps.clock.now().toISOString())
        throw ValidationError.forField('at', 'a notice cannot have been given in the future');
      if (input.kind === 'law_enforcement_delay') {
        if (!obligation.lawEnforcementDelayAllowed)
          throw ValidationError.forField(
            'kind',
            `${obligation.key} allows no law-enforcement delay (${obligation.citation?.statute ?? 'its rule'})`,
          );
        if (input.until !== null && input.until <= input.from)
          throw ValidationError.forField('until', 'must be after from');
      }
      const { kind, obligationKey, justification, ...details } = input;
      return deps.incidents.changeReturning(ctx, id, async (_row, principal, trx, now) => {
        const row: DecisionRow = {
          id: randomUUID(),
          incident_id: id,
          obligation_key: obligationKey,
          kind,
          details: JSON.stringify(details),
          justification,
          decided_by: principalUserId(principal),
          decided_at: now,
          withdrawn_by: null,
          withdrawn_at: null,
          withdrawn_reason: null,
          timeline_seq: 0,
        };
        return {
          action: 'breach.decision.recorded',
          entry: {
            kind: 'decision',
            body: {
              text: decisionText(input, obligation.duty),
              breach: { decisionId: row.id, obligationKey, kind, details },
            },
          },
          details: { decisionId: row.id, obligationKey, kind },
          value: await insertWithSeq(row, trx),
        };
      });

      async function insertWithSeq(row: DecisionRow, trx: Executor) {
        const stored = { ...row, timeline_seq: await deps.incidents.nextTimelineSeq(trx, id) };
        await store.insertDecision(stored, trx);
        return decisionOf(stored);
      }
    },

    async withdraw(ctx: CallContext, id: string, decisionId: string, justification: string) {
      return deps.incidents.changeReturning(ctx, id, async (_row, principal, trx, now) => {
        const decision = await store.decision(id, decisionId, trx);
        if (!decision) throw new NotFound('Decision', decisionId);
        const fields = {
          withdrawn_by: principalUserId(principal),
          withdrawn_at: now,
          withdrawn_reason: justification,
        };
        if (!(await store.withdraw(decisionId, fields, trx)))
          throw new Conflict('The decision was withdrawn already');
        return {
          action: 'breach.decision.withdrawn',
          entry: {
            kind: 'decision',
            body: {
              text: `Withdrew the ${decision.kind.replaceAll('_', ' ')} for ${decision.obligation_key}: ${justification}`,
              breach: { decisionId, withdrawn: true },
            },
          },
          details: { decisionId },
          value: decisionOf({ ...decision, ...fields }),
        };
      });
    },

    async setEncryption(
      ctx: CallContext,
      id: string,
      input: { category: string; state: EncryptionFact['state']; note: string },
    ): Promise<EncryptionFact> {
      const categories = await deps.categories.list(ctx);
      if (!categories.some((category) => category.key === input.category))
        throw ValidationError.forField('category', `no data category '${input.category}'`);
      return deps.incidents.changeReturning(ctx, id, async (_row, principal, trx, now) => {
        const row = {
          incident_id: id,
          category: input.category,
          state: input.state,
          note: input.note,
          set_by: principalUserId(principal),
          set_at: now,
        };
        await store.setEncryption(row, trx);
        return {
          action: 'breach.encryption.set',
          entry: {
            kind: 'decision',
            body: {
              text: `Recorded ${input.category} as ${input.state.replaceAll('_', ' ')}${input.note ? `: ${input.note}` : ''}`,
              breach: { encryption: { category: input.category, state: input.state } },
            },
          },
          details: { category: input.category, state: input.state },
          value: encryptionOf(row),
        };
      });
    },

    /** The rule book as loaded, for the rules page. */
    rules(ctx: CallContext) {
      authorize(ctx, BREACH_ACCESS.read);
      return rules.rules.map((rule) => ({
        id: rule.id,
        jurisdiction: { code: rule.jurisdiction.code, name: rule.jurisdiction.name },
        duty: rule.duty,
        recipient: rule.recipient,
        file: path.basename(rules.fileOf.get(rule.id)!),
        versions: rule.versions.map((version) => ({
          effective: version.effective,
          statute: version.citation.statute,
          url: version.citation.url,
          deadline: version.deadline.text,
          verified: version.verified.status,
        })),
      }));
    },
  };
}

function decisionText(input: DecisionInput, duty: string): string {
  switch (input.kind) {
    case 'risk_assessment':
      return `Risk assessment for "${duty}" (${input.obligationKey}): harm ${input.conclusion}. ${input.justification}`;
    case 'not_applicable':
      return `Marked "${duty}" (${input.obligationKey}) not applicable. ${input.justification}`;
    case 'law_enforcement_delay':
      return `Law-enforcement delay for "${duty}" (${input.obligationKey}) asked by ${input.agency}, from ${input.from}${input.until ? ` until ${input.until}` : ', until further notice'}. ${input.justification}`;
    case 'notice_given':
      return `Notice given for "${duty}" (${input.obligationKey}) at ${input.at}, reference ${input.reference}. ${input.justification}`.trim();
  }
}

function decisionOf(row: DecisionRow): Decision {
  return {
    id: row.id,
    incidentId: row.incident_id,
    obligationKey: row.obligation_key,
    kind: row.kind as Decision['kind'],
    details: JSON.parse(row.details) as Record<string, unknown>,
    justification: row.justification,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    withdrawnBy: row.withdrawn_by,
    withdrawnAt: row.withdrawn_at,
    timelineSeq: Number(row.timeline_seq),
  };
}

function encryptionOf(row: BreachEncryptionTable): EncryptionFact {
  return {
    category: row.category,
    state: row.state as EncryptionFact['state'],
    note: row.note,
    setBy: row.set_by,
    setAt: row.set_at,
  };
}
