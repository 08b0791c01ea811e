import type { Executor } from '../../db/database.js';
import type { TemplateDefinition, TemplateSummary } from '../../contracts/questionnaires.js';

export interface StoredTemplate extends TemplateSummary {
  definition: TemplateDefinition;
}

function questionCount(definition: TemplateDefinition): number {
  return definition.sections.reduce((total, section) => total + section.questions.length, 0);
}

/** Questionnaire templates and their immutable versions. */
export function createTemplateStore(db: Executor) {
  function withVersion(trx: Executor) {
    return trx
      .selectFrom('questionnaire_templates as t')
      .innerJoin('questionnaire_versions as v', (join) => join.onRef('v.template_id', '=', 't.id'))
      .select([
        't.id',
        't.key',
        't.level',
        't.built_in',
        't.latest_version',
        't.updated_at',
        'v.version',
        'v.definition',
      ]);
  }
  type Row = Awaited<ReturnType<ReturnType<typeof withVersion>['executeTakeFirstOrThrow']>>;
  const toTemplate = (row: Row): StoredTemplate => {
    const definition = JSON.parse(row.definition) as TemplateDefinition;
    return {
      id: row.id,
      key: row.key,
      name: definition.name,
      description: definition.description,
      level: row.level as StoredTemplate['level'],
      builtIn: Boolean(row.built_in),
      version: row.version,
      questionCount: questionCount(definition),
      updatedAt: row.updated_at,
      definition,
    };
  };

  return {
    async list(trx: Executor = db): Promise<StoredTemplate[]> {
      const rows = await withVersion(trx)
        .whereRef('v.version', '=', 't.latest_version')
        .orderBy('t.built_in', 'desc')
        .orderBy('t.key')
        .execute();
      return rows.map(toTemplate);
    },

    /** The latest version, or the given one. */
    async find(id: string, version?: number, trx: Executor = db) {
      let query = withVersion(trx).where('t.id', '=', id);
      query =
        version === undefined
          ? query.whereRef('v.version', '=', 't.latest_version')
          : query.where('v.version', '=', version);
      const row = await query.executeTakeFirst();
      return row && toTemplate(row);
    },

    async findByKey(key: string, trx: Executor = db) {
      const row = await withVersion(trx)
        .where('t.key', '=', key)
        .whereRef('v.version', '=', 't.latest_version')
        .executeTakeFirst();
      return row && toTemplate(row);
    },

    async findBuiltIn(level: 'lite' | 'full', trx: Executor = db) {
      const row = await withVersion(trx)
        .where('t.built_in', '=', 1)
        .where('t.level', '=', level)
        .whereRef('v.version', '=', 't.latest_version')
        .executeTakeFirst();
      return row && toTemplate(row);
    },

    async insert(
      template: { id: string; key: string; level: string | null; builtIn: boolean },
      definition: TemplateDefinition,
      by: string | null,
      at: string,
      trx: Executor,
    ): Promise<void> {
      await trx
        .insertInto('questionnaire_templates')
        .values({
          id: template.id,
          key: template.key,
          level: template.level,
          built_in: template.builtIn ? 1 : 0,
          latest_version: 1,
          created_at: at,
          updated_at: at,
        })
        .execute();
      await trx
        .insertInto('questionnaire_versions')
        .values({
          template_id: template.id,
          version: 1,
          definition: JSON.stringify(definition),
          created_by: by,
          created_at: at,
        })
        .execute();
    },

    /**
     * Writes version `after` only if `after - 1` is still the latest, so two editors saving at
     * once cannot both become version N: the loser gets false and nothing is written.
     */
    async addVersion(
      id: string,
      after: number,
      definition: TemplateDefinition,
      by: string | null,
      at: string,
      trx: Executor,
    ): Promise<boolean> {
      const moved = await trx
        .updateTable('questionnaire_templates')
        .set({ latest_version: after, updated_at: at })
        .where('id', '=', id)
        .where('latest_version', '=', after - 1)
        .executeTakeFirst();
      if (Number(moved.numUpdatedRows) !== 1) return false;
      await trx
        .insertInto('questionnaire_versions')
        .values({
          template_id: id,
          version: after,
          definition: JSON.stringify(definition),
          created_by: by,
          created_at: at,
        })
        .execute();
      return true;
    },
  };
}

export type TemplateStore = ReturnType<typeof createTemplateStore>;
