import type { Executor } from '../../db/database.js';

/** The queries behind reminders, alerts and the reassessment schedule. */
export function createMonitorStore(db: Executor) {
  return {
    async noticeSent(key: string, trx: Executor = db): Promise<boolean> {
      const row = await trx
        .selectFrom('assessment_notices')
        .select('key')
        .where('key', '=', key)
        .executeTakeFirst();
      return row !== undefined;
    },

    /** Records that a notice went out; false if another run recorded it first. */
    async claimNotice(key: string, at: string, trx: Executor = db): Promise<boolean> {
      const result = await trx
        .insertInto('assessment_notices')
        .values({ key, sent_at: at })
        .onConflict((oc) => oc.column('key').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },

    /** Template versions of these assessments, to read their answers against. */
    async templatesOf(assessmentIds: string[], trx: Executor = db) {
      if (assessmentIds.length === 0) return [];
      return trx
        .selectFrom('assessments')
        .select(['id', 'template_id', 'template_version'])
        .where('id', 'in', assessmentIds)
        .execute();
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
