import type { Executor } from '../../db/database.js';
import type { Severity } from '../../contracts/questionnaires.js';
import type { RiskTier } from '../../contracts/vendors.js';

export interface VendorAssessmentState {
  vendorId: string;
  vendorName: string;
  tier: RiskTier;
  latestAssessmentId: string | null;
  controlScore: number | null;
  submittedAt: string | null;
  openFindings: Record<Severity, number>;
}

const OPEN = ['open', 'remediation_planned'];

/**
 * `vendor_assessment_state`: per vendor, the newest submitted assessment and the open findings
 * by severity. `refresh` rebuilds one vendor's row from the source tables (never adjusts it by
 * deltas), inside the transaction that changed them, so it cannot drift.
 */
export function createVendorStateStore(db: Executor) {
  return {
    async refresh(vendorId: string, at: string, trx: Executor): Promise<void> {
      // Claim the row first: on PostgreSQL this holds its lock, so a concurrent refresh of the
      // same vendor waits and then counts what this transaction wrote (read committed sees it).
      await trx
        .insertInto('vendor_assessment_state')
        .values({
          vendor_id: vendorId,
          latest_assessment_id: null,
          control_score: null,
          submitted_at: null,
          open_critical: 0,
          open_high: 0,
          open_medium: 0,
          open_low: 0,
          updated_at: at,
        })
        .onConflict((oc) => oc.column('vendor_id').doUpdateSet({ updated_at: at }))
        .execute();
      const latest = await trx
        .selectFrom('assessments')
        .select(['id', 'control_score', 'submitted_at'])
        .where('vendor_id', '=', vendorId)
        .where('submitted_at', 'is not', null)
        .where('status', 'in', ['submitted', 'decided'])
        .orderBy('submitted_at', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      const counts = await trx
        .selectFrom('assessment_findings')
        .select(['severity', (eb) => eb.fn.countAll<number>().as('count')])
        .where('vendor_id', '=', vendorId)
        .where('status', 'in', OPEN)
        .groupBy('severity')
        .execute();
      const open = (severity: Severity) =>
        Number(counts.find((row) => row.severity === severity)?.count ?? 0);
      await trx
        .updateTable('vendor_assessment_state')
        .set({
          latest_assessment_id: latest?.id ?? null,
          control_score: latest?.control_score ?? null,
          submitted_at: latest?.submitted_at ?? null,
          open_critical: open('critical'),
          open_high: open('high'),
          open_medium: open('medium'),
          open_low: open('low'),
          updated_at: at,
        })
        .where('vendor_id', '=', vendorId)
        .execute();
    },

    /**
     * A value that changes whenever anything the portfolio views read changes: a vendor added,
     * removed or edited (tier, status, name), or a vendor's assessment state rebuilt. Three
     * index look-ups, so a cache can ask it on every request.
     */
    async revision(trx: Executor = db): Promise<string> {
      const [vendors, state] = await Promise.all([
        trx
          .selectFrom('vendors')
          .select((eb) => [
            eb.fn.max('updated_at').as('last'),
            eb.fn.countAll<number>().as('count'),
          ])
          .executeTakeFirstOrThrow(),
        trx
          .selectFrom('vendor_assessment_state')
          .select((eb) => eb.fn.max('updated_at').as('last'))
          .executeTakeFirstOrThrow(),
      ]);
      return `${String(vendors.last)}|${Number(vendors.count)}|${String(state.last)}`;
    },

    /** Every vendor still in the portfolio (or one), with its state; zeros where none exists. */
    async list(vendorId?: string, trx: Executor = db): Promise<VendorAssessmentState[]> {
      let query = trx
        .selectFrom('vendors as v')
        .leftJoin('vendor_assessment_state as s', 's.vendor_id', 'v.id')
        .select([
          'v.id',
          'v.legal_name',
          'v.risk_tier',
          'v.risk_tier_override',
          's.latest_assessment_id',
          's.control_score',
          's.submitted_at',
          's.open_critical',
          's.open_high',
          's.open_medium',
          's.open_low',
        ])
        .where('v.status', '!=', 'offboarded');
      if (vendorId) query = query.where('v.id', '=', vendorId);
      const rows = await query.execute();
      return rows.map((row) => ({
        vendorId: row.id,
        vendorName: row.legal_name,
        tier: (row.risk_tier_override ?? row.risk_tier) as RiskTier,
        latestAssessmentId: row.latest_assessment_id,
        controlScore: row.control_score,
        submittedAt: row.submitted_at,
        openFindings: {
          critical: Number(row.open_critical ?? 0),
          high: Number(row.open_high ?? 0),
          medium: Number(row.open_medium ?? 0),
          low: Number(row.open_low ?? 0),
        },
      }));
    },
  };
}

export type VendorStateStore = ReturnType<typeof createVendorStateStore>;
