import { randomUUID } from 'node:crypto';
import type { Integration, IntegrationInput } from '../../contracts/vendors.js';
import type { Executor } from '../../db/database.js';
import { isUniqueViolation } from '../../db/errors.js';
import { Conflict, NotFound } from '../../lib/errors.js';
import { authorize, type CallContext } from '../../lib/principal.js';
import type { VendorDeps } from './vendors.deps.js';
import { createIntegrationStore, type StoredIntegration } from './vendors.integrations.store.js';
import { requireVendorName } from './vendors.relations.lookup.js';
import type { VendorService } from './vendors.service.js';

const VIEWER = { role: 'viewer', scope: 'read' } as const;
const ANALYST = { role: 'analyst', scope: 'write' } as const;
const ADMIN = { role: 'admin', scope: 'admin' } as const;

/** Audit details: facts a reviewer needs, never the credentials reference itself. */
function auditFacts(input: IntegrationInput) {
  return {
    name: input.name,
    kind: input.kind,
    environment: input.environment,
    status: input.status,
    declaredCategories: input.declaredCategories,
    hasCredentialsRef: input.credentialsRef !== null,
  };
}

function normalize(input: IntegrationInput): IntegrationInput {
  return { ...input, declaredCategories: [...new Set(input.declaredCategories)] };
}

function changedFields(before: Integration, after: IntegrationInput): string[] {
  return (Object.keys(after) as (keyof IntegrationInput)[]).filter(
    (key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]),
  );
}

function publicIntegration({ ledgerNo: _ledgerNo, ...integration }: StoredIntegration) {
  return integration;
}

/**
 * The vendor's technical connections to the shop. Each gets a small ledger number the sharing
 * ledger keys on, and every change re-scores the vendor's inherent risk after it commits.
 */
export function createIntegrationService(deps: VendorDeps & { risk: VendorService['risk'] }) {
  const { db, clock, audit, categories, risk } = deps;
  const store = createIntegrationStore(db.kysely);

  async function requireIntegration(vendorId: string, id: string, trx?: Executor) {
    await requireVendorName(trx ?? db.kysely, vendorId);
    const integration = await store.find(vendorId, id, trx);
    if (!integration) throw new NotFound('Integration', id);
    return integration;
  }

  async function insertOnce(
    ctx: CallContext,
    vendorId: string,
    input: IntegrationInput,
  ): Promise<StoredIntegration> {
    return db.kysely.transaction().execute(async (trx) => {
      const vendorName = await requireVendorName(trx, vendorId);
      const id = randomUUID();
      const ledgerNo = await store.nextLedgerNo(trx);
      const at = clock.now().toISOString();
      await store.insert({ id, vendorId, ledgerNo, at }, input, trx);
      await audit.record(
        ctx,
        {
          action: 'vendors.integration.create',
          objectType: 'integration',
          objectId: id,
          details: { vendorId, ledgerNo, ...auditFacts(input) },
        },
        trx,
      );
      return { ...input, id, vendorId, vendorName, ledgerNo, createdAt: at, updatedAt: at };
    });
  }

  return {
    async listAll(ctx: CallContext): Promise<Integration[]> {
      authorize(ctx, VIEWER);
      return (await store.list({})).map(publicIntegration);
    },

    async list(ctx: CallContext, vendorId: string): Promise<Integration[]> {
      authorize(ctx, VIEWER);
      await requireVendorName(db.kysely, vendorId);
      return (await store.list({ vendorId })).map(publicIntegration);
    },

    async get(ctx: CallContext, vendorId: string, id: string): Promise<Integration> {
      authorize(ctx, VIEWER);
      return publicIntegration(await requireIntegration(vendorId, id));
    },

    async create(ctx: CallContext, vendorId: string, raw: IntegrationInput) {
      authorize(ctx, ANALYST);
      const input = normalize(raw);
      await categories.requireKnown(input.declaredCategories, 'body.declaredCategories');
      let created: StoredIntegration;
      try {
        created = await insertOnce(ctx, vendorId, input);
      } catch (error) {
        // Two creates read the same max(ledger_no); the loser takes the next number. A new
        // transaction, because PostgreSQL aborts the one a constraint refused.
        if (!isUniqueViolation(error)) throw error;
        created = await insertOnce(ctx, vendorId, input);
      }
      await risk.recompute(vendorId);
      return publicIntegration(created);
    },

    async update(ctx: CallContext, vendorId: string, id: string, raw: IntegrationInput) {
      authorize(ctx, ANALYST);
      const input = normalize(raw);
      await categories.requireKnown(input.declaredCategories, 'body.declaredCategories');
      const updated = await db.kysely.transaction().execute(async (trx) => {
        const before = await requireIntegration(vendorId, id, trx);
        const at = clock.now().toISOString();
        await store.update(id, input, at, trx);
        const changed = changedFields(before, input);
        await audit.record(
          ctx,
          {
            action: 'vendors.integration.update',
            objectType: 'integration',
            objectId: id,
            details: { vendorId, changed, ...auditFacts(input) },
          },
          trx,
        );
        return { ...before, ...input, updatedAt: at };
      });
      await risk.recompute(vendorId);
      return publicIntegration(updated);
    },

    /** Refused once the ledger holds data for it: that history is what breach scoping reads. */
    async remove(ctx: CallContext, vendorId: string, id: string): Promise<void> {
      authorize(ctx, ADMIN);
      await db.kysely.transaction().execute(async (trx) => {
        const integration = await requireIntegration(vendorId, id, trx);
        if (await store.hasLedgerRows(integration.ledgerNo, trx))
          throw new Conflict(
            `Integration '${integration.name}' has data-sharing records; retire it instead (status 'retired')`,
          );
        await store.delete(id, trx);
        await audit.record(
          ctx,
          {
            action: 'vendors.integration.delete',
            objectType: 'integration',
            objectId: id,
            details: { vendorId, name: integration.name, ledgerNo: integration.ledgerNo },
          },
          trx,
        );
      });
      await risk.recompute(vendorId);
    },
  };
}

export type IntegrationService = ReturnType<typeof createIntegrationService>;
