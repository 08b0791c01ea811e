import { randomUUID } from 'node:crypto';
import {
  type Template,
  type TemplateDefinition,
  type TemplateExport,
  type TemplateInput,
  type TemplateSummary,
} from '../../contracts/questionnaires.js';
import type { Executor } from '../../db/database.js';
import { isUniqueViolation } from '../../db/errors.js';
import { Conflict, NotFound } from '../../lib/errors.js';
import {
  authorize,
  principalUserId,
  systemContext,
  type CallContext,
} from '../../lib/principal.js';
import type { AssessmentDeps } from './assessments.deps.js';
import { BUILT_IN_TEMPLATES } from './assessments.library.js';
import { createTemplateStore, type StoredTemplate } from './assessments.templates.store.js';

const VIEWER = { role: 'viewer', scope: 'read' } as const;
const ANALYST = { role: 'analyst', scope: 'write' } as const;

const summary = ({ definition: _definition, ...rest }: StoredTemplate): TemplateSummary => rest;

/**
 * Questionnaire templates. Every edit writes a new version and leaves the old ones as they
 * were, so an assessment always shows the questions its vendor was actually asked. Built-in
 * templates are read-only (a later Cordon release may update them); copy one to change it.
 */
export function createTemplateService({ db, clock, audit }: AssessmentDeps) {
  const store = createTemplateStore(db.kysely);

  async function requireTemplate(
    id: string,
    version?: number,
    trx: Executor = db.kysely,
  ): Promise<StoredTemplate> {
    const template = await store.find(id, version, trx);
    if (!template)
      throw new NotFound(version === undefined ? 'Template' : `Template version ${version} of`, id);
    return template;
  }

  async function create(
    ctx: CallContext,
    input: TemplateInput,
    builtIn = false,
  ): Promise<StoredTemplate> {
    const id = randomUUID();
    const at = clock.now().toISOString();
    try {
      await db.kysely.transaction().execute(async (trx) => {
        await store.insert(
          { id, key: input.key, level: input.level, builtIn },
          input.definition,
          principalUserId(ctx.principal),
          at,
          trx,
        );
        await audit.record(
          ctx,
          {
            action: 'assessments.template.create',
            objectType: 'questionnaire_template',
            objectId: id,
            details: { key: input.key, name: input.definition.name, builtIn },
          },
          trx,
        );
      });
    } catch (error) {
      if (isUniqueViolation(error))
        throw new Conflict(`A template with key '${input.key}' already exists`);
      throw error;
    }
    return requireTemplate(id);
  }

  async function addVersion(
    ctx: CallContext,
    template: StoredTemplate,
    definition: TemplateDefinition,
    allowBuiltIn = false,
  ): Promise<StoredTemplate> {
    if (template.builtIn && !allowBuiltIn)
      throw new Conflict(
        `Template '${template.key}' is built in and read-only; copy it to make your own version`,
      );
    const version = template.version + 1;
    await db.kysely.transaction().execute(async (trx) => {
      const at = clock.now().toISOString();
      if (
        !(await store.addVersion(
          template.id,
          version,
          definition,
          principalUserId(ctx.principal),
          at,
          trx,
        ))
      )
        throw new Conflict(
          `Template '${template.key}' was changed by someone else since version ${template.version}; reload it and edit again`,
        );
      await audit.record(
        ctx,
        {
          action: 'assessments.template.version',
          objectType: 'questionnaire_template',
          objectId: template.id,
          details: { key: template.key, version, name: definition.name },
        },
        trx,
      );
    });
    return requireTemplate(template.id);
  }

  return {
    async list(ctx: CallContext): Promise<TemplateSummary[]> {
      authorize(ctx, VIEWER);
      return (await store.list()).map(summary);
    },

    async get(ctx: CallContext, id: string, version?: number): Promise<Template> {
      authorize(ctx, VIEWER);
      return requireTemplate(id, version);
    },

    async create(ctx: CallContext, input: TemplateInput): Promise<Template> {
      authorize(ctx, ANALYST);
      return create(ctx, input);
    },

    /** Saves an edit as the next version; `baseVersion` is the one the editor started from. */
    async update(
      ctx: CallContext,
      id: string,
      input: { baseVersion: number; definition: TemplateDefinition },
    ): Promise<Template> {
      authorize(ctx, ANALYST);
      const template = await requireTemplate(id);
      if (template.version !== input.baseVersion)
        throw new Conflict(
          `Template '${template.key}' is at version ${template.version}, not ${input.baseVersion}; reload it and edit again`,
        );
      return addVersion(ctx, template, input.definition);
    },

    async copy(ctx: CallContext, id: string, key: string): Promise<Template> {
      authorize(ctx, ANALYST);
      const source = await requireTemplate(id);
      return create(ctx, { key, level: source.level, definition: source.definition });
    },

    async exportTemplate(
      ctx: CallContext,
      id: string,
      version?: number,
    ): Promise<TemplateExport & { version: number }> {
      authorize(ctx, VIEWER);
      const template = await requireTemplate(id, version);
      return {
        format: 'cordon.questionnaire/1',
        key: template.key,
        level: template.level,
        version: template.version,
        definition: template.definition,
      };
    },

    /** A new key creates a template; a known one gets the import as its next version. */
    async importTemplate(ctx: CallContext, document: TemplateExport): Promise<Template> {
      authorize(ctx, ANALYST);
      const existing = await store.findByKey(document.key);
      if (!existing)
        return create(ctx, {
          key: document.key,
          level: document.level,
          definition: document.definition,
        });
      return addVersion(ctx, existing, document.definition);
    },

    /**
     * Installs the built-in library, and a new version of a built-in template whenever this
     * release's text differs from the latest one stored. Safe to run at every start.
     */
    async ensureBuiltIns(): Promise<void> {
      const ctx = systemContext('assessments.library');
      for (const builtIn of BUILT_IN_TEMPLATES) {
        const stored = await store.findByKey(builtIn.key);
        if (!stored) {
          try {
            await create(ctx, builtIn, true);
          } catch (error) {
            // Another process installed it first.
            if (!(error instanceof Conflict)) throw error;
          }
        } else if (JSON.stringify(stored.definition) !== JSON.stringify(builtIn.definition)) {
          await addVersion(ctx, stored, builtIn.definition, true).catch((error: unknown) => {
            if (!(error instanceof Conflict)) throw error;
          });
        }
      }
    },

    /** The built-in template a tier suggests, at its latest version. */
    async builtIn(level: 'lite' | 'full'): Promise<StoredTemplate> {
      const template = await store.findBuiltIn(level);
      if (!template) throw new NotFound('Built-in template', level);
      return template;
    },

    requireTemplate,
  };
}

export type TemplateService = ReturnType<typeof createTemplateService>;
