import type { Executor } from '../../db/database.js';
import type { DataCategory, Sensitivity } from '../../contracts/datamap.js';

export interface StoredCategory extends DataCategory {
  bit: number;
}

export function createCategoryStore(db: Executor) {
  return {
    async list(trx: Executor = db): Promise<StoredCategory[]> {
      const rows = await trx.selectFrom('data_categories').selectAll().orderBy('bit').execute();
      return rows.map((row) => ({
        key: row.key,
        bit: row.bit,
        name: row.name,
        description: row.description,
        sensitivity: row.sensitivity as Sensitivity,
        legalFlags: JSON.parse(row.legal_flags) as DataCategory['legalFlags'],
        builtin: row.builtin === 1,
      }));
    },

    async insert(category: StoredCategory, at: string, trx: Executor = db): Promise<void> {
      await trx
        .insertInto('data_categories')
        .values({
          key: category.key,
          bit: category.bit,
          name: category.name,
          description: category.description,
          sensitivity: category.sensitivity,
          legal_flags: JSON.stringify(category.legalFlags),
          builtin: category.builtin ? 1 : 0,
          created_at: at,
          updated_at: at,
        })
        .execute();
    },

    async update(category: DataCategory, at: string, trx: Executor = db): Promise<void> {
      await trx
        .updateTable('data_categories')
        .set({
          name: category.name,
          description: category.description,
          sensitivity: category.sensitivity,
          legal_flags: JSON.stringify(category.legalFlags),
          updated_at: at,
        })
        .where('key', '=', category.key)
        .execute();
    },
  };
}
