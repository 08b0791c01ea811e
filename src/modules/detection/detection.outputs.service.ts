import type { DetectionSettings, ResetList } from '../../contracts/detection.js';
import { authorize, type CallContext } from '../../lib/principal.js';
import type { AlertStore } from './detection.alerts.store.js';
import { customerIds } from './detection.alerts.service.js';
import {
  aggregate,
  toDecisions,
  toNftables,
  toPlainText,
  type BlockCidr,
} from './detection.blocklist.js';
import type { DetectionDeps } from './detection.deps.js';
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
  deps: Pick<DetectionDeps, 'db' | 'clock'> & {
    store: AlertStore;
    settings: () => Promise<DetectionSettings>;
  },
) {
  async function blocked(): Promise<{ cidrs: BlockCidr[]; now: Date }> {
    const now = deps.clock.now();
    const hours = (await deps.settings()).blockHours;
    const since = new Date(now.getTime() - hours * 3_600_000).toISOString();
    const rows = await deps.store.activeSubjects(['source'], {
      seenSince: since,
      statuses: ['new', 'acknowledged', 'closed'],
    });
    const entries = rows.map((row) => ({
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
    async resetList(ctx: CallContext): Promise<ResetList> {
      authorize(ctx, ACCESS.read);
      // Open alerts only: closing one (its resets done) takes its accounts off the list.
      const rows = await deps.store.activeSubjects(['taken_over', 'target'], {
        statuses: ['new', 'acknowledged'],
      });
      const accounts = new Map<string, ResetList['items'][number]>();
      for (const row of rows) {
        const reason = row.role === 'taken_over' ? 'taken_over' : 'targeted';
        const entry = accounts.get(row.value);
        if (!entry)
          accounts.set(row.value, {
            account: row.value,
            customerId: null,
            reason,
            alerts: [row.alert_id],
            lastSeenAt: row.last_seen_at,
          });
        else {
          if (reason === 'taken_over') entry.reason = reason;
          if (!entry.alerts.includes(row.alert_id)) entry.alerts.push(row.alert_id);
          if (row.last_seen_at > entry.lastSeenAt) entry.lastSeenAt = row.last_seen_at;
        }
      }
      const customers = await customerIds(deps.db, [...accounts.keys()]);
      const items = [...accounts.values()]
        .map((item) => ({ ...item, customerId: customers.get(item.account) ?? null }))
        .sort((a, b) =>
          a.reason === b.reason
            ? a.account < b.account
              ? -1
              : 1
            : a.reason === 'taken_over'
              ? -1
              : 1,
        );
      return { items, total: items.length };
    },
  };
}

export type OutputService = ReturnType<typeof createOutputService>;
