import type { ScopeSnapshot } from '../../contracts/incidents.js';

export type ScopeCounts = Pick<
  ScopeSnapshot,
  'customers' | 'unknownCustomers' | 'byCategory' | 'byJurisdiction' | 'groups'
>;
type Place = { country: string | null; region: string | null };

/**
 * Adds the customers whose accounts were taken over (named by the incident's alerts) to what
 * its vendors received. The set becomes the union: the vendors' refs in their order, then the
 * other victims sorted, so no list of a million is copied or sorted. Each victim the vendors
 * did not reach counts once more by jurisdiction, and every victim is listed in a group of its
 * own kind (`account_takeover`: the attacker held the password and saw the account), so the
 * notification rules can tell it from data that travelled to a vendor.
 */
export function withTakeovers(
  vendor: ScopeCounts,
  vendorRefs: readonly string[],
  victims: readonly string[],
  placeOf: ReadonlyMap<string, Place>,
): { counts: ScopeCounts; refs: readonly string[] } {
  // The victims are a few thousand, the vendors' refs up to millions: index the victims.
  const unreached = new Set(victims);
  for (const ref of vendorRefs) unreached.delete(ref);
  const added = [...unreached].sort();
  const byJurisdiction = new Map(
    vendor.byJurisdiction.map((j) => [`${j.country ?? ''}/${j.region ?? ''}`, { ...j }]),
  );
  let unknown = vendor.unknownCustomers;
  for (const ref of added) {
    const place = placeOf.get(ref);
    if (!place) {
      unknown++;
      continue;
    }
    const key = `${place.country ?? ''}/${place.region ?? ''}`;
    const entry = byJurisdiction.get(key) ?? { ...place, customers: 0 };
    entry.customers++;
    byJurisdiction.set(key, entry);
  }
  const takeoverGroups = new Map<string, ScopeCounts['groups'][number]>();
  for (const ref of new Set(victims)) {
    const place = placeOf.get(ref) ?? { country: null, region: null };
    const key = `${place.country ?? ''}/${place.region ?? ''}/${placeOf.has(ref)}`;
    const group = takeoverGroups.get(key) ?? {
      ...place,
      known: placeOf.has(ref),
      categories: [],
      via: 'account_takeover' as const,
      customers: 0,
    };
    group.customers++;
    takeoverGroups.set(key, group);
  }
  return {
    counts: {
      customers: vendorRefs.length + added.length,
      unknownCustomers: unknown,
      byCategory: vendor.byCategory,
      byJurisdiction: [...byJurisdiction.values()].sort((a, b) => b.customers - a.customers),
      groups: [...vendor.groups, ...takeoverGroups.values()],
    },
    refs: added.length === 0 ? vendorRefs : [...vendorRefs, ...added],
  };
}
