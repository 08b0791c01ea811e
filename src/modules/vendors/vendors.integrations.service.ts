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
  const { db, clock, audit, categories, risk, approvalGate } = deps;
  const store = createIntegrationStore(db.kysely);

  /**
   * Going live needs an approval or an unexpired risk acceptance (the assessments module says
   * which). Checked inside the caller's transaction; a refusal is audited on its own, since the
   * refused transaction rolls back.
   */
  async function requireGoLive(
    vendorId: string,
    integration: { id: string | null; name: string },
    trx: Executor,
  ): Promise<void> {
    const verdict = await approvalGate.check(vendorId, integration.id, trx);
    if (!verdict.allowed) throw new GoLiveRefused(integration, verdict.reason, verdict.decisionId);
  }

  async function auditRefusalAndThrow(
    ctx: CallContext,
    vendorId: string,
    error: unknown,
  ): Promise<never> {
    if (error instanceof GoLiveRefused)
      await audit.record(ctx, {
        action: 'vendors.integration.activate',
        objectType: 'integration',
        objectId: error.integrationId,
        outcome: 'denied',
        details: {
          vendorId,
          name: error.integrationName,
          reason: error.reason,
          decisionId: error.decisionId,
        },
      });
    throw error;
  }

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
      if (input.status === 'active')
        await requireGoLive(vendorId, { id: null, name: input.name }, trx);
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
        if (!isUniqueViolation(error)) return auditRefusalAndThrow(ctx, vendorId, error);
        created = await insertOnce(ctx, vendorId, input);
      }
      await risk.recompute(vendorId);
      return publicIntegration(created);
    },

    async update(ctx: CallContext, vendorId: string, id: string, raw: IntegrationInput) {
      authorize(ctx, ANALYST);
      const input = normalize(raw);
      await categories.requireKnown(input.declaredCategories, 'body.declaredCategories');
      const updated = await db.kysely
        .transaction()
        .execute(async (trx) => {
          const before = await requireIntegration(vendorId, id, trx);
          if (input.status === 'active' && before.status !== 'active')
            await requireGoLive(vendorId, { id, name: before.name }, trx);
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
        })
        .catch((error: unknown) => auditRefusalAndThrow(ctx, vendorId, error));
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

/** An integration may not go live yet; the message says why and what would allow it. */
class GoLiveRefused extends Conflict {
  readonly integrationId: string | null;
  readonly integrationName: string;
  constructor(
    integration: { id: string | null; name: string },
    readonly reason: string,
    readonly decisionId: string | null,
  ) {
    super(
      `Integration '${integration.name}' cannot become active: ${reason}. Approve an assessment or record a risk acceptance first`,
    );
    this.integrationId = integration.id;
    this.integrationName = integration.name;
  }
}
