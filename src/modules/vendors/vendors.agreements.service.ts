import { randomUUID } from 'node:crypto';
import type { Agreement, AgreementInput, ExpiringAgreement } from '../../contracts/vendors.js';
import type { Executor } from '../../db/database.js';
import { NotFound } from '../../lib/errors.js';
import { authorize, type CallContext } from '../../lib/principal.js';
import { createAgreementDocumentService } from './vendors.agreements.documents.js';
import {
  addDays,
  expiryMessage,
  isExpiryDue,
  MAX_NOTICE_DAYS,
  noticeDays,
  utcDay,
} from './vendors.agreements.expiry.js';
import { createAgreementStore, type ExpiryCandidate } from './vendors.agreements.store.js';
import type { VendorDeps } from './vendors.deps.js';
import { requireVendorName } from './vendors.relations.lookup.js';
import type { VendorService } from './vendors.service.js';

const VIEWER = { role: 'viewer', scope: 'read' } as const;
const ANALYST = { role: 'analyst', scope: 'write' } as const;
const ADMIN = { role: 'admin', scope: 'admin' } as const;

/** Audit details: the terms that matter when a breach or renewal is argued over later. */
function auditFacts(
  input: Pick<AgreementInput, 'type' | 'title' | 'expiresOn' | 'breachNoticeHours'>,
) {
  return {
    type: input.type,
    title: input.title,
    expiresOn: input.expiresOn,
    breachNoticeHours: input.breachNoticeHours,
  };
}

function changedFields(before: Agreement, after: AgreementInput): string[] {
  return (Object.keys(after) as (keyof AgreementInput)[]).filter(
    (key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]),
  );
}

const publicExpiring = ({ expiryAlertedFor: _alerted, ...agreement }: ExpiryCandidate) => agreement;

/**
 * The legal agreements with a vendor (MSA, DPA, SCCs, NDA, SLA), their signed documents, and
 * the daily expiry alert, which fires once per agreement per expiry date.
 */
export function createAgreementService(deps: VendorDeps & { risk: VendorService['risk'] }) {
  const { db, clock, audit } = deps;
  const store = createAgreementStore(db.kysely);

  async function requireAgreement(vendorId: string, id: string, trx: Executor = db.kysely) {
    await requireVendorName(trx, vendorId);
    const agreement = await store.find(vendorId, id, trx);
    if (!agreement) throw new NotFound('Agreement', id);
    return agreement;
  }

  /** Marks each due agreement alerted and audits it, all in one transaction. */
  async function markDue(ctx: CallContext, today: string): Promise<ExpiryCandidate[]> {
    return db.kysely.transaction().execute(async (trx) => {
      const lastDay = addDays(today, MAX_NOTICE_DAYS);
      const candidates = await store.expiringBy(lastDay, { unalerted: true }, trx);
      const alerted: ExpiryCandidate[] = [];
      for (const agreement of candidates.filter((a) => isExpiryDue(a, today))) {
        const expiresOn = agreement.expiresOn;
        if (expiresOn === null || !(await store.markExpiryAlerted(agreement.id, expiresOn, trx)))
          continue;
        await audit.record(
          ctx,
          {
            action: 'vendors.agreement.expiry-alert',
            objectType: 'agreement',
            objectId: agreement.id,
            details: {
              vendorId: agreement.vendorId,
              type: agreement.type,
              expiresOn,
              noticeDays: noticeDays(agreement),
            },
          },
          trx,
        );
        alerted.push(agreement);
      }
      return alerted;
    });
  }

  return {
    documents: createAgreementDocumentService(deps, store),

    async list(ctx: CallContext, vendorId: string): Promise<Agreement[]> {
      authorize(ctx, VIEWER);
      await requireVendorName(db.kysely, vendorId);
      return store.list(vendorId);
    },

    async get(ctx: CallContext, vendorId: string, id: string): Promise<Agreement> {
      authorize(ctx, VIEWER);
      return requireAgreement(vendorId, id);
    },

    async create(ctx: CallContext, vendorId: string, input: AgreementInput): Promise<Agreement> {
      authorize(ctx, ANALYST);
      const id = randomUUID();
      const at = clock.now().toISOString();
      return db.kysely.transaction().execute(async (trx) => {
        await requireVendorName(trx, vendorId);
        await store.insert({ id, vendorId, at }, input, trx);
        await audit.record(
          ctx,
          {
            action: 'vendors.agreement.create',
            objectType: 'agreement',
            objectId: id,
            details: { vendorId, ...auditFacts(input) },
          },
          trx,
        );
        return { ...input, id, vendorId, documents: [], createdAt: at, updatedAt: at };
      });
    },

    async update(ctx: CallContext, vendorId: string, id: string, input: AgreementInput) {
      authorize(ctx, ANALYST);
      const at = clock.now().toISOString();
      return db.kysely.transaction().execute(async (trx): Promise<Agreement> => {
        const before = await requireAgreement(vendorId, id, trx);
        await store.update(id, input, at, trx);
        await audit.record(
          ctx,
          {
            action: 'vendors.agreement.update',
            objectType: 'agreement',
            objectId: id,
            details: { vendorId, changed: changedFields(before, input), ...auditFacts(input) },
          },
          trx,
        );
        return { ...before, ...input, updatedAt: at };
      });
    },

    async remove(ctx: CallContext, vendorId: string, id: string): Promise<void> {
      authorize(ctx, ADMIN);
      await db.kysely.transaction().execute(async (trx) => {
        const agreement = await requireAgreement(vendorId, id, trx);
        await store.delete(id, trx);
        await audit.record(
          ctx,
          {
            action: 'vendors.agreement.delete',
            objectType: 'agreement',
            objectId: id,
            details: { vendorId, ...auditFacts(agreement), documents: agreement.documents.length },
          },
          trx,
        );
      });
    },

    /** For the dashboard: agreements expiring within `days`, or already expired. */
    async expiring(ctx: CallContext, days: number): Promise<ExpiringAgreement[]> {
      authorize(ctx, VIEWER);
      const lastDay = addDays(utcDay(clock.now()), days);
      return (await store.expiringBy(lastDay)).map(publicExpiring);
    },

    /**
     * The daily job's work: alert on every agreement whose notice window has opened and that
     * has not been alerted for its current expiry date. Idempotent: a second run finds nothing.
     * The mail goes out after the commit, so a rolled-back run never claims to have alerted.
     */
    async alertExpiring(ctx: CallContext): Promise<ExpiringAgreement[]> {
      authorize(ctx, ANALYST);
      const today = utcDay(clock.now());
      const alerted = await markDue(ctx, today);
      if (alerted.length > 0) await deps.notify(expiryMessage(alerted, today));
      return alerted.map(publicExpiring);
    },
  };
}

export type AgreementService = ReturnType<typeof createAgreementService>;
