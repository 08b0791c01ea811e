import { randomBytes, randomUUID } from 'node:crypto';
import type { Db, Executor } from '../db/database.js';
import { isUniqueViolation } from '../db/errors.js';
import { createSecretBox, deriveKey, type SecretBox } from './crypto.js';

/**
 * Envelope encryption for data at rest (DESIGN §6). Each purpose has its own random 256-bit
 * data key, stored wrapped under a key derived from the master key. Rotating the master key
 * re-wraps these few rows; the millions of rows they protect are never rewritten.
 */
const WRAP_PURPOSE = 'data-key-wrap';

export interface Keyring {
  /** The data key for a purpose, created on first use. */
  dataKey(purpose: string): Promise<Buffer>;
  box(purpose: string): Promise<SecretBox>;
}

export function createKeyring({ db, masterKey }: { db: Db; masterKey: Buffer }): Keyring {
  const wrapper = createSecretBox(deriveKey(masterKey, WRAP_PURPOSE));
  const cache = new Map<string, Promise<Buffer>>();

  async function loadOrCreate(purpose: string): Promise<Buffer> {
    const existing = await readWrapped(db.kysely, purpose);
    if (existing) return unwrap(wrapper, purpose, existing);
    const key = randomBytes(32);
    try {
      await db.kysely
        .insertInto('data_keys')
        .values({
          id: randomUUID(),
          purpose,
          wrapped: wrapper.seal(key.toString('base64'), aad(purpose)),
          created_at: new Date().toISOString(),
        })
        .execute();
      return key;
    } catch (error) {
      // Another process created it first: use theirs, so both encrypt under the same key.
      if (!isUniqueViolation(error)) throw error;
      const raced = await readWrapped(db.kysely, purpose);
      if (!raced) throw error;
      return unwrap(wrapper, purpose, raced);
    }
  }

  return {
    dataKey(purpose) {
      let key = cache.get(purpose);
      if (!key) {
        key = loadOrCreate(purpose);
        cache.set(purpose, key);
        key.catch(() => cache.delete(purpose));
      }
      return key;
    },
    async box(purpose) {
      return createSecretBox(await this.dataKey(purpose));
    },
  };
}

/**
 * Re-wraps every data key from the old master key to the new one, in one transaction: either
 * all rows move to the new key or none do. Returns how many keys were re-wrapped.
 */
export async function rewrapDataKeys(
  db: Db,
  oldMaster: Buffer,
  newMaster: Buffer,
): Promise<number> {
  const from = createSecretBox(deriveKey(oldMaster, WRAP_PURPOSE));
  const to = createSecretBox(deriveKey(newMaster, WRAP_PURPOSE));
  return db.kysely.transaction().execute(async (trx) => {
    const rows = await trx.selectFrom('data_keys').select(['id', 'purpose', 'wrapped']).execute();
    for (const row of rows) {
      const key = unwrap(from, row.purpose, row.wrapped);
      await trx
        .updateTable('data_keys')
        .set({ wrapped: to.seal(key.toString('base64'), aad(row.purpose)) })
        .where('id', '=', row.id)
        .execute();
    }
    return rows.length;
  });
}

async function readWrapped(db: Executor, purpose: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('data_keys')
    .select('wrapped')
    .where('purpose', '=', purpose)
    .executeTakeFirst();
  return row?.wrapped;
}

function aad(purpose: string): string {
  return `data_key:${purpose}`;
}

function unwrap(wrapper: SecretBox, purpose: string, wrapped: string): Buffer {
  try {
    return Buffer.from(wrapper.open(wrapped, aad(purpose)), 'base64');
  } catch {
    throw new Error(
      `The data key '${purpose}' does not open with this master key: is CORDON_MASTER_KEY (or data/master.key) the one this database was created with?`,
    );
  }
}
