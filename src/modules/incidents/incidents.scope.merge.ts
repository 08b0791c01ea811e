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
 * did not reach counts once more by jurisdiction.
 *
 * The groups stay disjoint, so the notification rules can add them up: every victim moves to a
 * group of its own kind (`account_takeover`: the attacker held the password and saw the
 * account) that still lists what the vendors received of theirs (`reached`).
 */
export function withTakeovers(
  vendor: ScopeCounts,
  vendorRefs: readonly string[],
  victims: readonly string[],
  placeOf: ReadonlyMap<string, Place>,
  reached: ReadonlyMap<string, readonly string[]>,
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
  const groupKey = (place: Place, known: boolean, categories: readonly string[]) =>
    `${place.country ?? ''}/${place.region ?? ''}/${known}/${categories.join(',')}`;
  const vendorGroups = new Map(
    vendor.groups.map((group) => [groupKey(group, group.known, group.categories), { ...group }]),
  );
  const takeoverGroups = new Map<string, ScopeCounts['groups'][number]>();
  for (const ref of new Set(victims)) {
    const place = placeOf.get(ref) ?? { country: null, region: null };
    const known = placeOf.has(ref);
    const categories = reached.get(ref) ?? [];
    const key = groupKey(place, known, categories);
    const fromVendor = reached.has(ref) ? vendorGroups.get(key) : undefined;
    if (fromVendor) fromVendor.customers--;
    const group = takeoverGroups.get(key) ?? {
      ...place,
      known,
      categories: [...categories],
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
      groups: [
        ...[...vendorGroups.values()].filter((group) => group.customers > 0),
        ...takeoverGroups.values(),
      ],
    },
    refs: added.length === 0 ? vendorRefs : [...vendorRefs, ...added],
  };
}
