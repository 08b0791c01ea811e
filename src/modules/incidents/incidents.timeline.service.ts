import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type {
  TimelineEntry,
  timelineInput,
  timelineQuery,
  triggerInput,
} from '../../contracts/incidents.js';
import { ValidationError } from '../../lib/errors.js';
import type { ChainVerification } from '../../lib/hash-chain.js';
import { principalUserId, type CallContext } from '../../lib/principal.js';
import { ACCESS } from './incidents.access.js';
import type { Executor } from '../../db/database.js';
import type { Change, IncidentService, IncidentServiceDeps } from './incidents.service.js';
import type { IncidentStore } from './incidents.store.js';
import type { TaskStore } from './incidents.tasks.store.js';
import { linkOf, type Timeline } from './incidents.timeline.js';

/**
 * The timeline as people use it: read it, write notes, decisions and communications (verbatim),
 * correct an entry with a new one, verify the chain; and the legal trigger times, each set with
 * a reason and a source and kept with every earlier setting.
 */
export function createTimelineService(
  deps: IncidentServiceDeps & { tasks: TaskStore; incidents: Pick<IncidentService, 'change'> },
) {
  const { store, access, incidents } = deps;

  return {
    async list(
      ctx: CallContext,
      id: string,
      query: z.output<typeof timelineQuery>,
    ): Promise<{ items: TimelineEntry[]; total: number }> {
      const { row } = await access.load(ctx, id, ACCESS.read);
      const rows = await store.timeline(id, query.after, query.limit, undefined, query.kind);
      const corrected = await store.supersededBy(
        id,
        rows.map((r) => Number(r.seq)),
      );
      const items = rows.map((r) => {
        const { incidentId: _incident, ...entry } = linkOf(r);
        return { ...entry, supersededBy: corrected.get(entry.seq) ?? null };
      });
      const total = query.kind
        ? await store.countTimeline(id, query.kind)
        : Number(row.timeline_seq);
      return { items, total };
    },

    write(ctx: CallContext, id: string, input: z.output<typeof timelineInput>) {
      const {
        kind,
        occurredAt,
        occurredTimeZone,
        occurredSource,
        confidence,
        supersedes,
        ...body
      } = input;
      return incidents.change(ctx, id, async () => ({
        action: `incident.timeline.${kind}`,
        entry: { kind, body, occurredAt, occurredTimeZone, occurredSource, confidence, supersedes },
        details: { kind, supersedes: supersedes ?? null },
      }));
    },

    async verify(ctx: CallContext, id: string): Promise<ChainVerification> {
      await access.load(ctx, id, ACCESS.read);
      return deps.timeline.verify(id);
    },

    setTrigger(ctx: CallContext, id: string, input: z.output<typeof triggerInput>) {
      return incidents.change(ctx, id, async (_row, principal, trx, now) => {
        if (
          input.vendorId !== undefined &&
          !(await store.links(id, trx)).some(
            (link) => link.kind === 'vendor' && link.target_id === input.vendorId,
          )
        )
          throw ValidationError.forField(
            'vendorId',
            `vendor '${input.vendorId}' is not linked to this incident; link it first`,
          );
        return triggerChange(deps, trx, id, input, principalUserId(principal), now);
      });
    },
  };
}

export type TimelineService = ReturnType<typeof createTimelineService>;

/** Stores a trigger time's setting, naming the timeline entry that records it. */
export async function triggerChange(
  { store, tasks, timeline }: { store: IncidentStore; tasks: TaskStore; timeline: Timeline },
  trx: Executor,
  id: string,
  input: Omit<z.output<typeof triggerInput>, 'vendorId'> & { vendorId?: string | undefined },
  by: string | null,
  now: string,
): Promise<Change> {
  const seq = await timeline.nextSeq(trx, id);
  const vendorId = input.vendorId ?? null;
  await store.insertTrigger(
    {
      id: randomUUID(),
      incident_id: id,
      trigger: input.trigger,
      vendor_id: vendorId,
      at: input.at,
      reason: input.reason,
      source: input.source,
      set_by: by,
      set_at: now,
      timeline_seq: seq,
    },
    trx,
  );
  // Deadlines counted from this trigger follow it.
  if (vendorId === null) await tasks.reschedule(id, input.trigger, input.at, trx);
  const { trigger, at, reason, source } = input;
  return {
    action: 'incident.trigger',
    entry: {
      kind: 'trigger_set',
      body: { trigger, at, vendorId, reason, source },
      occurredSource: source,
    },
    details: { trigger, at },
  };
}
