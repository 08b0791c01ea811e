import type { BreachRule, BreachRuleVersion } from '../../contracts/breach-rules.js';
import type { EncryptionFact } from '../../contracts/breach.js';
import type { ScopeSnapshot } from '../../contracts/incidents.js';

export type ScopeGroup = ScopeSnapshot['groups'][number];
export type Covered = Exclude<BreachRuleVersion['covered'], { sameAs: string }>;

/** What the rules need to know of a data category. */
export interface CategoryInfo {
  name: string;
  legalFlags: readonly string[];
}

/**
 * A taken-over account exposes its login: the attacker held a working email and password.
 * The built-in `login_credentials` category says so in legal flags; its flags are copied
 * here for a catalogue where an admin has removed it.
 */
const TAKEOVER_CATEGORY = 'login_credentials';
const TAKEOVER_FLAGS = ['personal_data', 'login_identifier', 'login_secret', 'us_pi_standalone'];

export interface Coverage {
  /** People whose covered data was exposed, after the safe harbour. */
  affected: number;
  byCountry: Map<string, number>;
  /** People who would be covered but for encryption the rule accepts. */
  sheltered: number;
  /** People of the jurisdiction in the scope at all, covered or not. */
  residents: number;
  /** What reached them, in words, with how many, by country: "Email address, Order history" → 12. */
  exposures: Map<string, Map<string, number>>;
}

export function residentOf(rule: BreachRule, group: ScopeGroup): boolean {
  if (rule.jurisdiction.everyone) return true;
  if (!group.known || group.country === null) return false;
  return rule.jurisdiction.residents.some(
    (place) =>
      place.country === group.country &&
      (place.region === undefined || place.region === group.region),
  );
}

/**
 * Which of the scope's people a rule covers. Each group (one place, one exact combination of
 * categories, one way of being reached) is matched whole, so the cost is the number of groups,
 * not of people: a 750,000-customer scope has a few hundred.
 */
export function coverageOf(
  rule: BreachRule,
  covered: Covered,
  safeHarbour: boolean,
  groups: readonly ScopeGroup[],
  catalogue: ReadonlyMap<string, CategoryInfo>,
  encryption: ReadonlyMap<string, EncryptionFact['state']>,
): Coverage {
  const result: Coverage = {
    affected: 0,
    byCountry: new Map(),
    sheltered: 0,
    residents: 0,
    exposures: new Map(),
  };
  for (const group of groups) {
    if (!residentOf(rule, group)) continue;
    result.residents += group.customers;
    const covers = (shelter: boolean) =>
      'always' in covered ||
      matches(covered.anyOf, elementsOf(group, catalogue, shelter ? encryption : null));
    if (!covers(false)) continue;
    if (safeHarbour && !covers(true)) {
      result.sheltered += group.customers;
      continue;
    }
    result.affected += group.customers;
    const country = group.country ?? '';
    result.byCountry.set(country, (result.byCountry.get(country) ?? 0) + group.customers);
    const words = describe(group, catalogue);
    const here = result.exposures.get(country) ?? new Map<string, number>();
    here.set(words, (here.get(words) ?? 0) + group.customers);
    result.exposures.set(country, here);
  }
  return result;
}

/** The legal flags and `category:key` elements exposed for a group's people. */
function elementsOf(
  group: ScopeGroup,
  catalogue: ReadonlyMap<string, CategoryInfo>,
  encryption: ReadonlyMap<string, EncryptionFact['state']> | null,
): Set<string> {
  const elements = new Set<string>();
  for (const key of group.categories) {
    // Encrypted data whose key stayed safe is unreadable to whoever took it.
    if (encryption?.get(key) === 'encrypted') continue;
    elements.add(`category:${key}`);
    for (const flag of catalogue.get(key)?.legalFlags ?? []) elements.add(flag);
  }
  if (group.via === 'account_takeover') {
    // The attacker typed the password: no encryption of stored copies shelters it.
    elements.add(`category:${TAKEOVER_CATEGORY}`);
    for (const flag of catalogue.get(TAKEOVER_CATEGORY)?.legalFlags ?? TAKEOVER_FLAGS)
      elements.add(flag);
  }
  return elements;
}

function matches(anyOf: readonly (readonly string[])[], elements: ReadonlySet<string>): boolean {
  return anyOf.some((combination) => combination.every((element) => elements.has(element)));
}

function describe(group: ScopeGroup, catalogue: ReadonlyMap<string, CategoryInfo>): string {
  const names = group.categories.map((key) => catalogue.get(key)?.name ?? key);
  if (group.via === 'account_takeover')
    return ['login credentials (account taken over)', ...names].join(', ');
  return names.join(', ');
}
