import type { Executor } from '../../db/database.js';
import type { RiskTier } from '../../contracts/vendors.js';

/** The queries behind reminders, alerts and the reassessment schedule. */
export function createMonitorStore(db: Executor) {
  return {
    /** Records that a notice went out; false if it already had (so send nothing). */
    async claimNotice(key: string, at: string, trx: Executor = db): Promise<boolean> {
      const result = await trx
        .insertInto('assessment_notices')
        .values({ key, sent_at: at })
        .onConflict((oc) => oc.column('key').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },

    /** The newest submitted assessment of every vendor still in the portfolio. */
    async latestSubmitted(trx: Executor = db) {
      const rows = await trx
        .selectFrom('assessments as a')
        .innerJoin('vendors as v', 'v.id', 'a.vendor_id')
        .select([
          'a.id',
          'a.vendor_id',
          'v.legal_name',
          'v.risk_tier',
          'v.risk_tier_override',
          'a.template_id',
          'a.template_version',
          'a.submitted_at',
          'a.decided_at',
        ])
        .where('a.status', 'in', ['submitted', 'decided'])
        .where('v.status', '!=', 'offboarded')
        .execute();
      const latest = new Map<string, (typeof rows)[number]>();
      for (const row of rows) {
        const seen = latest.get(row.vendor_id);
        if (!seen || row.submitted_at! > seen.submitted_at!) latest.set(row.vendor_id, row);
      }
      return [...latest.values()].map((row) => ({
        assessmentId: row.id,
        vendorId: row.vendor_id,
        vendorName: row.legal_name,
        tier: (row.risk_tier_override ?? row.risk_tier) as RiskTier,
        templateId: row.template_id,
        templateVersion: row.template_version,
        submittedAt: row.submitted_at!,
        decidedAt: row.decided_at,
      }));
    },

    /** Vendors with no submitted assessment at all, and their tier. */
    async neverAssessed(trx: Executor = db) {
      const rows = await trx
        .selectFrom('vendors as v')
        .select(['v.id', 'v.legal_name', 'v.risk_tier', 'v.risk_tier_override'])
        .where('v.status', '!=', 'offboarded')
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('assessments as a')
                .select('a.id')
                .whereRef('a.vendor_id', '=', 'v.id')
                .where('a.status', 'in', ['submitted', 'decided']),
            ),
          ),
        )
        .execute();
      return rows.map((row) => ({
        vendorId: row.id,
        vendorName: row.legal_name,
        tier: (row.risk_tier_override ?? row.risk_tier) as RiskTier,
      }));
    },

    async answersOf(assessmentIds: string[], trx: Executor = db) {
      if (assessmentIds.length === 0) return [];
      return trx
        .selectFrom('assessment_answers')
        .select(['assessment_id', 'question_key', 'value'])
        .where('assessment_id', 'in', assessmentIds)
        .execute();
    },
  };
}
