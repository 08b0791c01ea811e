import type { Executor } from '../../db/database.js';
import type { Decision, DecisionOutcome } from '../../contracts/assessments.js';

export interface NewDecision {
  id: string;
  assessmentId: string;
  vendorId: string;
  integrationId: string | null;
  outcome: DecisionOutcome;
  reason: string;
  expiresOn: string | null;
  decidedBy: string;
  decidedAt: string;
  conditions: { id: string; text: string; dueDate: string }[];
}

/** Decisions are append-only; the newest one for a scope is the one in force. */
export function createDecisionStore(db: Executor) {
  async function withConditions(
    rows: {
      id: string;
      assessment_id: string;
      outcome: string;
      reason: string;
      expires_on: string | null;
      decided_by: string;
      decided_at: string;
    }[],
    trx: Executor,
  ): Promise<Decision[]> {
    if (rows.length === 0) return [];
    const conditions = await trx
      .selectFrom('decision_conditions')
      .select(['id', 'decision_id', 'text', 'due_date', 'met_at'])
      .where(
        'decision_id',
        'in',
        rows.map((row) => row.id),
      )
      .orderBy('due_date')
      .execute();
    return rows.map((row) => ({
      id: row.id,
      assessmentId: row.assessment_id,
      outcome: row.outcome as DecisionOutcome,
      reason: row.reason,
      expiresOn: row.expires_on,
      decidedBy: row.decided_by,
      decidedAt: row.decided_at,
      conditions: conditions
        .filter((c) => c.decision_id === row.id)
        .map((c) => ({ id: c.id, text: c.text, dueDate: c.due_date, metAt: c.met_at })),
    }));
  }
  const columns = [
    'id',
    'assessment_id',
    'outcome',
    'reason',
    'expires_on',
    'decided_by',
    'decided_at',
  ] as const;

  return {
    /** Two decisions racing for the same vendor: the loser hits the unique sequence (409). */
    async insert(decision: NewDecision, trx: Executor): Promise<void> {
      const last = await trx
        .selectFrom('assessment_decisions')
        .select((eb) => eb.fn.max('sequence').as('sequence'))
        .where('vendor_id', '=', decision.vendorId)
        .executeTakeFirst();
      await trx
        .insertInto('assessment_decisions')
        .values({
          id: decision.id,
          assessment_id: decision.assessmentId,
          vendor_id: decision.vendorId,
          sequence: Number(last?.sequence ?? 0) + 1,
          integration_id: decision.integrationId,
          outcome: decision.outcome,
          reason: decision.reason,
          expires_on: decision.expiresOn,
          decided_by: decision.decidedBy,
          decided_at: decision.decidedAt,
        })
        .execute();
      if (decision.conditions.length > 0)
        await trx
          .insertInto('decision_conditions')
          .values(
            decision.conditions.map((c) => ({
              id: c.id,
              decision_id: decision.id,
              text: c.text,
              due_date: c.dueDate,
              met_at: null,
              met_by: null,
            })),
          )
          .execute();
    },

    async forAssessment(assessmentId: string, trx: Executor = db): Promise<Decision[]> {
      const rows = await trx
        .selectFrom('assessment_decisions')
        .select(columns)
        .where('assessment_id', '=', assessmentId)
        .orderBy('sequence')
        .execute();
      return withConditions(rows, trx);
    },

    /**
     * The decision in force for an integration: the newest one made on the integration itself
     * or on its vendor as a whole.
     */
    async latestFor(vendorId: string, integrationId: string | null, trx: Executor = db) {
      const row = await trx
        .selectFrom('assessment_decisions')
        .select(columns)
        .where('vendor_id', '=', vendorId)
        .where((eb) =>
          integrationId === null
            ? eb('integration_id', 'is', null)
            : eb.or([eb('integration_id', 'is', null), eb('integration_id', '=', integrationId)]),
        )
        .orderBy('sequence', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row ? (await withConditions([row], trx))[0] : undefined;
    },

    /** Conditions not yet met whose due date is before `today`. */
    async overdueConditions(today: string, trx: Executor = db) {
      return trx
        .selectFrom('decision_conditions as c')
        .innerJoin('assessment_decisions as d', 'd.id', 'c.decision_id')
        .innerJoin('vendors as v', 'v.id', 'd.vendor_id')
        .select(['c.id', 'c.text', 'c.due_date', 'd.assessment_id', 'v.legal_name as vendor_name'])
        .where('c.met_at', 'is', null)
        .where('c.due_date', '<', today)
        .execute();
    },

    async markConditionMet(
      decisionId: string,
      conditionId: string,
      by: string,
      at: string,
      trx: Executor,
    ) {
      const result = await trx
        .updateTable('decision_conditions')
        .set({ met_at: at, met_by: by })
        .where('id', '=', conditionId)
        .where('decision_id', '=', decisionId)
        .where('met_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}

export type DecisionStore = ReturnType<typeof createDecisionStore>;
