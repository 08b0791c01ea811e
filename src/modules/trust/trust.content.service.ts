import { randomUUID } from 'node:crypto';
import type { StatusUpdateInput } from '../../contracts/trust.js';
import type { Executor } from '../../db/database.js';
import { Forbidden, NotFound, ValidationError } from '../../lib/errors.js';
import { authorize, principalUserId, type CallContext } from '../../lib/principal.js';
import type { Announcer } from './trust.announce.js';
import type { TrustParts } from './trust.deps.js';
import { toMeasure, toUpdate } from './trust.store.js';
import { ACCESS, type Measure, type StatusUpdate } from './trust.types.js';

/**
 * Security measures (an ordered, edited list) and status updates. An update names an incident
 * the caller can see, but carries only the text staff wrote for the public: nothing is copied
 * from the incident, so its title, notes and timeline cannot reach a public page.
 */
export function createContentService(parts: TrustParts, announcer: Announcer) {
  const { store, clock, audit } = parts;

  async function write(
    ctx: CallContext,
    event: { action: string; objectType: string; objectId: string; details?: object },
    work: (trx: Executor) => Promise<void>,
  ): Promise<void> {
    await parts.db.kysely.transaction().execute(async (trx) => {
      await work(trx);
      await store.bumpVersion(trx);
      await audit.record(ctx, { ...event, details: { ...event.details } }, trx);
    });
    parts.changed();
  }

  async function requireMeasure(id: string) {
    const row = await store.findMeasure(id);
    if (!row) throw new NotFound('Security measure', id);
    return row;
  }

  return {
    async measures(): Promise<Measure[]> {
      return (await store.measures()).map(toMeasure);
    },

    async listMeasures(ctx: CallContext): Promise<Measure[]> {
      authorize(ctx, ACCESS.staff);
      return this.measures();
    },

    async createMeasure(ctx: CallContext, input: { title: string; description: string }) {
      authorize(ctx, ACCESS.staff);
      const id = randomUUID();
      const at = clock.now().toISOString();
      const event = { action: 'trust.measure.created', objectType: 'trust_measure', objectId: id };
      await write(ctx, event, async (trx) => {
        const position = await store.nextMeasurePosition(trx);
        await store.insertMeasure({ id, position, ...input, created_at: at, updated_at: at }, trx);
      });
      return toMeasure(await requireMeasure(id));
    },

    async updateMeasure(
      ctx: CallContext,
      id: string,
      input: { title: string; description: string },
    ) {
      authorize(ctx, ACCESS.staff);
      await requireMeasure(id);
      const event = { action: 'trust.measure.updated', objectType: 'trust_measure', objectId: id };
      await write(ctx, event, (trx) =>
        store.updateMeasure(id, { ...input, updated_at: clock.now().toISOString() }, trx),
      );
      return toMeasure(await requireMeasure(id));
    },

    async removeMeasure(ctx: CallContext, id: string): Promise<void> {
      authorize(ctx, ACCESS.staff);
      await requireMeasure(id);
      const event = { action: 'trust.measure.deleted', objectType: 'trust_measure', objectId: id };
      await write(ctx, event, (trx) => store.deleteMeasure(id, trx));
    },

    /** The new order names every measure exactly once, or nothing moves. */
    async reorder(ctx: CallContext, ids: string[]): Promise<Measure[]> {
      authorize(ctx, ACCESS.staff);
      const existing = new Set((await store.measures()).map((row) => row.id));
      const given = new Set(ids);
      if (given.size !== ids.length || given.size !== existing.size)
        throw ValidationError.forField('body.ids', 'must list every measure exactly once');
      const unknown = ids.find((id) => !existing.has(id));
      if (unknown) throw ValidationError.forField('body.ids', `'${unknown}' is not a measure`);
      const event = {
        action: 'trust.measure.reordered',
        objectType: 'trust_measure',
        objectId: '*',
      };
      const at = clock.now().toISOString();
      await write(ctx, event, async (trx) => {
        for (const [index, id] of ids.entries())
          await store.updateMeasure(id, { position: index + 1, updated_at: at }, trx);
      });
      return this.measures();
    },

    /** `publishedAt` is for importing history (the demo, a migration): system callers only. */
    async publishUpdate(
      ctx: CallContext,
      input: StatusUpdateInput,
      options: { publishedAt?: string } = {},
    ): Promise<StatusUpdate> {
      authorize(ctx, ACCESS.staff);
      if (options.publishedAt !== undefined && ctx.principal?.kind !== 'system')
        throw new Forbidden('Only an import may backdate an update');
      // NotFound for an incident this caller cannot see, exactly as the incidents API answers.
      await parts.incidents.get(ctx, input.incidentId);
      const row = {
        id: randomUUID(),
        incident_id: input.incidentId,
        state: input.state,
        title: input.title,
        body: input.body,
        published_by: principalUserId(ctx.principal),
        published_at: options.publishedAt ?? clock.now().toISOString(),
      };
      const event = {
        action: 'trust.update.published',
        objectType: 'trust_update',
        objectId: row.id,
        details: { incidentId: input.incidentId, state: input.state },
      };
      await write(ctx, event, async (trx) => {
        await store.insertUpdate(row, trx);
        await announcer.enqueue('update', row.id, trx);
      });
      return toUpdate(row);
    },

    async listUpdates(ctx: CallContext): Promise<StatusUpdate[]> {
      authorize(ctx, ACCESS.staff);
      return (await store.updates(500)).map(toUpdate);
    },

    /** Public: the newest updates, each with the other updates of its incident. */
    async publicUpdates(limit = 100) {
      return (await store.updates(limit)).map(toUpdate);
    },

    async publicThread(updateId: string): Promise<StatusUpdate[] | null> {
      const update = await store.findUpdate(updateId);
      if (!update) return null;
      return (await store.updatesOfIncident(update.incident_id)).map(toUpdate);
    },
  };
}

export type ContentService = ReturnType<typeof createContentService>;
