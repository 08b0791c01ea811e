import type { Executor } from '../../db/database.js';
import type { Finding, FindingStatus } from '../../contracts/assessments.js';
import type { Severity } from '../../contracts/questionnaires.js';

export type NewFinding = Omit<
  Finding,
  'status' | 'remediationPlan' | 'remediationDue' | 'updatedAt'
> & {
  createdBy: string | null;
};

/** Findings raised on assessments, by the questionnaire's rules or by a reviewer. */
export function createFindingStore(db: Executor) {
  const columns = [
    'id',
    'assessment_id',
    'vendor_id',
    'question_key',
    'source',
    'title',
    'detail',
    'severity',
    'status',
    'requested_remediation',
    'remediation_plan',
    'remediation_due',
    'created_at',
    'updated_at',
  ] as const;
  function select(trx: Executor) {
    return trx.selectFrom('assessment_findings').select(columns);
  }
  type Row = Awaited<ReturnType<ReturnType<typeof select>['executeTakeFirstOrThrow']>>;
  const toFinding = (row: Row): Finding => ({
    id: row.id,
    assessmentId: row.assessment_id,
    vendorId: row.vendor_id,
    questionKey: row.question_key,
    source: row.source as Finding['source'],
    title: row.title,
    detail: row.detail,
    severity: row.severity as Severity,
    status: row.status as FindingStatus,
    requestedRemediation: row.requested_remediation,
    remediationPlan: row.remediation_plan,
    remediationDue: row.remediation_due,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });

  return {
    async insert(findings: NewFinding[], trx: Executor): Promise<void> {
      if (findings.length === 0) return;
      await trx
        .insertInto('assessment_findings')
        .values(
          findings.map((f) => ({
            id: f.id,
            assessment_id: f.assessmentId,
            vendor_id: f.vendorId,
            question_key: f.questionKey,
            source: f.source,
            title: f.title,
            detail: f.detail,
            severity: f.severity,
            status: 'open',
            requested_remediation: f.requestedRemediation,
            remediation_plan: null,
            remediation_due: null,
            created_by: f.createdBy,
            created_at: f.createdAt,
            updated_at: f.createdAt,
          })),
        )
        .execute();
    },

    async forAssessment(assessmentId: string, trx: Executor = db): Promise<Finding[]> {
      const rows = await select(trx)
        .where('assessment_id', '=', assessmentId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toFinding);
    },

    async find(assessmentId: string, id: string, trx: Executor = db) {
      const row = await select(trx)
        .where('assessment_id', '=', assessmentId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toFinding(row);
    },

    async update(
      id: string,
      change: { status: FindingStatus; remediationPlan?: string; remediationDue?: string },
      at: string,
      trx: Executor,
    ): Promise<void> {
      await trx
        .updateTable('assessment_findings')
        .set({
          status: change.status,
          updated_at: at,
          ...(change.remediationPlan === undefined
            ? {}
            : { remediation_plan: change.remediationPlan }),
          ...(change.remediationDue === undefined
            ? {}
            : { remediation_due: change.remediationDue }),
        })
        .where('id', '=', id)
        .execute();
    },

    /** Open findings (not fixed, not accepted) per severity, for residual risk. */
    async openBySeverity(vendorId: string, trx: Executor = db): Promise<Record<Severity, number>> {
      const rows = await trx
        .selectFrom('assessment_findings')
        .select(['severity', (eb) => eb.fn.countAll<number>().as('count')])
        .where('vendor_id', '=', vendorId)
        .where('status', 'in', ['open', 'remediation_planned'])
        .groupBy('severity')
        .execute();
      const counts: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0 };
      for (const row of rows) counts[row.severity as Severity] = Number(row.count);
      return counts;
    },
  };
}

export type FindingStore = ReturnType<typeof createFindingStore>;
