import type { Executor } from '../../db/database.js';

/** Capability links to the vendor portal. Only the SHA-256 of each token is stored. */
export function createLinkStore(db: Executor) {
  return {
    async insert(
      link: { tokenHash: string; assessmentId: string; createdAt: string; expiresAt: string },
      trx: Executor,
    ): Promise<void> {
      await trx
        .insertInto('assessment_links')
        .values({
          token_hash: link.tokenHash,
          assessment_id: link.assessmentId,
          created_at: link.createdAt,
          expires_at: link.expiresAt,
          revoked_at: null,
          last_used_at: null,
        })
        .execute();
    },

    /** Revokes every live link of the assessment; returns how many were live. */
    async revokeAll(assessmentId: string, at: string, trx: Executor): Promise<number> {
      const result = await trx
        .updateTable('assessment_links')
        .set({ revoked_at: at })
        .where('assessment_id', '=', assessmentId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    async find(tokenHash: string, trx: Executor = db) {
      return trx
        .selectFrom('assessment_links')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
    },

    async list(assessmentId: string, trx: Executor = db) {
      return trx
        .selectFrom('assessment_links')
        .select(['created_at', 'expires_at', 'revoked_at', 'last_used_at'])
        .where('assessment_id', '=', assessmentId)
        .orderBy('created_at')
        .execute();
    },

    /** At most once a minute per link, so reading the portal stays a read. */
    async touch(tokenHash: string, at: string, trx: Executor = db): Promise<void> {
      const minuteAgo = new Date(Date.parse(at) - 60_000).toISOString();
      await trx
        .updateTable('assessment_links')
        .set({ last_used_at: at })
        .where('token_hash', '=', tokenHash)
        .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', minuteAgo)]))
        .execute();
    },
  };
}

export type LinkStore = ReturnType<typeof createLinkStore>;
