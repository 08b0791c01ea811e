/**
 * Readable names for jurisdiction codes: ISO 3166-1 countries through Intl.DisplayNames, and the
 * US states (ISO 3166-2:US suffixes) from a small table, since Intl names no subdivisions.
 */
const usStates: Record<string, string> = {
  AL: 'Alabama',
  AK: 'Alaska',
  AZ: 'Arizona',
  AR: 'Arkansas',
  CA: 'California',
  CO: 'Colorado',
  CT: 'Connecticut',
  DE: 'Delaware',
  DC: 'District of Columbia',
  FL: 'Florida',
  GA: 'Georgia',
  HI: 'Hawaii',
  ID: 'Idaho',
  IL: 'Illinois',
  IN: 'Indiana',
  IA: 'Iowa',
  KS: 'Kansas',
  KY: 'Kentucky',
  LA: 'Louisiana',
  ME: 'Maine',
  MD: 'Maryland',
  MA: 'Massachusetts',
  MI: 'Michigan',
  MN: 'Minnesota',
  MS: 'Mississippi',
  MO: 'Missouri',
  MT: 'Montana',
  NE: 'Nebraska',
  NV: 'Nevada',
  NH: 'New Hampshire',
  NJ: 'New Jersey',
  NM: 'New Mexico',
  NY: 'New York',
  NC: 'North Carolina',
  ND: 'North Dakota',
  OH: 'Ohio',
  OK: 'Oklahoma',
  OR: 'Oregon',
  PA: 'Pennsylvania',
  RI: 'Rhode Island',
  SC: 'South Carolina',
  SD: 'South Dakota',
  TN: 'Tennessee',
  TX: 'Texas',
  UT: 'Utah',
  VT: 'Vermont',
  VA: 'Virginia',
  WA: 'Washington',
  WV: 'West Virginia',
  WI: 'Wisconsin',
  WY: 'Wyoming',
  PR: 'Puerto Rico',
};

let displayNames: Intl.DisplayNames | null | undefined;

function countryDisplayNames(): Intl.DisplayNames | null {
  if (displayNames === undefined) {
    try {
      displayNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });
    } catch {
      displayNames = null;
    }
  }
  return displayNames;
}

/** `DE` → Germany; null (no country recorded) → Unknown. */
export function countryName(country: string | null): string {
  if (!country) return 'Unknown';
  try {
    return countryDisplayNames()?.of(country) ?? country;
  } catch {
    return country;
  }
}

/** `CA` in the US → California; other regions keep their code. */
export function regionName(country: string | null, region: string | null): string | null {
  if (!region) return null;
  if (country === 'US') return usStates[region] ?? region;
  return region;
}

/** `US`,`CA` → "United States – California"; `DE`,null → "Germany". */
export function jurisdictionName(country: string | null, region: string | null): string {
  const regionLabel = regionName(country, region);
  return regionLabel ? `${countryName(country)} – ${regionLabel}` : countryName(country);
}

/** The compact code, `US-CA` or `DE`, as people write it in reports. */
export function jurisdictionCode(country: string | null, region: string | null): string {
  if (!country) return '—';
  return region ? `${country}-${region}` : country;
}

export interface CountryTotal {
  country: string | null;
  name: string;
  customers: number;
}

/** Sums the per-region rows to one row per country, largest first. */
export function totalsByCountry(
  rows: readonly { country: string | null; customers: number }[],
): CountryTotal[] {
  const totals = new Map<string | null, number>();
  for (const row of rows) totals.set(row.country, (totals.get(row.country) ?? 0) + row.customers);
  return [...totals.entries()]
    .map(([country, customers]) => ({ country, name: countryName(country), customers }))
    .sort((a, b) => b.customers - a.customers || a.name.localeCompare(b.name));
}
