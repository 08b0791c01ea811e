import type { TimelineEntry, TimelineKind } from '../../contracts/incidents.js';
import { inSnapshot, type Db, type Executor } from '../../db/database.js';
import { ValidationError } from '../../lib/errors.js';
import { createChainVerifier, hashEntry, type ChainVerification } from '../../lib/hash-chain.js';
import type { CallContext } from '../../lib/principal.js';
import { describeActor } from '../audit/audit.service.js';
import type { IncidentStore, TimelineRow } from './incidents.store.js';

/** The hashed content of one timeline entry. Field order is irrelevant: it is canonicalized. */
export interface TimelineContent {
  incidentId: string;
  seq: number;
  kind: TimelineKind;
  occurredAt: string;
  occurredTimeZone: string;
  occurredSource: string;
  confidence: TimelineEntry['confidence'];
  recordedAt: string;
  actor: TimelineEntry['actor'];
  body: Record<string, unknown>;
  supersedes: number | null;
}

export interface TimelineLink extends TimelineContent {
  prevHash: string;
  hash: string;
}

/** What a caller adds; the timeline fills in who, when it was recorded, and the chain. */
export interface NewEntry {
  kind: TimelineKind;
  body: Record<string, unknown>;
  /** Defaults to the moment it is recorded. */
  occurredAt?: string | undefined;
  occurredTimeZone?: string | undefined;
  occurredSource?: string | undefined;
  confidence?: TimelineEntry['confidence'] | undefined;
  supersedes?: number | undefined;
}

const PAGE = 1000;

/**
 * Each incident's timeline is its own hash chain (DESIGN §6), appended inside the transaction
 * of the change it records, so the change and its entry commit together or not at all.
 */
export function createTimeline(deps: { db: Db; store: IncidentStore }) {
  const { store } = deps;

  /** The whole chain in order, a page at a time, so a long timeline is never held twice. */
  async function* links(incidentId: string, trx?: Executor): AsyncGenerator<TimelineLink> {
    for (let after = 0; ;) {
      const rows = await store.timeline(incidentId, after, PAGE, trx);
      for (const row of rows) yield linkOf(row);
      if (rows.length < PAGE) return;
      after = rows[rows.length - 1]!.seq;
    }
  }

  return {
    async append(
      trx: Executor,
      ctx: CallContext,
      incidentId: string,
      entry: NewEntry,
      recordedAt: string,
    ): Promise<TimelineLink> {
      const head = await store.lockTimeline(incidentId, trx);
      if (entry.supersedes !== undefined && entry.supersedes > head.seq)
        throw ValidationError.forField(
          'supersedes',
          `entry ${entry.supersedes} does not exist; the timeline has ${head.seq} entries`,
        );
      const content: TimelineContent = {
        incidentId,
        seq: head.seq + 1,
        kind: entry.kind,
        occurredAt: entry.occurredAt ?? recordedAt,
        occurredTimeZone: entry.occurredTimeZone ?? 'UTC',
        occurredSource: entry.occurredSource ?? 'recorded by Cordon',
        confidence: entry.confidence ?? 'confirmed',
        recordedAt,
        actor: describeActor(ctx.principal),
        body: entry.body,
        supersedes: entry.supersedes ?? null,
      };
      const link = { ...content, prevHash: head.hash, hash: hashEntry(head.hash, content) };
      await store.appendTimeline(rowOf(link), trx);
      return link;
    },

    /**
     * The seq the next entry will take, for records that name the entry recording them. Locks
     * the timeline first, so no other writer can take that seq in between.
     */
    async nextSeq(trx: Executor, incidentId: string): Promise<number> {
      return (await store.lockTimeline(incidentId, trx)).seq + 1;
    },

    links,

    /** Re-walks one incident's chain inside one snapshot; names the first broken link. */
    async verify(incidentId: string): Promise<ChainVerification> {
      return inSnapshot(deps.db, async (trx) => {
        const verifier = createChainVerifier();
        for await (const link of links(incidentId, trx)) {
          verifier.push(link);
          if (verifier.broken) break;
        }
        return verifier.finish(await store.timelineHead(incidentId, trx));
      });
    },
  };
}

export type Timeline = ReturnType<typeof createTimeline>;

function rowOf(link: TimelineLink): TimelineRow {
  return {
    incident_id: link.incidentId,
    seq: link.seq,
    kind: link.kind,
    occurred_at: link.occurredAt,
    occurred_time_zone: link.occurredTimeZone,
    occurred_source: link.occurredSource,
    confidence: link.confidence,
    recorded_at: link.recordedAt,
    actor_type: link.actor.type,
    actor_id: link.actor.id,
    actor_label: link.actor.label,
    body: JSON.stringify(link.body),
    supersedes: link.supersedes,
    prev_hash: link.prevHash,
    hash: link.hash,
  };
}

/** The stored row back to the link that was hashed (the inverse of `rowOf`). */
export function linkOf(row: TimelineRow): TimelineLink {
  return {
    incidentId: row.incident_id,
    seq: Number(row.seq),
    kind: row.kind as TimelineKind,
    occurredAt: row.occurred_at,
    occurredTimeZone: row.occurred_time_zone,
    occurredSource: row.occurred_source,
    confidence: row.confidence as TimelineEntry['confidence'],
    recordedAt: row.recorded_at,
    actor: { type: row.actor_type, id: row.actor_id, label: row.actor_label },
    body: JSON.parse(row.body) as Record<string, unknown>,
    supersedes: row.supersedes === null ? null : Number(row.supersedes),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
