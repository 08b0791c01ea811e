import type { Executor } from '../../db/database.js';
import { selectInChunks } from '../../lib/chunks.js';

/** Aggregates over open findings, per vendor: the portfolio view and the residual-risk signal. */
export function createPortfolioStore(db: Executor) {
  function perVendor(trx: Executor) {
    return trx
      .selectFrom('exposure_findings as f')
      .innerJoin('vendors as v', 'v.id', 'f.vendor_id')
      .where('f.status', '=', 'open')
      .groupBy(['f.vendor_id', 'v.legal_name'])
      .select((eb) => [
        'f.vendor_id',
        'v.legal_name as vendor_name',
        eb.fn.countAll<number>().as('open'),
        eb.fn.sum<number>('f.known_exploited').as('known_exploited'),
        eb.fn
          .sum<number>(eb.case().when('f.severity_rating', '=', 'critical').then(1).else(0).end())
          .as('critical'),
        eb.fn
          .sum<number>(eb.case().when('f.severity_rating', '=', 'high').then(1).else(0).end())
          .as('high'),
        eb.fn.min('f.first_seen_at').as('oldest'),
      ]);
  }

  return {
    async vendors(trx: Executor = db) {
      return perVendor(trx).execute();
    },

    async forVendors(vendorIds: readonly string[], trx: Executor = db) {
      return selectInChunks([...new Set(vendorIds)], (chunk) =>
        perVendor(trx).where('f.vendor_id', 'in', chunk).execute(),
      );
    },

    /** One known-exploited finding per vendor, to name in the risk factor's explanation. */
    async exampleKev(vendorIds: readonly string[], trx: Executor = db) {
      return selectInChunks([...new Set(vendorIds)], (chunk) =>
        trx
          .selectFrom('exposure_findings')
          .select(['vendor_id', 'kev_cve', 'component_name', 'component_version'])
          .where('vendor_id', 'in', chunk)
          .where('status', '=', 'open')
          .where('known_exploited', '=', 1)
          .orderBy('first_seen_at')
          .execute(),
      );
    },

    /** First-seen and resolved times of every finding alive at some point after `since`. */
    async lifetimes(since: string, trx: Executor = db) {
      return trx
        .selectFrom('exposure_findings')
        .select(['first_seen_at', 'resolved_at', 'known_exploited'])
        .where((eb) => eb.or([eb('resolved_at', 'is', null), eb('resolved_at', '>=', since)]))
        .execute();
    },
  };
}
