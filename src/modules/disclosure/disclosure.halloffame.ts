import type { z } from 'zod';
import type { hallOfFameEntry } from '../../contracts/advisories.js';
import type { ReportStore } from './disclosure.reports.store.js';

/**
 * Reports of a real flaw that has been disclosed: one that is open, or fixed but still under
 * embargo, is not hinted at in public. A duplicate's credit stays with its original.
 */
const CREDITED_STATES = new Set(['disclosed']);

/** Public: researchers who opted in to credit, by name, with their valid reports. */
export function createHallOfFame(deps: {
  store: ReportStore;
  /** The published advisory of a report, if any. */
  advisoryOf: (reportId: string) => Promise<string | null>;
}) {
  return async () => {
    const entries = new Map<string, z.infer<typeof hallOfFameEntry>>();
    const rows = (await deps.store.list({})).filter(
      (row) => CREDITED_STATES.has(row.status) && row.credit_opt_in === 1 && row.credit_name,
    );
    for (const row of rows.reverse()) {
      const name = row.credit_name!;
      const entry = entries.get(name) ?? {
        name,
        reports: 0,
        advisories: [],
        firstAt: row.received_at,
      };
      entry.reports += 1;
      const advisory = await deps.advisoryOf(row.id);
      if (advisory) entry.advisories.push(advisory);
      entries.set(name, entry);
    }
    return [...entries.values()].sort(
      (a, b) => b.reports - a.reports || a.firstAt.localeCompare(b.firstAt),
    );
  };
}
