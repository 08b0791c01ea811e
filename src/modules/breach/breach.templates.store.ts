import type { Db, Executor } from '../../db/database.js';
import type { BreachNoticeTemplatesTable } from '../../db/schema.breach.js';

export type TemplateRow = BreachNoticeTemplatesTable;

/** Notice templates: every saved version is a row; the highest version is in use. */
export function createTemplateStore(database: Db) {
  const db = database.kysely;
  return {
    async latest(ruleId: string, locale: string): Promise<TemplateRow | undefined> {
      return db
        .selectFrom('breach_notice_templates')
        .selectAll()
        .where('rule_id', '=', ruleId)
        .where('locale', '=', locale)
        .orderBy('version', 'desc')
        .limit(1)
        .executeTakeFirst();
    },

    async version(ruleId: string, locale: string, version: number) {
      return db
        .selectFrom('breach_notice_templates')
        .selectAll()
        .where('rule_id', '=', ruleId)
        .where('locale', '=', locale)
        .where('version', '=', version)
        .executeTakeFirst();
    },

    async versions(ruleId: string, locale: string): Promise<TemplateRow[]> {
      return db
        .selectFrom('breach_notice_templates')
        .selectAll()
        .where('rule_id', '=', ruleId)
        .where('locale', '=', locale)
        .orderBy('version', 'desc')
        .execute();
    },

    /**
     * Appends the next version. Two saves at once compute the same number and the primary key
     * refuses the second, which then fails instead of silently overwriting the first.
     */
    async append(row: Omit<TemplateRow, 'version'>, executor: Executor): Promise<TemplateRow> {
      const top = await executor
        .selectFrom('breach_notice_templates')
        .select((eb) => eb.fn.max('version').as('version'))
        .where('rule_id', '=', row.rule_id)
        .where('locale', '=', row.locale)
        .executeTakeFirst();
      const stored = { ...row, version: Number(top?.version ?? 0) + 1 };
      await executor.insertInto('breach_notice_templates').values(stored).execute();
      return stored;
    },
  };
}

export type TemplateStore = ReturnType<typeof createTemplateStore>;
