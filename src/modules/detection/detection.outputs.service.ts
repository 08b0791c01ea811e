import type { DetectionSettings, ResetList } from '../../contracts/detection.js';
import { groupBy } from '../../lib/chunks.js';
import { authorize, type CallContext } from '../../lib/principal.js';
import type { AlertStore } from './detection.alerts.store.js';
import {
  aggregate,
  toDecisions,
  toNftables,
  toPlainText,
  type BlockCidr,
} from './detection.blocklist.js';
import type { DetectionDeps } from './detection.deps.js';
import { createRangeExemption } from './detection.suppressions.js';
import { ACCESS } from './detection.access.js';

/** Past this many /24s (or /64s) from one network, block the whole network instead. */
const WIDEN_AT = 16;

/**
 * What the shop's own systems pull to respond: a blocklist of attacking sources for the
 * firewall or WAF (each until `blockHours` after it was last seen attacking), and the accounts
 * to force a password reset on (those of open alerts). Marking an alert a false positive takes
 * its sources and accounts off at the next pull; closing it takes its accounts off.
 */
export function createOutputService(
  deps: Pick<DetectionDeps, 'clock'> & {
    store: AlertStore;
    settings: () => Promise<DetectionSettings>;
  },
) {
  async function blocked(): Promise<{ cidrs: BlockCidr[]; now: Date }> {
    const now = deps.clock.now();
    const hours = (await deps.settings()).blockHours;
    const since = new Date(now.getTime() - hours * 3_600_000).toISOString();
    const rows = await deps.store.blockSources(since);
    // Ranges allowed since their sources were collected come off now, not when blocks expire.
    const exempt = createRangeExemption(await deps.store.suppressions(now.toISOString()));
    const entries = rows
      .filter((row) => !exempt(row.value, row.detector))
      .map((row) => ({
        value: row.value,
        until: new Date(Date.parse(row.last_seen_at) + hours * 3_600_000).toISOString(),
        reason: row.detector,
        alertId: row.alert_id,
      }));
    return { cidrs: aggregate(entries, { widenAt: WIDEN_AT, now }), now };
  }

  return {
    async blocklist(ctx: CallContext, format: 'text' | 'nftables' | 'json') {
      authorize(ctx, ACCESS.read);
      const { cidrs, now } = await blocked();
      if (format === 'nftables')
        return { body: toNftables(cidrs, { now }), type: 'text/plain; charset=utf-8' };
      if (format === 'json') return { body: toDecisions(cidrs, now), type: 'application/json' };
      return { body: toPlainText(cidrs, now), type: 'text/plain; charset=utf-8' };
    },

    /** Accounts to reset: taken over first, then targeted; a customer id where one matches. */
    async resetList(ctx: CallContext, page: { limit: number; offset: number }): Promise<ResetList> {
      authorize(ctx, ACCESS.read);
      // Open alerts only: closing one (its resets done) takes its accounts off the list.
      const { rows, total, alerts } = await deps.store.resetPage(page.limit, page.offset);
      const byAccount = groupBy(alerts, (row) => row.value);
      const customers = await deps.store.customerIds(rows.map((row) => row.value));
      return {
        items: rows.map((row) => ({
          account: row.value,
          customerId: customers.get(row.value) ?? null,
          reason: Number(row.taken) === 1 ? ('taken_over' as const) : ('targeted' as const),
          alerts: (byAccount.get(row.value) ?? []).map((item) => item.alert_id).sort(),
          lastSeenAt: row.last_seen_at,
        })),
        total,
      };
    },

    /**
     * What containment needs from some alerts, whatever their status: the accounts to reset
     * (with the shop's customer id where one matches) and the sources to block, aggregated as
     * the blocklist is. The caller has checked that these alerts are the caller's to act on.
     */
    forAlerts: {
      async accounts(alertIds: string[]) {
        const rows = await deps.store.accountsOf(alertIds);
        const customers = await deps.store.customerIds(rows.map((row) => row.value));
        return rows.map((row) => ({
          account: row.value,
          customerId: customers.get(row.value) ?? null,
          reason: Number(row.taken) === 1 ? ('taken_over' as const) : ('targeted' as const),
        }));
      },
      async sources(alertIds: string[]): Promise<string[]> {
        const rows = await deps.store.sourcesOf(alertIds);
        const entries = rows.map((row) => ({
          value: row.value,
          until: row.last_seen_at,
          reason: row.detector,
          alertId: row.alert_id,
        }));
        return aggregate(entries, { widenAt: WIDEN_AT }).map((cidr) => cidr.cidr);
      },
    },
  };
}

export type AlertResponses = ReturnType<typeof createOutputService>['forAlerts'];
