import type { z } from 'zod';
import {
  VENDOR_TRANSITIONS,
  type ListVendorsQuery,
  type statusChangeRequest,
  type vendorPage,
} from '../../contracts/vendors.js';
import type { Executor } from '../../db/database.js';
import { Conflict, NotFound } from '../../lib/errors.js';
import { authorize, type CallContext } from '../../lib/principal.js';
import { createContactService } from './vendors.contacts.service.js';
import type { VendorDeps } from './vendors.deps.js';
import { createImportService } from './vendors.import.service.js';
import { createOffboardingService, missingSteps } from './vendors.offboarding.service.js';
import { createOffboardingStore } from './vendors.offboarding.store.js';
import { createRiskService } from './vendors.risk.service.js';
import { createVendorStore } from './vendors.store.js';
import {
  ACCESS,
  changedFields,
  nameKeyOf,
  newVendor,
  normaliseProfile,
  profileOf,
  toVendor,
  type StoredVendor,
  type Vendor,
  type VendorInput,
  type VendorSummary,
} from './vendors.types.js';

export type VendorPage = z.infer<typeof vendorPage>;
export type StatusChangeRequest = z.infer<typeof statusChangeRequest>;

/** Vendor profiles, tags, contacts, lifecycle, inherent risk, inventory import, offboarding. */
export function createVendorService(deps: VendorDeps) {
  const { db, clock, audit, categories } = deps;
  const store = createVendorStore(db.kysely);
  const steps = createOffboardingStore(db.kysely);
  const transaction = () => db.kysely.transaction();

  async function requireVendor(id: string, trx?: Executor): Promise<StoredVendor> {
    const vendor = await store.findById(id, trx);
    if (!vendor) throw new NotFound('Vendor', id);
    return vendor;
  }

  /** One name per company: refuses a legal name another vendor already has. */
  async function requireFreeName(legalName: string, exceptId: string | null, trx: Executor) {
    const [holder] = await store.findByNameKeys([nameKeyOf(legalName)], trx);
    if (!holder || holder.id === exceptId) return;
    const as = holder.legalName === legalName ? '' : ` as '${holder.legalName}'`;
    throw new Conflict(`A vendor named '${legalName}' already exists${as}`);
  }

  /** Adds integration counts and categories with two queries for the whole page. */
  async function summarize(vendors: StoredVendor[]): Promise<VendorSummary[]> {
    const [integrations, index] = await Promise.all([
      store.integrationsOf(vendors.map((vendor) => vendor.id)),
      categories.index(),
    ]);
    return vendors.map((vendor) => {
      const own = integrations.get(vendor.id) ?? [];
      const declared = new Set(own.flatMap((integration) => integration.declaredCategories));
      return {
        ...toVendor(vendor),
        integrationCount: own.length,
        categories: index.categories.filter((c) => declared.has(c.key)).map((c) => c.key),
      };
    });
  }

  async function recordChange(
    ctx: CallContext,
    action: string,
    vendorId: string,
    details: Record<string, unknown>,
    trx: Executor,
  ): Promise<void> {
    await audit.record(ctx, { action, objectType: 'vendor', objectId: vendorId, details }, trx);
  }

  return {
    async list(ctx: CallContext, query: ListVendorsQuery): Promise<VendorPage> {
      authorize(ctx, ACCESS.read);
      const { limit, offset, ...filter } = query;
      const page = await store.page(filter, { limit, offset });
      return { total: page.total, items: await summarize(page.items) };
    },

    async tags(ctx: CallContext): Promise<string[]> {
      authorize(ctx, ACCESS.read);
      return store.distinctTags();
    },

    async get(ctx: CallContext, id: string): Promise<VendorSummary> {
      authorize(ctx, ACCESS.read);
      const [summary] = await summarize([await requireVendor(id)]);
      return summary!;
    },

    async create(ctx: CallContext, input: VendorInput): Promise<Vendor> {
      authorize(ctx, ACCESS.write);
      const vendor = newVendor(input, 'prospect', clock.now().toISOString());
      const details = { legalName: vendor.legalName, status: vendor.status };
      await transaction().execute(async (trx) => {
        await requireFreeName(vendor.legalName, null, trx);
        await store.insert(vendor, trx);
        await recordChange(ctx, 'vendors.vendor.create', vendor.id, details, trx);
      });
      return toVendor(vendor);
    },

    async update(ctx: CallContext, id: string, input: VendorInput): Promise<Vendor> {
      authorize(ctx, ACCESS.write);
      const profile = normaliseProfile(input);
      const at = clock.now().toISOString();
      return transaction().execute(async (trx) => {
        const current = await requireVendor(id, trx);
        const changed = changedFields(profileOf(current), profile);
        if (changed.length === 0) return toVendor(current);
        if (changed.includes('legalName')) await requireFreeName(profile.legalName, id, trx);
        await store.updateProfile(id, profile, at, trx);
        await recordChange(ctx, 'vendors.vendor.update', id, { changed }, trx);
        return toVendor({ ...current, ...profile, updatedAt: at });
      });
    },

    /** Only prospects are deleted; a vendor that was ever in use is offboarded instead. */
    async remove(ctx: CallContext, id: string): Promise<void> {
      authorize(ctx, ACCESS.admin);
      await transaction().execute(async (trx) => {
        const vendor = await requireVendor(id, trx);
        // Its integrations' sharing history is evidence for any later breach: keep it.
        if (await store.hasSharingHistory(id, trx)) {
          throw new Conflict(
            `Vendor '${vendor.legalName}' has received customer data; offboard it instead of deleting it.`,
          );
        }
        if (!(await store.deleteIfStatus(id, 'prospect', trx))) {
          throw new Conflict(
            `Vendor '${vendor.legalName}' is ${vendor.status}; only a prospect can be deleted. Offboard it instead.`,
          );
        }
        await recordChange(ctx, 'vendors.vendor.delete', id, { legalName: vendor.legalName }, trx);
      });
    },

    async changeStatus(
      ctx: CallContext,
      id: string,
      { status: to, reason }: StatusChangeRequest,
    ): Promise<Vendor> {
      authorize(ctx, ACCESS.write);
      const at = clock.now().toISOString();
      return transaction().execute(async (trx) => {
        const vendor = await requireVendor(id, trx);
        const from = vendor.status;
        const allowed = VENDOR_TRANSITIONS[from];
        if (!allowed.includes(to)) {
          throw new Conflict(
            `Vendor '${vendor.legalName}' is ${from}; it can move to ${allowed.join(' or ')}, not ${to}`,
          );
        }
        if (to === 'offboarded') {
          const missing = missingSteps(await steps.list(id, trx));
          if (missing.length > 0) {
            throw new Conflict(
              `Vendor '${vendor.legalName}' cannot be offboarded before these steps are done: ${missing.join(', ')}`,
            );
          }
        }
        // Each offboarding starts with a clean checklist; earlier runs stay in the audit log.
        if (to === 'offboarding') await steps.clear(id, trx);
        if (!(await store.updateStatus(id, { from, to }, at, trx))) {
          throw new Conflict(`Vendor '${vendor.legalName}' changed meanwhile; reload and retry`);
        }
        await recordChange(ctx, 'vendors.vendor.status', id, { from, to, reason }, trx);
        return toVendor({ ...vendor, status: to, updatedAt: at });
      });
    },

    inventory: createImportService(deps, store),
    risk: createRiskService(deps, store),
    contacts: createContactService(deps, store),
    offboarding: createOffboardingService(deps, { vendors: store, steps }),
  };
}

export type VendorService = ReturnType<typeof createVendorService>;
