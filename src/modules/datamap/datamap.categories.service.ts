import {
  MAX_CATEGORIES,
  type DataCategory,
  type dataCategoryInput,
  type dataCategoryUpdate,
} from '../../contracts/datamap.js';
import type { z } from 'zod';
import { Conflict, NotFound, ValidationError } from '../../lib/errors.js';
import { authorize, type CallContext } from '../../lib/principal.js';
import { buildCategoryIndex, type CategoryIndex } from './datamap.categories.js';
import { createCategoryStore } from './datamap.categories.store.js';
import type { DatamapDeps } from './datamap.deps.js';

const ADMIN = { role: 'admin', scope: 'admin' } as const;

/** The editable catalogue of data categories. Keys and bits never change once created. */
export function createCategoryService({ db, clock, audit }: DatamapDeps) {
  const store = createCategoryStore(db.kysely);

  async function index(): Promise<CategoryIndex> {
    return buildCategoryIndex(await store.list());
  }

  return {
    index,

    async list(ctx: CallContext): Promise<DataCategory[]> {
      authorize(ctx, { role: 'viewer', scope: 'read' });
      return (await store.list()).map(({ bit: _bit, ...category }) => category);
    },

    /** Throws a validation error naming `field` if any key is not in the catalogue. */
    async requireKnown(keys: readonly string[], field: string): Promise<void> {
      const { unknown } = (await index()).maskOf(keys);
      if (unknown.length > 0)
        throw ValidationError.forField(field, `unknown data categories: ${unknown.join(', ')}`);
    },

    async create(
      ctx: CallContext,
      input: z.infer<typeof dataCategoryInput>,
    ): Promise<DataCategory> {
      authorize(ctx, ADMIN);
      const at = clock.now().toISOString();
      return db.kysely.transaction().execute(async (trx) => {
        const existing = await store.list(trx);
        if (existing.some((c) => c.key === input.key))
          throw new Conflict(`Data category '${input.key}' already exists`);
        const bit = Math.max(-1, ...existing.map((c) => c.bit)) + 1;
        if (bit >= MAX_CATEGORIES)
          throw new Conflict(`The catalogue is full (${MAX_CATEGORIES} categories)`);
        const category = { ...input, builtin: false };
        await store.insert({ ...category, bit }, at, trx);
        await audit.record(
          ctx,
          {
            action: 'datamap.category.create',
            objectType: 'data_category',
            objectId: input.key,
            details: { name: input.name, sensitivity: input.sensitivity },
          },
          trx,
        );
        return category;
      });
    },

    async update(
      ctx: CallContext,
      key: string,
      input: z.infer<typeof dataCategoryUpdate>,
    ): Promise<DataCategory> {
      authorize(ctx, ADMIN);
      const at = clock.now().toISOString();
      return db.kysely.transaction().execute(async (trx) => {
        const current = (await store.list(trx)).find((c) => c.key === key);
        if (!current) throw new NotFound('Data category', key);
        const updated: DataCategory = { ...input, key, builtin: current.builtin };
        await store.update(updated, at, trx);
        await audit.record(
          ctx,
          {
            action: 'datamap.category.update',
            objectType: 'data_category',
            objectId: key,
            details: {
              before: { sensitivity: current.sensitivity, legalFlags: current.legalFlags },
              after: { sensitivity: input.sensitivity, legalFlags: input.legalFlags },
            },
          },
          trx,
        );
        return updated;
      });
    },
  };
}

export type CategoryService = ReturnType<typeof createCategoryService>;
