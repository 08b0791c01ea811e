import type { DataMap, SharingAlert } from '../../contracts/datamap.js';
import { NotFound } from '../../lib/errors.js';
import { authorize, type CallContext } from '../../lib/principal.js';
import type { DatamapDeps } from './datamap.deps.js';
import type { LedgerService } from './datamap.ledger.service.js';
import { createGraphStore } from './datamap.graph.store.js';

const VIEWER = { role: 'viewer', scope: 'read' } as const;
export const SHOP_NODE_ID = 'shop';

/** The data map (shop → vendors → subprocessors), sharing over time, and scope alerts. */
export function createGraphService({
  db,
  clock,
  audit,
  ledger,
}: DatamapDeps & { ledger: Pick<LedgerService, 'settle'> }) {
  const store = createGraphStore(db.kysely);

  return {
    async map(ctx: CallContext): Promise<DataMap> {
      authorize(ctx, VIEWER);
      await ledger.settle();
      const [vendors, integrations, links, reached] = await Promise.all([
        store.vendors(),
        store.integrations(),
        store.subprocessors(),
        store.customersPerIntegration(),
      ]);
      return {
        nodes: [
          { id: SHOP_NODE_ID, type: 'shop', name: 'Shop', status: null, riskTier: null },
          ...vendors.map((vendor) => ({
            id: vendor.id,
            type: 'vendor' as const,
            // The name people use: "Vendor X", not "Vendor X Analytics GmbH".
            name: vendor.trading_name ?? vendor.legal_name,
            status: vendor.status,
            riskTier: vendor.risk_tier_override ?? vendor.risk_tier,
          })),
        ],
        edges: [
          ...integrations.map((integration) => ({
            id: integration.id,
            from: SHOP_NODE_ID,
            to: integration.vendor_id,
            kind: 'integration' as const,
            label: integration.name,
            categories: JSON.parse(integration.declared_categories) as string[],
            customers: reached.get(integration.ledger_no) ?? 0,
          })),
          ...links.map((link) => ({
            id: link.id,
            from: link.vendor_id,
            to: link.subprocessor_id,
            kind: 'subprocessor' as const,
            label: link.location,
            categories: JSON.parse(link.categories) as string[],
            customers: null,
          })),
        ],
      };
    },

    /** Daily events, records and newly reached customers per integration of one vendor. */
    async series(ctx: CallContext, vendorId: string, range: { from?: string; to?: string }) {
      authorize(ctx, VIEWER);
      if (!(await store.vendorExists(vendorId))) throw new NotFound('Vendor', vendorId);
      const integrations = await store.vendorIntegrations(vendorId);
      const to = range.to ?? clock.now().toISOString().slice(0, 10);
      const from = range.from ?? '2000-01-01';
      const ledgerNos = integrations.map((integration) => integration.ledger_no);
      if (ledgerNos.length === 0) return [];
      await ledger.settle();
      const [daily, first] = await Promise.all([
        store.daily(ledgerNos, from, to),
        store.firstShared(ledgerNos, Date.parse(from) / 1000, Date.parse(to) / 1000 + 86_400),
      ]);
      return integrations.map((integration) => {
        const days = new Map<
          string,
          { day: string; events: number; records: number; customers: number }
        >();
        for (const row of daily.filter((d) => d.integration_no === integration.ledger_no))
          days.set(row.day, {
            day: row.day,
            events: Number(row.events),
            records: Number(row.records),
            customers: 0,
          });
        for (const row of first.filter((f) => f.ledgerNo === integration.ledger_no)) {
          const day = days.get(row.day) ?? { day: row.day, events: 0, records: 0, customers: 0 };
          day.customers = row.customers;
          days.set(row.day, day);
        }
        return {
          integrationId: integration.id,
          integrationName: integration.name,
          days: [...days.values()].sort((a, b) => a.day.localeCompare(b.day)),
        };
      });
    },

    async alerts(ctx: CallContext, status?: 'open' | 'acknowledged'): Promise<SharingAlert[]> {
      authorize(ctx, VIEWER);
      return (await store.alerts({ status })).map(toAlert);
    },

    async acknowledgeAlert(ctx: CallContext, id: string, note: string): Promise<SharingAlert> {
      authorize(ctx, { role: 'analyst', scope: 'write' });
      return db.kysely.transaction().execute(async (trx) => {
        if (!(await store.acknowledgeAlert(id, trx))) throw new NotFound('Open sharing alert', id);
        await audit.record(
          ctx,
          {
            action: 'datamap.alert.acknowledge',
            objectType: 'sharing_alert',
            objectId: id,
            details: { note },
          },
          trx,
        );
        const [row] = await store.alerts({ id }, trx);
        return toAlert(row!);
      });
    },
  };
}

type AlertRow = Awaited<ReturnType<ReturnType<typeof createGraphStore>['alerts']>>[number];

function toAlert(row: AlertRow): SharingAlert {
  return {
    id: row.id,
    integrationId: row.integration_id,
    integrationName: row.integration_name,
    vendorId: row.vendor_id,
    vendorName: row.vendor_name,
    kind: 'undeclared_category',
    category: row.category,
    status: row.status as SharingAlert['status'],
    events: Number(row.events),
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
  };
}
