/**
 * CPE 2.3 names: the formatted-string binding of NISTIR 7695 (§6.2) and the name matching of
 * NISTIR 7696. CPEs come from SBOMs (a vendor's declaration) and from advisories (NVD criteria);
 * both are outside input, so parsing never throws and matching refuses the loose comparisons
 * that make CPE matching notorious for false positives.
 *
 * Each attribute keeps its value exactly as bound in the formatted string: `*` is ANY, `-` is
 * NA, anything else is the (backslash-escaped) value, possibly with wild cards at its ends.
 * Keeping the bound form makes ANY, NA, a literal `\*` and a wild card unambiguous without a
 * second representation, and `formatCpe(parseCpe(text))` gives `text` back.
 */

export type CpePart = 'a' | 'o' | 'h' | '*';

export interface Cpe {
  part: CpePart;
  vendor: string;
  product: string;
  version: string;
  update: string;
  edition: string;
  language: string;
  swEdition: string;
  targetSw: string;
  targetHw: string;
  other: string;
}

export interface CpeMatch {
  matches: boolean;
  /** Why, for a human reading a finding: the first attribute that decided it. */
  reason: string;
}

const PREFIX = 'cpe:2.3:';
const ANY = '*';
const NA = '-';

/** The ten attributes after `part`, in binding order, with the names NISTIR 7695 gives them. */
const ATTRIBUTES = [
  ['vendor', 'vendor'],
  ['product', 'product'],
  ['version', 'version'],
  ['update', 'update'],
  ['edition', 'edition'],
  ['language', 'language'],
  ['swEdition', 'sw_edition'],
  ['targetSw', 'target_sw'],
  ['targetHw', 'target_hw'],
  ['other', 'other'],
] as const;

/*
 * The value grammar of cpe-naming_2.3.xsd: an optional leading run of `?` or a single `*`, one
 * or more unreserved (alphanumeric, `-`, `.`, `_`) or quoted characters, an optional trailing
 * run of `?` or a single `*`. The xsd quotes only the punctuation that needs it; needless quoting
 * of `-`, `.` and `_` is also accepted here because NISTIR 7695's unbinding reads it the same way
 * and some generators emit it. Language is an RFC 5646 tag as the xsd restricts it.
 */
const VALUE = /^(?:[*-]|(?:\?*|\*)(?:[A-Za-z0-9._-]|\\[!-/:-@[-`{-~])+(?:\?*|\*))$/;
const LANGUAGE = /^(?:[*-]|[A-Za-z]{2,3}(?:-(?:[A-Za-z]{2}|[0-9]{3}))?)$/;
/* The xsd allows NA as the part, but a name whose part is "not applicable" names no product. */
const PART = /^[aoh*]$/;

/** Splits on the colons that are not escaped; a backslash always takes the next character. */
function splitUnescaped(text: string): string[] {
  const fields: string[] = [];
  let current = '';
  for (let index = 0; index < text.length; index++) {
    const character = text[index]!;
    if (character === '\\') {
      current += text.slice(index, index + 2);
      index++;
    } else if (character === ':') {
      fields.push(current);
      current = '';
    } else {
      current += character;
    }
  }
  fields.push(current);
  return fields;
}

/** Parses a CPE 2.3 formatted string; null when it is not well-formed. Never throws. */
export function parseCpe(text: string): Cpe | null {
  if (typeof text !== 'string' || !text.startsWith(PREFIX)) return null;
  const [part, ...values] = splitUnescaped(text.slice(PREFIX.length));
  if (part === undefined || !PART.test(part) || values.length !== ATTRIBUTES.length) return null;
  const cpe: Partial<Cpe> = { part: part as CpePart };
  for (const [position, [key]] of ATTRIBUTES.entries()) {
    const value = values[position]!;
    if (!(key === 'language' ? LANGUAGE : VALUE).test(value)) return null;
    cpe[key] = value;
  }
  return cpe as Cpe;
}

/** Why a CPE is unusable, for a validation message; null when it is well-formed. */
export function cpeProblem(text: string): string | null {
  if (parseCpe(text) !== null) return null;
  const shown = `'${text.length > 120 ? `${text.slice(0, 120)}…` : text}'`;
  return text.startsWith('cpe:/')
    ? `${shown} is a CPE 2.2 URI; give the CPE 2.3 formatted string (cpe:2.3:…)`
    : `${shown} is not a well-formed CPE 2.3 formatted string (cpe:2.3: and 11 values)`;
}

/** Binds a CPE to its formatted string. Values are taken as already bound (see the file header). */
export function formatCpe(cpe: Cpe): string {
  return PREFIX + [cpe.part, ...ATTRIBUTES.map(([key]) => cpe[key])].join(':');
}

/** The text of a bound value with its escapes removed, e.g. for showing a vendor's name. */
export function unescapeCpeValue(value: string): string {
  return value.replace(/\\(.)/gs, '$1');
}

type Token = { literal: string } | { wild: '*' | '?' };

function tokenize(value: string): Token[] {
  const tokens: Token[] = [];
  for (let index = 0; index < value.length; index++) {
    const character = value[index]!;
    if (character === '\\') tokens.push({ literal: value[++index] ?? '' });
    else if (character === '*' || character === '?') tokens.push({ wild: character });
    else tokens.push({ literal: character });
  }
  return tokens;
}

function hasWildcards(value: string): boolean {
  return value !== ANY && tokenize(value).some((token) => 'wild' in token);
}

/**
 * Whether a pattern with wild cards covers a concrete value, case-insensitively. As in
 * NISTIR 7696's compare_strings, `*` stands for any run of characters and a run of n `?` for at
 * most n characters (the reference algorithm bounds the run; it does not demand exactly n).
 */
function wildcardCovers(pattern: string, value: string): boolean {
  const source = tokenize(pattern.toLowerCase()).map((token) =>
    'wild' in token
      ? token.wild === '*'
        ? '.*'
        : '.?'
      : token.literal.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'),
  );
  return new RegExp(`^${source.join('')}$`, 's').test(unescapeCpeValue(value).toLowerCase());
}

type Relation = 'EQUAL' | 'SUPERSET' | 'SUBSET' | 'DISJOINT' | 'UNDEFINED';

/**
 * The relation of a source (criteria) attribute to a target attribute, NISTIR 7696 Table 6-2:
 *
 * | source \ target   | ANY    | NA       | k (plain value)                       | wild cards |
 * |-------------------|--------|----------|---------------------------------------|------------|
 * | ANY               | EQUAL  | SUPERSET | SUPERSET                              | UNDEFINED  |
 * | NA                | SUBSET | EQUAL    | DISJOINT                              | UNDEFINED  |
 * | i (plain value)   | SUBSET | DISJOINT | EQUAL if i = k, else DISJOINT         | UNDEFINED  |
 * | m with wild cards | SUBSET | DISJOINT | SUPERSET if m covers k, else DISJOINT | UNDEFINED  |
 *
 * A target counts as matched only where every attribute is EQUAL or SUPERSET (NISTIR 7696 §6.2:
 * the source is a superset of, or equal to, the target). SUBSET means the target is the broader
 * name, e.g. criteria `sp1` against a target that left update as ANY: that is not a match.
 */
function compareAttribute(source: string, target: string): Relation {
  if (hasWildcards(target)) return 'UNDEFINED';
  if (target === ANY) return source === ANY ? 'EQUAL' : 'SUBSET';
  if (source === ANY) return 'SUPERSET';
  if (source === NA || target === NA) return source === target ? 'EQUAL' : 'DISJOINT';
  if (hasWildcards(source)) return wildcardCovers(source, target) ? 'SUPERSET' : 'DISJOINT';
  const same = unescapeCpeValue(source).toLowerCase() === unescapeCpeValue(target).toLowerCase();
  return same ? 'EQUAL' : 'DISJOINT';
}

function explain(name: string, relation: Relation, source: string, target: string): string {
  const targetText = `the target's '${target}'`;
  if (relation === 'UNDEFINED') {
    return `${name}: ${targetText} has wild cards; a declared product must be concrete`;
  }
  if (relation === 'SUBSET') {
    return `${name}: ${targetText} is broader than the criteria's '${source}' (a subset, not a match)`;
  }
  return `${name}: the criteria's '${source}' does not cover ${targetText}`;
}

/**
 * Vendor and product must name one product on both sides. A criteria of `cpe:2.3:a:*:*:...` or a
 * declared `cpe:2.3:a:acme:*:...` would otherwise "match" whole catalogues, which is how
 * unrelated products end up flagged.
 */
function concreteNameProblem(name: string, source: string, target: string): string | null {
  const vague = (value: string) => value === ANY || value === NA || hasWildcards(value);
  if (vague(source)) return `${name}: the criteria's '${source}' does not name one ${name}`;
  if (vague(target)) return `${name}: the target's '${target}' does not name one ${name}`;
  return null;
}

/**
 * Does `target` (a product someone declared, concrete values) fall under `criteria` (an
 * advisory's CPE, may have wildcards)? Version ranges (NVD's versionStartIncluding and the like)
 * are the caller's to compare; a criteria version of ANY matches every target version here.
 */
export function cpeMatches(criteria: Cpe, target: Cpe): CpeMatch {
  for (const [key, name] of [
    ['vendor', 'vendor'],
    ['product', 'product'],
  ] as const) {
    const problem = concreteNameProblem(name, criteria[key], target[key]);
    if (problem) return { matches: false, reason: problem };
  }
  const pairs: (readonly [string, string, string])[] = [
    ['part', criteria.part, target.part],
    ...ATTRIBUTES.map(([key, name]) => [name, criteria[key], target[key]] as const),
  ];
  for (const [name, criteriaValue, targetValue] of pairs) {
    const relation = compareAttribute(criteriaValue, targetValue);
    if (relation !== 'EQUAL' && relation !== 'SUPERSET') {
      return { matches: false, reason: explain(name, relation, criteriaValue, targetValue) };
    }
  }
  return {
    matches: true,
    reason: 'every attribute of the target equals or falls under the criteria',
  };
}
