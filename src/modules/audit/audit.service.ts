import { inSnapshot, type Db, type Executor } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import { authorize, type CallContext, type Principal } from '../../lib/principal.js';
import { createChainVerifier, hashEntry } from '../../lib/hash-chain.js';
import { createAuditStore } from './audit.store.js';
import type {
  ActorType,
  AuditEntry,
  AuditEvent,
  AuditFilter,
  AuditRecord,
  ChainVerification,
  ListedAuditEvent,
} from './audit.types.js';

export interface AuditServiceDeps {
  db: Db;
  clock: Clock;
}

export function createAuditService({ db, clock }: AuditServiceDeps) {
  const store = createAuditStore(db.kysely);

  async function appendWithin(
    trx: Executor,
    ctx: CallContext,
    record: AuditRecord,
  ): Promise<AuditEvent> {
    const head = await store.lockHead(trx);
    const actor = describeActor(ctx.principal);
    const entry: AuditEntry = {
      seq: head.seq + 1,
      occurredAt: clock.now().toISOString(),
      actorType: actor.type,
      actorId: actor.id,
      actorLabel: record.actorLabel !== undefined ? record.actorLabel : actor.label,
      action: record.action,
      objectType: record.objectType ?? null,
      objectId: record.objectId ?? null,
      outcome: record.outcome ?? 'success',
      requestId: ctx.requestId,
      ip: ctx.ip,
      details: record.details ?? {},
    };
    const event: AuditEvent = { ...entry, prevHash: head.hash, hash: hashEntry(head.hash, entry) };
    await store.append(trx, event);
    return event;
  }

  return {
    /**
     * Appends one event. Pass the caller's transaction so the event commits or rolls back
     * with the change it describes; without one, the event gets its own transaction.
     */
    record(ctx: CallContext, record: AuditRecord, trx?: Executor): Promise<AuditEvent> {
      if (trx) return appendWithin(trx, ctx, record);
      return db.kysely.transaction().execute((own) => appendWithin(own, ctx, record));
    },

    async list(ctx: CallContext, filter: AuditFilter): Promise<ListedAuditEvent[]> {
      authorize(ctx, { role: 'analyst', scope: 'read' });
      return store.list(filter);
    },

    /** Re-walks the whole chain inside one consistent snapshot. */
    async verify(
      ctx: CallContext,
      anchor?: { seq: number; hash: string },
    ): Promise<ChainVerification> {
      authorize(ctx, { role: 'admin', scope: 'admin' });
      const walk = async (trx: Executor) => {
        const verifier = createChainVerifier(anchor);
        for await (const event of store.iterate(1000, trx)) {
          verifier.push(event);
          if (verifier.broken) break;
        }
        return verifier.finish(await store.readHead(trx));
      };
      return inSnapshot(db, walk);
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;

/** Who a principal is, as chains record them. */
export function describeActor(principal: Principal | null): {
  type: ActorType;
  id: string | null;
  label: string | null;
} {
  if (!principal) return { type: 'anonymous', id: null, label: null };
  switch (principal.kind) {
    case 'user':
      return { type: 'user', id: principal.userId, label: principal.email };
    case 'token':
      return { type: 'token', id: principal.tokenId, label: `${principal.email} (API token)` };
    case 'system':
      return { type: 'system', id: null, label: principal.name };
  }
}
