import type { Selectable } from 'kysely';
import type { Db, Executor } from '../../db/database.js';
import type { IncidentReviewsTable } from '../../db/schema.incidents.js';

export type ReviewRow = Selectable<IncidentReviewsTable>;

/** The post-incident review, one per incident. */
export function createReviewStore(database: Db) {
  const db = database.kysely;
  return {
    async get(incidentId: string): Promise<ReviewRow | undefined> {
      return db
        .selectFrom('incident_reviews')
        .selectAll()
        .where('incident_id', '=', incidentId)
        .executeTakeFirst();
    },

    async save(row: ReviewRow, trx: Executor): Promise<void> {
      const { incident_id: _id, ...changes } = row;
      await trx
        .insertInto('incident_reviews')
        .values(row)
        .onConflict((oc) => oc.column('incident_id').doUpdateSet(changes))
        .execute();
    },
  };
}

export type ReviewStore = ReturnType<typeof createReviewStore>;
