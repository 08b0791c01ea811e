import { Readable } from 'node:stream';
import type { BlastRadius, BlastRadiusQuery } from '../../contracts/datamap.js';
import { ALL_BITS, orMask } from '../../lib/bitmask.js';
import { NotFound } from '../../lib/errors.js';
import { authorize, type CallContext } from '../../lib/principal.js';
import { ancestorsOf } from '../vendors/vendors.subprocessors.graph.js';
import type { CategoryIndex } from './datamap.categories.js';
import type { CategoryService } from './datamap.categories.service.js';
import type { CustomerService } from './datamap.customers.service.js';
import { csvLine } from './datamap.csv.js';
import type { DatamapDeps } from './datamap.deps.js';
import type { LedgerService } from './datamap.ledger.service.js';
import { createScopeStore, type ScopeGroup, type ScopePath } from './datamap.scope.store.js';

/**
 * Rows per export page. Smaller pages keep fewer decrypted rows alive across each await, so
 * V8 collects them young: 5,000 peaked at ~330 MiB on a 750k export, 2,000 at ~230 MiB.
 */
const PAGE = 2000;
/** Refs alone are small: bigger pages, fewer round trips. */
const REF_PAGE = 20_000;

interface ResolvedPath extends ScopePath {
  integrationId: string;
  integrationName: string;
  vendorName: string;
}

/**
 * Who is affected when a vendor, one integration or a subprocessor is breached: every customer
 * whose data reached it in the window, by data category and by jurisdiction. Incidents and
 * breach notification call this through the service.
 */
export function createBlastRadiusService(
  deps: DatamapDeps & {
    categories: Pick<CategoryService, 'index'>;
    customers: Pick<CustomerService, 'opener'>;
    ledger: Pick<LedgerService, 'settle'>;
  },
) {
  const store = createScopeStore(deps.db);

  async function resolve(query: BlastRadiusQuery, index: CategoryIndex) {
    if (query.integrationId) {
      const [integration] = await store.integrations({ ids: [query.integrationId] });
      if (!integration) throw new NotFound('Integration', query.integrationId);
      const target = { type: 'integration' as const, id: integration.id, name: integration.name };
      return { target, paths: toPaths([integration], ALL_BITS) };
    }
    const vendorId = (query.vendorId ?? query.subprocessorId)!;
    const vendor = await store.vendor(vendorId);
    if (!vendor) throw new NotFound('Vendor', vendorId);
    const own = toPaths(await store.integrations({ vendorIds: [vendorId] }), ALL_BITS);
    if (query.vendorId)
      return {
        target: { type: 'vendor' as const, id: vendorId, name: vendor.legal_name },
        paths: own,
      };
    // A subprocessor holds what its ancestors passed down, plus anything the shop sent it.
    const edges = (await store.subprocessorEdges()).map((edge) => ({
      vendorId: edge.vendor_id,
      subprocessorId: edge.subprocessor_id,
      categories: JSON.parse(edge.categories) as string[],
    }));
    const inherited = await Promise.all(
      ancestorsOf(edges, vendorId).map(async (ancestor) =>
        toPaths(
          await store.integrations({ vendorIds: [ancestor.vendorId] }),
          index.maskOf(ancestor.categories).mask,
        ),
      ),
    );
    return {
      target: { type: 'subprocessor' as const, id: vendorId, name: vendor.legal_name },
      paths: mergePaths([...own, ...inherited.flat()]),
    };
  }

  function windowOf(query: { from: string; to: string }) {
    return {
      fromSeconds: Math.floor(Date.parse(query.from) / 1000),
      toSeconds: Math.floor(Date.parse(query.to) / 1000),
    };
  }

  return {
    async compute(ctx: CallContext, query: BlastRadiusQuery): Promise<BlastRadius> {
      authorize(ctx, { role: 'viewer', scope: 'read' });
      const index = await deps.categories.index();
      const { target, paths } = await resolve(query, index);
      await deps.ledger.settle();
      const groups = await store.countGroups(paths, windowOf(query));
      return {
        target,
        window: { from: query.from, to: query.to },
        paths: paths.map((path) => ({
          integrationId: path.integrationId,
          integrationName: path.integrationName,
          vendorName: path.vendorName,
          categories: path.mask === ALL_BITS ? [] : index.keysOf(path.mask),
        })),
        ...summarise(groups, index),
        computedAt: deps.clock.now().toISOString(),
      };
    },

    /**
     * Several vendors and integrations at once (an incident's scope): the summary, the
     * customers per jurisdiction and exact combination of categories (what notification law
     * asks), and every affected customer ref in order, a page at a time.
     */
    async scope(
      ctx: CallContext,
      targets: { vendorIds: string[]; integrationIds: string[] },
      window: { from: string; to: string },
    ) {
      authorize(ctx, { role: 'analyst', scope: 'read' });
      const index = await deps.categories.index();
      const byVendor = targets.vendorIds.length
        ? await store.integrations({ vendorIds: targets.vendorIds })
        : [];
      const byId = targets.integrationIds.length
        ? await store.integrations({ ids: targets.integrationIds })
        : [];
      const paths = mergePaths(toPaths([...byVendor, ...byId], ALL_BITS));
      await deps.ledger.settle();
      const span = windowOf(window);
      const groups = await store.countGroups(paths, span);
      async function* refs(): AsyncGenerator<string[]> {
        for (let after: string | null = null; ;) {
          const page = await store.refsPage(paths, span, after, REF_PAGE);
          if (page.length > 0) yield page;
          if (page.length < REF_PAGE) return;
          after = page[page.length - 1]!;
        }
      }
      return {
        paths: paths.map((path) => ({
          integrationId: path.integrationId,
          integrationName: path.integrationName,
          vendorName: path.vendorName,
        })),
        ...summarise(groups, index),
        groups: groups.map((group) => ({
          country: group.country,
          region: group.region,
          known: group.known,
          categories: index.keysOf(group.categories),
          customers: group.customers,
        })),
        refs,
        /** What reached the targets of each of some customers, for those it reached. */
        async categoriesOf(some: readonly string[]): Promise<Map<string, string[]>> {
          const rows = await store.categoriesOf(paths, span, some);
          return new Map(rows.map((row) => [row.ref, index.keysOf(row.categories)]));
        },
      };
    },

    /** Where each of some customers lives (by their ref), for scopes reached another way. */
    async jurisdictionsOf(ctx: CallContext, refs: string[]) {
      authorize(ctx, { role: 'analyst', scope: 'read' });
      const rows = await store.jurisdictionsOf(refs);
      return new Map(
        rows.map((row) => [row.external_id, { country: row.country, region: row.region }]),
      );
    },

    /** Every affected customer as CSV, in pages, so 750,000 rows stream in constant memory. */
    async exportCsv(ctx: CallContext, query: BlastRadiusQuery): Promise<Readable> {
      authorize(ctx, { role: 'analyst', scope: 'read' });
      const index = await deps.categories.index();
      const { target, paths } = await resolve(query, index);
      await deps.audit.record(ctx, {
        action: 'datamap.blast-radius.export',
        objectType: target.type,
        objectId: target.id,
        details: { from: query.from, to: query.to },
      });
      const crypto = await deps.customers.opener(ctx);
      const window = windowOf(query);
      await deps.ledger.settle();
      async function* rows() {
        yield csvLine(['external_id', 'email', 'name', 'phone', 'country', 'region', 'categories']);
        for (let after: string | null = null; ;) {
          const page = await store.affectedPage(paths, window, after, PAGE);
          let chunk = '';
          for (const row of page) {
            const pii = row.pii ? crypto.open(row.customerRef, row.pii) : null;
            chunk += csvLine([
              row.customerRef,
              pii?.email ?? null,
              pii?.name ?? null,
              pii?.phone ?? null,
              row.country,
              row.region,
              index.keysOf(row.categories).join(';'),
            ]);
          }
          if (chunk) yield chunk;
          if (page.length < PAGE) return;
          after = page[page.length - 1]!.customerRef;
        }
      }
      return Readable.from(rows());
    },
  };
}

function toPaths(
  integrations: { id: string; name: string; ledger_no: number; vendor_name: string }[],
  mask: number,
): ResolvedPath[] {
  return integrations.map((integration) => ({
    ledgerNo: integration.ledger_no,
    mask,
    integrationId: integration.id,
    integrationName: integration.name,
    vendorName: integration.vendor_name,
  }));
}

/** One path per integration: categories arriving by several routes are unioned. */
function mergePaths(paths: ResolvedPath[]): ResolvedPath[] {
  const byLedger = new Map<number, ResolvedPath>();
  for (const path of paths) {
    const seen = byLedger.get(path.ledgerNo);
    if (seen) seen.mask = orMask(seen.mask, path.mask);
    else if (path.mask !== 0) byLedger.set(path.ledgerNo, { ...path });
  }
  return [...byLedger.values()];
}

function summarise(groups: ScopeGroup[], index: CategoryIndex) {
  const byCategory = new Map<string, number>();
  const byJurisdiction = new Map<
    string,
    { country: string | null; region: string | null; customers: number }
  >();
  let customers = 0;
  let unknownCustomers = 0;
  for (const group of groups) {
    customers += group.customers;
    for (const key of index.keysOf(group.categories))
      byCategory.set(key, (byCategory.get(key) ?? 0) + group.customers);
    if (!group.known) {
      unknownCustomers += group.customers;
      continue;
    }
    const key = `${group.country ?? ''}/${group.region ?? ''}`;
    const place = byJurisdiction.get(key);
    if (place) place.customers += group.customers;
    else
      byJurisdiction.set(key, {
        country: group.country,
        region: group.region,
        customers: group.customers,
      });
  }
  return {
    customers,
    unknownCustomers,
    byCategory: index.categories
      .filter((category) => byCategory.has(category.key))
      .map((category) => ({
        key: category.key,
        name: category.name,
        customers: byCategory.get(category.key)!,
      })),
    byJurisdiction: [...byJurisdiction.values()].sort((a, b) => b.customers - a.customers),
  };
}
