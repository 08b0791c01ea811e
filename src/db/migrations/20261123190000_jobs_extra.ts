import type { Kysely } from 'kysely';

/**
 * The job list (dead-letter screen) pages newest first by created_at; without an index every
 * page sorts the whole table, which holds a row per email during a notification campaign.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('jobs_created_idx')
    .on('jobs')
    .columns(['created_at', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('jobs_created_idx').execute();
}
