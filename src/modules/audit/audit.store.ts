import type { Selectable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { AuditEventsTable } from '../../db/schema.js';
import type {
  ActorType,
  AuditEvent,
  AuditFilter,
  AuditOutcome,
  ListedAuditEvent,
} from './audit.types.js';

export function createAuditStore(db: Executor) {
  return {
    /**
     * Locks the chain head for the rest of the transaction. The no-op UPDATE takes the row
     * lock on PostgreSQL and the write lock on SQLite before anything is read, so concurrent
     * appenders queue instead of forking the chain.
     */
    async lockHead(trx: Executor): Promise<{ seq: number; hash: string }> {
      await trx
        .updateTable('audit_chain_head')
        .set((eb) => ({ seq: eb.ref('seq') }))
        .where('id', '=', 1)
        .execute();
      const head = await trx
        .selectFrom('audit_chain_head')
        .select(['seq', 'hash'])
        .where('id', '=', 1)
        .executeTakeFirstOrThrow();
      return { seq: Number(head.seq), hash: head.hash };
    },

    async readHead(trx: Executor = db): Promise<{ seq: number; hash: string }> {
      const head = await trx
        .selectFrom('audit_chain_head')
        .select(['seq', 'hash'])
        .where('id', '=', 1)
        .executeTakeFirstOrThrow();
      return { seq: Number(head.seq), hash: head.hash };
    },

    async append(trx: Executor, event: AuditEvent): Promise<void> {
      await trx.insertInto('audit_events').values(toRow(event)).execute();
      await trx
        .updateTable('audit_chain_head')
        .set({ seq: event.seq, hash: event.hash })
        .where('id', '=', 1)
        .execute();
    },

    /** Newest first. Leaves out prev_hash: listings never need it, and every column costs. */
    async list(filter: AuditFilter, trx: Executor = db): Promise<ListedAuditEvent[]> {
      let query = trx.selectFrom('audit_events').select(listedColumns);
      if (filter.action) {
        const action = filter.action;
        // An action filter matches itself and its dotted children: 'identity.user' finds
        // 'identity.user.invite'. Actions are [a-z0-9.-] only, so LIKE needs no escaping.
        if (!/^[a-z0-9.-]+$/.test(action))
          throw new Error(`Unsafe audit action filter '${action}'`);
        query = query.where((eb) =>
          eb.or([eb('action', '=', action), eb('action', 'like', `${action}.%`)]),
        );
      }
      if (filter.actorId) query = query.where('actor_id', '=', filter.actorId);
      if (filter.objectType) query = query.where('object_type', '=', filter.objectType);
      if (filter.objectId) query = query.where('object_id', '=', filter.objectId);
      if (filter.outcome) query = query.where('outcome', '=', filter.outcome);
      if (filter.from) query = query.where('occurred_at', '>=', filter.from);
      if (filter.to) query = query.where('occurred_at', '<', filter.to);
      if (filter.beforeSeq !== undefined) query = query.where('seq', '<', filter.beforeSeq);
      const rows = await query.orderBy('seq', 'desc').limit(filter.limit).execute();
      return rows.map(fromListedRow);
    },

    /** Pages through the whole chain in order without holding it all in memory. */
    async *iterate(batchSize = 1000, trx: Executor = db): AsyncGenerator<AuditEvent> {
      let after = 0;
      for (;;) {
        const rows = await trx
          .selectFrom('audit_events')
          .selectAll()
          .where('seq', '>', after)
          .orderBy('seq', 'asc')
          .limit(batchSize)
          .execute();
        for (const row of rows) yield fromRow(row);
        if (rows.length < batchSize) return;
        after = Number(rows[rows.length - 1]!.seq);
      }
    },
  };
}

export type AuditStore = ReturnType<typeof createAuditStore>;

function toRow(event: AuditEvent): Selectable<AuditEventsTable> {
  return {
    seq: event.seq,
    occurred_at: event.occurredAt,
    actor_type: event.actorType,
    actor_id: event.actorId,
    actor_label: event.actorLabel,
    action: event.action,
    object_type: event.objectType,
    object_id: event.objectId,
    outcome: event.outcome,
    request_id: event.requestId,
    ip: event.ip,
    details: JSON.stringify(event.details),
    prev_hash: event.prevHash,
    hash: event.hash,
  };
}

const listedColumns = [
  'seq',
  'occurred_at',
  'actor_type',
  'actor_id',
  'actor_label',
  'action',
  'object_type',
  'object_id',
  'outcome',
  'request_id',
  'ip',
  'details',
  'hash',
] as const;

function fromRow(row: Selectable<AuditEventsTable>): AuditEvent {
  return { ...fromListedRow(row), prevHash: row.prev_hash };
}

function fromListedRow(row: Omit<Selectable<AuditEventsTable>, 'prev_hash'>): ListedAuditEvent {
  return {
    seq: Number(row.seq),
    occurredAt: row.occurred_at,
    actorType: row.actor_type as ActorType,
    actorId: row.actor_id,
    actorLabel: row.actor_label,
    action: row.action,
    objectType: row.object_type,
    objectId: row.object_id,
    outcome: row.outcome as AuditOutcome,
    requestId: row.request_id,
    ip: row.ip,
    details: JSON.parse(row.details) as Record<string, unknown>,
    hash: row.hash,
  };
}
