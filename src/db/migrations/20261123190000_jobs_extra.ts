import type { Kysely } from 'kysely';

/**
 * `claim_id` is the fence for a worker's outcome writes: a random id stored by each claim, so
 * a run that lost its claim (lease expired, job dead, retried by an admin, claimed again by a
 * worker with the same id) can never report over the run that holds the job now. `attempts`
 * cannot serve, since an admin retry resets it to 0.
 *
 * The job list (dead-letter screen) pages newest first by created_at; without an index every
 * page sorts the whole table, which holds a row per email during a notification campaign.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('jobs').addColumn('claim_id', 'text').execute();
  await db.schema
    .createIndex('jobs_created_idx')
    .on('jobs')
    .columns(['created_at', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('jobs_created_idx').execute();
  await db.schema.alterTable('jobs').dropColumn('claim_id').execute();
}
