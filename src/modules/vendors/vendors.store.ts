import type { Selectable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { VendorsTable } from '../../db/schema.js';
import type { IntegrationKind } from '../../contracts/vendors.js';
import { anyLedgerRows } from './vendors.integrations.store.js';
import { matchesFilter, type VendorFilter } from './vendors.search.store.js';
import {
  nameKeyOf,
  type ComputedRisk,
  type IntegrationFacts,
  type IntegrationStatus,
  type RiskOverride,
  type RiskTier,
  type StoredVendor,
  type VendorInput,
  type VendorStatus,
} from './vendors.types.js';

/** Bound parameter lists stay well under SQLite's and PostgreSQL's limits. */
const CHUNK = 500;

export function createVendorStore(db: Executor) {
  async function withTags(rows: Selectable<VendorsTable>[], trx: Executor) {
    const tags = await tagsOf(
      rows.map((row) => row.id),
      trx,
    );
    return rows.map((row) => toVendor(row, tags.get(row.id) ?? []));
  }

  async function tagsOf(vendorIds: string[], trx: Executor): Promise<Map<string, string[]>> {
    const tags = new Map<string, string[]>();
    for (const ids of chunks(vendorIds)) {
      const rows = await trx
        .selectFrom('vendor_tags')
        .select(['vendor_id', 'tag'])
        .where('vendor_id', 'in', ids)
        .orderBy('tag')
        .execute();
      for (const row of rows)
        tags.set(row.vendor_id, [...(tags.get(row.vendor_id) ?? []), row.tag]);
    }
    return tags;
  }

  async function insertTags(vendorId: string, tags: readonly string[], trx: Executor) {
    if (tags.length === 0) return;
    await trx
      .insertInto('vendor_tags')
      .values(tags.map((tag) => ({ vendor_id: vendorId, tag })))
      .execute();
  }

  return {
    async findById(id: string, trx: Executor = db): Promise<StoredVendor | undefined> {
      const row = await trx
        .selectFrom('vendors')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row && (await withTags([row], trx))[0];
    },

    async exists(id: string, trx: Executor = db): Promise<boolean> {
      const row = await trx
        .selectFrom('vendors')
        .select('id')
        .where('id', '=', id)
        .executeTakeFirst();
      return row !== undefined;
    },

    async findByNameKeys(keys: readonly string[], trx: Executor = db): Promise<StoredVendor[]> {
      const found: StoredVendor[] = [];
      for (const part of chunks(keys)) {
        const rows = await trx
          .selectFrom('vendors')
          .selectAll()
          .where('name_key', 'in', part)
          .execute();
        found.push(...(await withTags(rows, trx)));
      }
      return found;
    },

    /** One page in legal-name order, and how many vendors match in all. */
    async page(
      filter: VendorFilter,
      page: { limit: number; offset: number },
      trx: Executor = db,
    ): Promise<{ total: number; items: StoredVendor[] }> {
      const matching = trx.selectFrom('vendors').where((eb) => matchesFilter(eb, filter));
      const [counted, rows] = await Promise.all([
        matching.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
        // name_key is unique, hence indexed: the page is read in order, never sorted.
        matching.selectAll().orderBy('name_key').limit(page.limit).offset(page.offset).execute(),
      ]);
      return { total: Number(counted.total), items: await withTags(rows, trx) };
    },

    async distinctTags(trx: Executor = db): Promise<string[]> {
      const rows = await trx
        .selectFrom('vendor_tags')
        .select('tag')
        .distinct()
        .orderBy('tag')
        .execute();
      return rows.map((row) => row.tag);
    },

    /** Every integration of the given vendors, by vendor, oldest first. */
    async integrationsOf(
      vendorIds: readonly string[],
      trx: Executor = db,
    ): Promise<Map<string, IntegrationFacts[]>> {
      const byVendor = new Map<string, IntegrationFacts[]>();
      for (const ids of chunks(vendorIds)) {
        const rows = await trx
          .selectFrom('integrations')
          .select(['id', 'vendor_id', 'name', 'kind', 'status', 'declared_categories'])
          .where('vendor_id', 'in', ids)
          .orderBy('created_at')
          .execute();
        for (const row of rows) {
          const facts: IntegrationFacts = {
            id: row.id,
            name: row.name,
            kind: row.kind as IntegrationKind,
            status: row.status as IntegrationStatus,
            declaredCategories: JSON.parse(row.declared_categories) as string[],
          };
          byVendor.set(row.vendor_id, [...(byVendor.get(row.vendor_id) ?? []), facts]);
        }
      }
      return byVendor;
    },

    /** The stored computed risk of each given vendor that exists. */
    async computedRisks(
      vendorIds: readonly string[],
      trx: Executor = db,
    ): Promise<Map<string, ComputedRisk>> {
      const risks = new Map<string, ComputedRisk>();
      for (const ids of chunks(vendorIds)) {
        const rows = await trx
          .selectFrom('vendors')
          .select(['id', 'risk_tier', 'risk_explanation'])
          .where('id', 'in', ids)
          .execute();
        for (const row of rows) risks.set(row.id, computedRiskOf(row));
      }
      return risks;
    },

    /** Vendor ids in id order after `afterId`, for walking every vendor in batches. */
    async idsAfter(afterId: string | null, limit: number, trx: Executor = db): Promise<string[]> {
      let query = trx.selectFrom('vendors').select('id').orderBy('id').limit(limit);
      if (afterId !== null) query = query.where('id', '>', afterId);
      return (await query.execute()).map((row) => row.id);
    },

    async insert(vendor: StoredVendor, trx: Executor = db): Promise<void> {
      await trx
        .insertInto('vendors')
        .values({
          id: vendor.id,
          ...profileColumns(vendor),
          status: vendor.status,
          ...riskColumns(vendor.computedRisk),
          risk_tier_override: null,
          risk_override_reason: null,
          risk_override_by: null,
          risk_override_at: null,
          created_at: vendor.createdAt,
          updated_at: vendor.updatedAt,
        })
        .execute();
      await insertTags(vendor.id, vendor.tags, trx);
    },

    async updateProfile(
      id: string,
      profile: VendorInput,
      at: string,
      trx: Executor = db,
    ): Promise<void> {
      await trx
        .updateTable('vendors')
        .set({ ...profileColumns(profile), updated_at: at })
        .where('id', '=', id)
        .execute();
      await trx.deleteFrom('vendor_tags').where('vendor_id', '=', id).execute();
      await insertTags(id, profile.tags, trx);
    },

    /** Moves the status only if nobody moved it first; false when someone did. */
    async updateStatus(
      id: string,
      change: { from: VendorStatus; to: VendorStatus },
      at: string,
      trx: Executor = db,
    ): Promise<boolean> {
      const result = await trx
        .updateTable('vendors')
        .set({ status: change.to, updated_at: at })
        .where('id', '=', id)
        .where('status', '=', change.from)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    /** A new result is a change to the vendor (lists and portfolio caches key on updated_at). */
    async setComputedRisk(
      id: string,
      risk: ComputedRisk,
      at: string,
      trx: Executor = db,
    ): Promise<void> {
      await trx
        .updateTable('vendors')
        .set({ ...riskColumns(risk), updated_at: at })
        .where('id', '=', id)
        .execute();
    },

    async setOverride(
      id: string,
      override: RiskOverride | null,
      at: string,
      trx: Executor = db,
    ): Promise<void> {
      await trx
        .updateTable('vendors')
        .set({
          risk_tier_override: override?.tier ?? null,
          risk_override_reason: override?.reason ?? null,
          risk_override_by: override?.by ?? null,
          risk_override_at: override?.at ?? null,
          updated_at: at,
        })
        .where('id', '=', id)
        .execute();
    },

    /** Deletes only while the vendor still has `status`; false otherwise. */
    async hasSharingHistory(id: string, trx: Executor = db): Promise<boolean> {
      return anyLedgerRows(
        trx,
        trx.selectFrom('integrations').select('ledger_no').where('vendor_id', '=', id),
      );
    },

    async deleteIfStatus(id: string, status: VendorStatus, trx: Executor = db): Promise<boolean> {
      const result = await trx
        .deleteFrom('vendors')
        .where('id', '=', id)
        .where('status', '=', status)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
  };
}

export type VendorStore = ReturnType<typeof createVendorStore>;

function chunks<T>(items: readonly T[]): T[][] {
  const parts: T[][] = [];
  for (let start = 0; start < items.length; start += CHUNK)
    parts.push(items.slice(start, start + CHUNK));
  return parts;
}

function profileColumns(profile: VendorInput) {
  return {
    legal_name: profile.legalName,
    name_key: nameKeyOf(profile.legalName),
    trading_name: profile.tradingName,
    website: profile.website,
    domains: JSON.stringify(profile.domains),
    country: profile.country,
    services: profile.services,
    business_owner: profile.businessOwner,
    security_contact: profile.securityContact,
    notes: profile.notes,
  };
}

function riskColumns(risk: ComputedRisk) {
  return {
    risk_tier: risk.tier,
    risk_explanation: JSON.stringify({ score: risk.score, factors: risk.factors }),
  };
}

function computedRiskOf(row: Pick<VendorsTable, 'risk_tier' | 'risk_explanation'>): ComputedRisk {
  const explanation = JSON.parse(row.risk_explanation) as Omit<ComputedRisk, 'tier'>;
  return { tier: row.risk_tier as RiskTier, ...explanation };
}

function toVendor(row: Selectable<VendorsTable>, tags: string[]): StoredVendor {
  const riskOverride: RiskOverride | null = row.risk_tier_override
    ? {
        tier: row.risk_tier_override as RiskTier,
        reason: row.risk_override_reason ?? '',
        by: row.risk_override_by ?? '',
        at: row.risk_override_at ?? row.updated_at,
      }
    : null;
  const computedRisk = computedRiskOf(row);
  return {
    id: row.id,
    nameKey: row.name_key,
    legalName: row.legal_name,
    tradingName: row.trading_name,
    website: row.website,
    domains: JSON.parse(row.domains) as string[],
    country: row.country,
    services: row.services,
    businessOwner: row.business_owner,
    securityContact: row.security_contact,
    notes: row.notes,
    status: row.status as VendorStatus,
    tags,
    riskTier: riskOverride?.tier ?? computedRisk.tier,
    computedRisk,
    riskOverride,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
