import type { Executor } from './database.js';

/**
 * The shared key-value `settings` table. Each module owns its keys (identity's
 * `mfa_required`, disclosure's `disclosure.security_txt`); this is only how a row is read
 * and written.
 */
export function createSettingsStore(db: Executor) {
  // Arrow functions: callers may pass the methods on by themselves.
  return {
    get: (key: string, trx: Executor = db) =>
      trx
        .selectFrom('settings')
        .select(['value', 'updated_at', 'updated_by'])
        .where('key', '=', key)
        .executeTakeFirst(),

    put: async (key: string, value: string, at: string, by: string | null, trx: Executor = db) => {
      await trx
        .insertInto('settings')
        .values({ key, value, updated_at: at, updated_by: by })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: at, updated_by: by }))
        .execute();
    },

    delete: async (key: string, trx: Executor = db): Promise<void> => {
      await trx.deleteFrom('settings').where('key', '=', key).execute();
    },
  };
}
