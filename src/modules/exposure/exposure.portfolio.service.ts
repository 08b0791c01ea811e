import type { ExposureAlert, Portfolio, Trend } from '../../contracts/exposure.js';
import { NotFound } from '../../lib/errors.js';
import { authorize, type CallContext } from '../../lib/principal.js';
import type { ExposureSignal } from '../assessments/assessments.residual.js';
import type { AlertRow, createAlertStore } from './exposure.alerts.store.js';
import type { ExposureDeps } from './exposure.deps.js';
import { actorName, ageInDays, DAY_MS } from './exposure.findings.service.js';
import type { FindingStore } from './exposure.findings.store.js';
import { createPortfolioStore } from './exposure.portfolio.store.js';
import { ACCESS } from './exposure.types.js';

/**
 * Likelihood points for residual risk. One known-exploited finding on its own lifts a vendor
 * a long way (it is the breach story's cause); criticals and highs add less; the assessments
 * module caps the factor at 40.
 */
export function exposurePoints(counts: { knownExploited: number; critical: number; high: number }) {
  const kev = counts.knownExploited > 0 ? 30 + 5 * (counts.knownExploited - 1) : 0;
  return kev + 8 * counts.critical + 3 * counts.high;
}

const toAlert = (row: AlertRow & { vendor_name: string }): ExposureAlert => ({
  id: row.id,
  findingId: row.finding_id,
  vendorId: row.vendor_id,
  vendorName: row.vendor_name,
  reason: row.reason as ExposureAlert['reason'],
  title: row.title,
  createdAt: row.created_at,
  acknowledgedAt: row.acknowledged_at,
  acknowledgedBy: row.acknowledged_by,
});

/** Portfolio exposure, its trend, the in-app alerts, and the signal residual risk reads. */
export function createPortfolioService(
  deps: Pick<ExposureDeps, 'db' | 'clock' | 'audit'> & {
    findings: Pick<FindingStore, 'revision'>;
    alerts: ReturnType<typeof createAlertStore>;
  },
) {
  const { db, clock, audit, alerts } = deps;
  const store = createPortfolioStore(db.kysely);

  return {
    async portfolio(ctx: CallContext): Promise<Portfolio> {
      authorize(ctx, ACCESS.read);
      const now = clock.now().toISOString();
      const rows = await store.vendors();
      const vendors = rows
        .map((row) => ({
          vendorId: row.vendor_id,
          vendorName: row.vendor_name,
          open: Number(row.open),
          knownExploited: Number(row.known_exploited),
          critical: Number(row.critical),
          high: Number(row.high),
          oldestOpenDays: row.oldest ? ageInDays(String(row.oldest), now) : null,
        }))
        .sort(
          (a, b) =>
            b.knownExploited - a.knownExploited ||
            b.critical - a.critical ||
            b.open - a.open ||
            a.vendorName.localeCompare(b.vendorName),
        );
      const sum = (pick: (v: (typeof vendors)[number]) => number) =>
        vendors.reduce((total, vendor) => total + pick(vendor), 0);
      return {
        vendors,
        totals: {
          open: sum((v) => v.open),
          knownExploited: sum((v) => v.knownExploited),
          critical: sum((v) => v.critical),
          vendorsAffected: vendors.length,
        },
      };
    },

    /** Unresolved findings at the end of each UTC day, from first-seen and resolved times. */
    async trend(ctx: CallContext, days: number): Promise<Trend> {
      authorize(ctx, ACCESS.read);
      const today = Date.parse(clock.now().toISOString().slice(0, 10));
      const first = today - (days - 1) * DAY_MS;
      const rows = await store.lifetimes(new Date(first).toISOString());
      // A sweep: each finding adds one from the day it was first seen and removes one from
      // the day it was resolved; the running sum at each day is what was unresolved then.
      const span = Math.round((today - first) / DAY_MS) + 1;
      const dayIndex = (instant: string) =>
        Math.max(0, Math.floor((Date.parse(instant) - first) / DAY_MS));
      const open = new Array<number>(span + 1).fill(0);
      const exploited = new Array<number>(span + 1).fill(0);
      for (const row of rows) {
        const from = dayIndex(row.first_seen_at);
        const until = row.resolved_at === null ? span : Math.min(span, dayIndex(row.resolved_at));
        if (from >= until || from >= span) continue;
        open[from]! += 1;
        open[until]! -= 1;
        exploited[from]! += row.known_exploited;
        exploited[until]! -= row.known_exploited;
      }
      const points = [];
      let openRunning = 0;
      let exploitedRunning = 0;
      for (let index = 0; index < span; index += 1) {
        openRunning += open[index]!;
        exploitedRunning += exploited[index]!;
        points.push({
          date: new Date(first + index * DAY_MS).toISOString().slice(0, 10),
          open: openRunning,
          knownExploited: exploitedRunning,
        });
      }
      return { days: points };
    },

    async alerts(ctx: CallContext, query: { unacknowledged?: boolean | undefined; limit: number }) {
      authorize(ctx, ACCESS.read);
      const page = await alerts.list(query);
      return { items: page.items.map(toAlert), unacknowledged: page.unacknowledged };
    },

    async acknowledge(ctx: CallContext, alertId: string): Promise<void> {
      const principal = authorize(ctx, ACCESS.write);
      if (!(await alerts.find(alertId))) throw new NotFound('Alert', alertId);
      const by = actorName(principal);
      await db.kysely.transaction().execute(async (trx) => {
        if (!(await alerts.acknowledge(alertId, by, clock.now().toISOString(), trx))) return;
        await audit.record(
          ctx,
          { action: 'exposure.alert.acknowledge', objectType: 'exposure_alert', objectId: alertId },
          trx,
        );
      });
    },

    /** The residual-risk hook of the assessments module: open exposure per vendor. */
    signals: {
      async forVendors(vendorIds: readonly string[]): Promise<Map<string, ExposureSignal>> {
        const [rows, examples] = await Promise.all([
          store.forVendors(vendorIds),
          store.exampleKev(vendorIds),
        ]);
        const signals = new Map<string, ExposureSignal>();
        for (const row of rows) {
          const counts = {
            knownExploited: Number(row.known_exploited),
            critical: Number(row.critical),
            high: Number(row.high),
          };
          const example = examples.find((e) => e.vendor_id === row.vendor_id);
          const parts = [
            counts.knownExploited > 0 &&
              `${counts.knownExploited} known-exploited (e.g. ${example?.kev_cve} in ${example?.component_name} ${example?.component_version ?? ''})`.trim(),
            counts.critical > 0 && `${counts.critical} critical`,
            counts.high > 0 && `${counts.high} high`,
          ].filter(Boolean);
          signals.set(row.vendor_id, {
            points: exposurePoints(counts),
            detail:
              parts.length > 0
                ? `${Number(row.open)} open software findings: ${parts.join(', ')}`
                : `${Number(row.open)} open software findings, none high or worse`,
          });
        }
        return signals;
      },
      revision: () => deps.findings.revision(),
    },
  };
}

export type PortfolioService = ReturnType<typeof createPortfolioService>;
