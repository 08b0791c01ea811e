import type { Executor } from '../../db/database.js';
import type { TrustSubscribersTable } from '../../db/schema.trust.js';

export type SubscriberRow = TrustSubscribersTable;

/** Subscribers (addresses sealed, found by blind index), their confirmed topics, announcements. */
export function createSubscriberStore(db: Executor) {
  return {
    findByIndex: (emailIndex: string, trx: Executor = db) =>
      trx
        .selectFrom('trust_subscribers')
        .selectAll()
        .where('email_index', '=', emailIndex)
        .executeTakeFirst(),

    find: (id: string, trx: Executor = db) =>
      trx.selectFrom('trust_subscribers').selectAll().where('id', '=', id).executeTakeFirst(),

    async insert(row: SubscriberRow, trx: Executor = db) {
      await trx.insertInto('trust_subscribers').values(row).execute();
    },

    async update(
      id: string,
      patch: Partial<
        Pick<SubscriberRow, 'pending_topics' | 'nonce' | 'confirmed_at' | 'updated_at'>
      >,
      trx: Executor = db,
    ) {
      await trx.updateTable('trust_subscribers').set(patch).where('id', '=', id).execute();
    },

    async topics(subscriberId: string, trx: Executor = db): Promise<string[]> {
      const rows = await trx
        .selectFrom('trust_subscriptions')
        .select('topic')
        .where('subscriber_id', '=', subscriberId)
        .execute();
      return rows.map((row) => row.topic);
    },

    async addTopics(subscriberId: string, topics: string[], at: string, trx: Executor = db) {
      if (topics.length === 0) return;
      await trx
        .insertInto('trust_subscriptions')
        .values(topics.map((topic) => ({ subscriber_id: subscriberId, topic, created_at: at })))
        .onConflict((oc) => oc.columns(['subscriber_id', 'topic']).doNothing())
        .execute();
    },

    async removeTopic(subscriberId: string, topic: string, trx: Executor = db) {
      await trx
        .deleteFrom('trust_subscriptions')
        .where('subscriber_id', '=', subscriberId)
        .where('topic', '=', topic)
        .execute();
    },

    /** Erases the subscriber: nothing of the address is kept once nothing is subscribed. */
    async remove(subscriberId: string, trx: Executor = db) {
      await trx
        .deleteFrom('trust_subscriptions')
        .where('subscriber_id', '=', subscriberId)
        .execute();
      await trx.deleteFrom('trust_subscribers').where('id', '=', subscriberId).execute();
    },

    /** Confirmed subscribers of a topic, a page at a time in id order (keyset). */
    confirmedOf: (topic: string, after: string, limit: number, trx: Executor = db) =>
      trx
        .selectFrom('trust_subscriptions as s')
        .innerJoin('trust_subscribers as p', 'p.id', 's.subscriber_id')
        .select(['p.id', 'p.email'])
        .where('s.topic', '=', topic)
        .where('p.confirmed_at', 'is not', null)
        .where('p.id', '>', after)
        .orderBy('p.id')
        .limit(limit)
        .execute(),

    async counts(trx: Executor = db) {
      const [people, topics] = await Promise.all([
        trx
          .selectFrom('trust_subscribers')
          .select((eb) => [
            eb.fn.countAll<number>().as('total'),
            eb.fn.count<number>('confirmed_at').as('confirmed'),
          ])
          .executeTakeFirst(),
        trx
          .selectFrom('trust_subscriptions')
          .select(['topic', (eb) => eb.fn.countAll<number>().as('count')])
          .groupBy('topic')
          .execute(),
      ]);
      return {
        total: Number(people?.total ?? 0),
        confirmed: Number(people?.confirmed ?? 0),
        byTopic: Object.fromEntries(topics.map((row) => [row.topic, Number(row.count)])),
      };
    },

    /** True the first time only: marks an item as announced, so a fan-out runs once per item. */
    async markAnnounced(kind: string, itemId: string, at: string, trx: Executor = db) {
      const result = await trx
        .insertInto('trust_announcements')
        .values({ kind, item_id: itemId, announced_at: at })
        .onConflict((oc) => oc.columns(['kind', 'item_id']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },

    async announced(kind: string, trx: Executor = db): Promise<Set<string>> {
      const rows = await trx
        .selectFrom('trust_announcements')
        .select('item_id')
        .where('kind', '=', kind)
        .execute();
      return new Set(rows.map((row) => row.item_id));
    },
  };
}

export type SubscriberStore = ReturnType<typeof createSubscriberStore>;
