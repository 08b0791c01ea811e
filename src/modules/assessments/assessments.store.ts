import type { Selectable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { AssessmentEvidenceTable } from '../../db/schema.js';
import type {
  Assessment,
  AssessmentStatus,
  EvidenceItem,
  ListAssessmentsQuery,
} from '../../contracts/assessments.js';
import type { AnswerValue } from './assessments.scoring.js';

export interface NewAssessment {
  id: string;
  vendorId: string;
  integrationId: string | null;
  templateId: string;
  templateVersion: number;
  templateName: string;
  dueDate: string;
  recipientEmail: string;
  recipientName: string | null;
  createdBy: string | null;
  at: string;
}

/** Assessments with their answers and evidence; links, findings and decisions live apart. */
export function createAssessmentStore(db: Executor) {
  function base(trx: Executor) {
    return trx
      .selectFrom('assessments as a')
      .innerJoin('vendors as v', 'v.id', 'a.vendor_id')
      .leftJoin('integrations as i', 'i.id', 'a.integration_id')
      .select([
        'a.id',
        'a.vendor_id',
        'v.legal_name as vendor_name',
        'a.integration_id',
        'i.name as integration_name',
        'a.template_id',
        'a.template_name',
        'a.template_version',
        'a.status',
        'a.due_date',
        'a.recipient_email',
        'a.recipient_name',
        'a.control_score',
        'a.created_at',
        'a.sent_at',
        'a.submitted_at',
        'a.decided_at',
      ]);
  }
  type Row = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>;
  const toAssessment = (row: Row): Assessment => ({
    id: row.id,
    vendorId: row.vendor_id,
    vendorName: row.vendor_name,
    integrationId: row.integration_id,
    integrationName: row.integration_name,
    templateId: row.template_id,
    templateName: row.template_name,
    templateVersion: row.template_version,
    status: row.status as AssessmentStatus,
    dueDate: row.due_date,
    recipientEmail: row.recipient_email,
    recipientName: row.recipient_name,
    controlScore: row.control_score,
    createdAt: row.created_at,
    sentAt: row.sent_at,
    submittedAt: row.submitted_at,
    decidedAt: row.decided_at,
  });

  return {
    async insert(record: NewAssessment, trx: Executor): Promise<void> {
      await trx
        .insertInto('assessments')
        .values({
          id: record.id,
          vendor_id: record.vendorId,
          integration_id: record.integrationId,
          template_id: record.templateId,
          template_version: record.templateVersion,
          template_name: record.templateName,
          status: 'draft',
          due_date: record.dueDate,
          recipient_email: record.recipientEmail,
          recipient_name: record.recipientName,
          control_score: null,
          created_by: record.createdBy,
          created_at: record.at,
          updated_at: record.at,
          sent_at: null,
          submitted_at: null,
          decided_at: null,
        })
        .execute();
    },

    async find(id: string, trx: Executor = db): Promise<Assessment | undefined> {
      const row = await base(trx).where('a.id', '=', id).executeTakeFirst();
      return row && toAssessment(row);
    },

    async list(filter: ListAssessmentsQuery, trx: Executor = db) {
      let query = base(trx);
      let count = trx.selectFrom('assessments as a');
      if (filter.vendorId) {
        query = query.where('a.vendor_id', '=', filter.vendorId);
        count = count.where('a.vendor_id', '=', filter.vendorId);
      }
      if (filter.status) {
        query = query.where('a.status', '=', filter.status);
        count = count.where('a.status', '=', filter.status);
      }
      const [rows, total] = await Promise.all([
        query
          .orderBy('a.created_at', 'desc')
          .orderBy('a.id', 'desc')
          .limit(filter.limit)
          .offset(filter.offset)
          .execute(),
        count.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
      ]);
      return { total: Number(total.total), items: rows.map(toAssessment) };
    },

    /**
     * Moves an assessment on only from one of `from`, so two racing requests (a double submit,
     * a decision during a resubmission) cannot both win: false means nothing changed.
     */
    async transition(
      id: string,
      from: readonly AssessmentStatus[],
      to: AssessmentStatus,
      fields: {
        at: string;
        sentAt?: string;
        submittedAt?: string;
        decidedAt?: string;
        controlScore?: number | null;
      },
      trx: Executor,
    ): Promise<boolean> {
      const result = await trx
        .updateTable('assessments')
        .set({
          status: to,
          updated_at: fields.at,
          ...(fields.sentAt === undefined ? {} : { sent_at: fields.sentAt }),
          ...(fields.submittedAt === undefined ? {} : { submitted_at: fields.submittedAt }),
          ...(fields.decidedAt === undefined ? {} : { decided_at: fields.decidedAt }),
          ...(fields.controlScore === undefined ? {} : { control_score: fields.controlScore }),
        })
        .where('id', '=', id)
        .where('status', 'in', [...from])
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /**
     * Claims the row for a vendor's write while it is still open (sent or overdue): on
     * PostgreSQL the update takes the row lock, so a write and a submit serialise and a write
     * can never land after the answers were locked. False once it is no longer open.
     */
    async lockOpen(id: string, trx: Executor): Promise<boolean> {
      const result = await trx
        .updateTable('assessments')
        .set((eb) => ({ updated_at: eb.ref('updated_at') }))
        .where('id', '=', id)
        .where('status', 'in', ['sent', 'overdue'])
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async answers(id: string, trx: Executor = db): Promise<Record<string, AnswerValue>> {
      const rows = await trx
        .selectFrom('assessment_answers')
        .select(['question_key', 'value'])
        .where('assessment_id', '=', id)
        .execute();
      return Object.fromEntries(
        rows.map((row) => [row.question_key, JSON.parse(row.value) as AnswerValue]),
      );
    },

    async saveAnswers(
      id: string,
      changes: { set: Record<string, AnswerValue>; clear: string[] },
      at: string,
      trx: Executor,
    ): Promise<void> {
      const entries = Object.entries(changes.set);
      if (entries.length > 0)
        await trx
          .insertInto('assessment_answers')
          .values(
            entries.map(([key, value]) => ({
              assessment_id: id,
              question_key: key,
              value: JSON.stringify(value),
              updated_at: at,
            })),
          )
          .onConflict((oc) =>
            oc.columns(['assessment_id', 'question_key']).doUpdateSet((eb) => ({
              value: eb.ref('excluded.value'),
              updated_at: eb.ref('excluded.updated_at'),
            })),
          )
          .execute();
      if (changes.clear.length > 0)
        await trx
          .deleteFrom('assessment_answers')
          .where('assessment_id', '=', id)
          .where('question_key', 'in', changes.clear)
          .execute();
      await trx.updateTable('assessments').set({ updated_at: at }).where('id', '=', id).execute();
    },

    async evidence(id: string, trx: Executor = db): Promise<EvidenceItem[]> {
      const rows = await evidenceOf(trx, id).orderBy('uploaded_at').orderBy('id').execute();
      return rows.map(toEvidence);
    },

    /** One evidence item, looked up under its assessment: another assessment's id is absent. */
    async findEvidence(assessmentId: string, evidenceId: string, trx: Executor = db) {
      const row = await evidenceOf(trx, assessmentId)
        .where('id', '=', evidenceId)
        .executeTakeFirst();
      return row && toEvidence(row);
    },

    async insertEvidence(assessmentId: string, item: EvidenceItem, trx: Executor): Promise<void> {
      await trx
        .insertInto('assessment_evidence')
        .values({
          id: item.id,
          assessment_id: assessmentId,
          question_key: item.questionKey,
          sha256: item.sha256,
          file_name: item.fileName,
          media_type: item.mediaType,
          byte_size: item.byteSize,
          uploaded_via: item.uploadedVia,
          uploaded_at: item.uploadedAt,
        })
        .execute();
    },

    async deleteEvidence(assessmentId: string, evidenceId: string, trx: Executor) {
      const result = await trx
        .deleteFrom('assessment_evidence')
        .where('assessment_id', '=', assessmentId)
        .where('id', '=', evidenceId)
        .executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },

    /** Assessments still open whose due date has passed: the overdue job's work list. */
    async pastDue(today: string, trx: Executor = db) {
      return trx
        .selectFrom('assessments')
        .select(['id', 'vendor_id', 'due_date'])
        .where('status', '=', 'sent')
        .where('due_date', '<', today)
        .execute();
    },

    async withStatus(status: AssessmentStatus, trx: Executor = db) {
      return trx
        .selectFrom('assessments')
        .select(['id', 'vendor_id', 'due_date'])
        .where('status', '=', status)
        .execute();
    },

    /** Assessments out with the vendor, due on one of these days: reminder candidates. */
    async dueOn(days: string[], trx: Executor = db) {
      return days.length === 0
        ? []
        : trx
            .selectFrom('assessments')
            .select(['id', 'due_date', 'recipient_email', 'recipient_name'])
            .where('status', '=', 'sent')
            .where('due_date', 'in', days)
            .execute();
    },
  };
}

export type AssessmentStore = ReturnType<typeof createAssessmentStore>;

function evidenceOf(trx: Executor, assessmentId: string) {
  return trx
    .selectFrom('assessment_evidence')
    .selectAll()
    .where('assessment_id', '=', assessmentId);
}

function toEvidence(row: Selectable<AssessmentEvidenceTable>): EvidenceItem {
  return {
    id: row.id,
    questionKey: row.question_key,
    fileName: row.file_name,
    mediaType: row.media_type,
    byteSize: Number(row.byte_size),
    sha256: row.sha256,
    uploadedVia: row.uploaded_via as EvidenceItem['uploadedVia'],
    uploadedAt: row.uploaded_at,
  };
}
