import { PackageURL } from 'packageurl-js';
import { cpeProblem, parseCpe, unescapeCpeValue } from './exposure.cpe.js';
import { purlProblem } from './exposure.sbom.js';

/** A product named in free text, by a CPE 2.3 name or a package URL. */
export interface NamedProduct {
  name: string;
  version: string;
  cpe: string | null;
  purl: string | null;
}

const CPE_PATTERN = /cpe:2\.3:[^\s,;"'()<>]+/g;
const PURL_PATTERN = /pkg:[a-z][a-z0-9.+-]*\/[^\s,;"'()<>]+/gi;

/**
 * The products a text names, for questionnaire answers such as "We run Keycloak
 * (cpe:2.3:a:redhat:keycloak:10.0.2:*:*:*:*:*:*:*)". Only identifiers that parse and carry a
 * version count: a name without a version cannot be matched, and guessing one would invent
 * findings. Prose is never read as a product name.
 */
export function productsNamedIn(text: string): NamedProduct[] {
  const found = new Map<string, NamedProduct>();
  for (const [matched] of text.matchAll(CPE_PATTERN)) {
    const cpe = withoutTrailingPunctuation(matched);
    const parsed = cpeProblem(cpe) === null ? parseCpe(cpe) : null;
    const version = parsed ? unescapeCpeValue(parsed.version) : '';
    if (!parsed || !/\d/.test(version)) continue;
    const name = `${unescapeCpeValue(parsed.vendor)} ${unescapeCpeValue(parsed.product)}`;
    found.set(cpe, { name, version, cpe, purl: null });
  }
  for (const [matched] of text.matchAll(PURL_PATTERN)) {
    const purl = withoutTrailingPunctuation(matched);
    if (purlProblem(purl) !== null) continue;
    const parsed = PackageURL.fromString(purl);
    if (!parsed.version) continue;
    const name = parsed.namespace ? `${parsed.namespace}/${parsed.name}` : parsed.name;
    found.set(purl, { name, version: parsed.version, cpe: null, purl });
  }
  return [...found.values()];
}

/** Sentence punctuation after an identifier ("… pkg:npm/lodash@4.17.20.") is not part of it. */
function withoutTrailingPunctuation(identifier: string): string {
  return identifier.replace(/[.,;:!?]+$/, '');
}
