import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { SubprocessorLink, subprocessorInput } from '../../contracts/vendors.js';
import type { Executor } from '../../db/database.js';
import { Conflict, NotFound, ValidationError } from '../../lib/errors.js';
import { authorize, type CallContext } from '../../lib/principal.js';
import type { VendorDeps } from './vendors.deps.js';
import { requireVendorName, vendorNames } from './vendors.relations.lookup.js';
import type { VendorService } from './vendors.service.js';
import { ancestorsOf, cyclePath, type Ancestor } from './vendors.subprocessors.graph.js';
import { createSubprocessorStore } from './vendors.subprocessors.store.js';

const VIEWER = { role: 'viewer', scope: 'read' } as const;
const ANALYST = { role: 'analyst', scope: 'write' } as const;

type SubprocessorInput = z.infer<typeof subprocessorInput>;

/**
 * Fourth parties: which vendors pass customer data on to which others. The links form a DAG;
 * a link that would make a vendor its own (indirect) subprocessor is refused, because breach
 * scoping walks this graph upwards.
 */
export function createSubprocessorService(deps: VendorDeps & { risk: VendorService['risk'] }) {
  const { db, clock, audit, categories } = deps;
  const store = createSubprocessorStore(db.kysely);

  /** Refuses self-links, duplicates and cycles, naming the vendors involved. */
  async function checkLink(trx: Executor, vendorId: string, subprocessorId: string) {
    const vendorName = await requireVendorName(trx, vendorId);
    if (subprocessorId === vendorId)
      throw new Conflict(`'${vendorName}' cannot be its own subprocessor`);
    const edges = await store.edges(trx);
    const path = cyclePath(edges, vendorId, subprocessorId);
    const names = await vendorNames(trx, [subprocessorId, ...(path ?? [])]);
    const subprocessorName = names.get(subprocessorId);
    if (subprocessorName === undefined)
      throw ValidationError.forField('body.subprocessorId', `no vendor '${subprocessorId}'`);
    if (edges.some((e) => e.vendorId === vendorId && e.subprocessorId === subprocessorId))
      throw new Conflict(`'${subprocessorName}' is already a subprocessor of '${vendorName}'`);
    if (path) {
      const cycle = [vendorName, ...path.map((id) => names.get(id) ?? id)].join(' → ');
      throw new Conflict(
        `'${subprocessorName}' cannot be a subprocessor of '${vendorName}': it would close the cycle ${cycle}`,
      );
    }
  }

  return {
    /** The vendor's own subprocessors. */
    async list(ctx: CallContext, vendorId: string): Promise<SubprocessorLink[]> {
      authorize(ctx, VIEWER);
      await requireVendorName(db.kysely, vendorId);
      return store.list({ vendorId });
    },

    /** The vendors that pass data to this one. */
    async usedBy(ctx: CallContext, vendorId: string): Promise<SubprocessorLink[]> {
      authorize(ctx, VIEWER);
      await requireVendorName(db.kysely, vendorId);
      return store.list({ subprocessorId: vendorId });
    },

    async link(
      ctx: CallContext,
      vendorId: string,
      input: SubprocessorInput,
    ): Promise<SubprocessorLink> {
      authorize(ctx, ANALYST);
      await categories.requireKnown(input.categories, 'body.categories');
      const link = {
        ...input,
        categories: [...new Set(input.categories)],
        id: randomUUID(),
        vendorId,
        createdAt: clock.now().toISOString(),
      };
      return db.kysely.transaction().execute(async (trx) => {
        // Recorded first on purpose: the audit append locks the chain head, which queues
        // concurrent links behind this one, so the cycle check below sees every committed
        // link and two opposite links cannot both pass. A refusal rolls the event back.
        await audit.record(
          ctx,
          {
            action: 'vendors.subprocessor.link',
            objectType: 'subprocessor_link',
            objectId: link.id,
            details: {
              vendorId,
              subprocessorId: link.subprocessorId,
              categories: link.categories,
              location: link.location,
            },
          },
          trx,
        );
        await checkLink(trx, vendorId, link.subprocessorId);
        await store.insert(link, trx);
        const created = await store.find(vendorId, link.id, trx);
        if (!created) throw new NotFound('Subprocessor link', link.id);
        return created;
      });
    },

    async unlink(ctx: CallContext, vendorId: string, id: string): Promise<void> {
      authorize(ctx, ANALYST);
      await db.kysely.transaction().execute(async (trx) => {
        await requireVendorName(trx, vendorId);
        const link = await store.find(vendorId, id, trx);
        if (!link) throw new NotFound('Subprocessor link', id);
        await store.delete(id, trx);
        await audit.record(
          ctx,
          {
            action: 'vendors.subprocessor.unlink',
            objectType: 'subprocessor_link',
            objectId: id,
            details: { vendorId, subprocessorId: link.subprocessorId },
          },
          trx,
        );
      });
    },

    /**
     * Every vendor above a subprocessor, with the categories that can reach it through each
     * (for blast radius). An internal query for other modules: callers authorize their own
     * request, so it takes no call context.
     */
    async ancestorsOf(subprocessorVendorId: string): Promise<Ancestor[]> {
      return ancestorsOf(await store.edges(), subprocessorVendorId);
    },
  };
}

export type SubprocessorService = ReturnType<typeof createSubprocessorService>;
