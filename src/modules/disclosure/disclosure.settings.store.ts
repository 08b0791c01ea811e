import type { Executor } from '../../db/database.js';

/** Disclosure's rows of the shared key-value settings table. */
export function createSettingStore(db: Executor) {
  return {
    async get(key: string) {
      return db
        .selectFrom('settings')
        .select(['value', 'updated_at', 'updated_by'])
        .where('key', '=', key)
        .executeTakeFirst();
    },

    async put(key: string, value: string, at: string, by: string | null, trx: Executor) {
      await trx
        .insertInto('settings')
        .values({ key, value, updated_at: at, updated_by: by })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: at, updated_by: by }))
        .execute();
    },
  };
}
