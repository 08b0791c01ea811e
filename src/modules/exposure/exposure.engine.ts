import type { Executor } from '../../db/database.js';
import type { AdvisoryStore, CandidateRow } from './exposure.advisories.store.js';
import { matchCpeCandidate, type CpeBounds, type CpeCandidate } from './exposure.cpe.match.js';
import { matchPackage, type PackageCandidate, type PackageMatch } from './exposure.match.js';
import type { OsvAffected } from './exposure.ranges.js';
import type { ComponentRow } from './exposure.types.js';

/** A finding the current data calls for: one component, one advisory, and why. */
export interface DesiredFinding {
  component: ComponentRow;
  advisoryKey: string;
  advisoryId: string;
  source: string;
  severityRating: string;
  severityScore: number | null;
  aliases: string[];
  match: PackageMatch;
}

type AdvisoryFacts = Pick<
  CandidateRow,
  'advisory_key' | 'id' | 'source' | 'severity_rating' | 'severity_score' | 'aliases'
>;

const packageOf = (ecosystem: string, name: string) => `${ecosystem}\u0000${name}`;

/**
 * Matches components against advisories by index lookups only: the packages the components
 * name are looked up in the advisory index (never a scan of all advisories), optionally
 * limited to some advisories when those are what changed.
 */
export function createMatchEngine(
  advisories: Pick<AdvisoryStore, 'candidatesFor' | 'cpeCandidatesFor'>,
) {
  const desired = (
    component: ComponentRow,
    facts: AdvisoryFacts,
    match: PackageMatch,
  ): DesiredFinding => ({
    component,
    advisoryKey: facts.advisory_key,
    advisoryId: facts.id,
    source: facts.source,
    severityRating: facts.severity_rating,
    severityScore: facts.severity_score,
    aliases: JSON.parse(facts.aliases) as string[],
    match,
  });

  async function byPackage(
    components: readonly ComponentRow[],
    only: ReadonlySet<string> | null,
    trx: Executor,
  ): Promise<DesiredFinding[]> {
    const keyed = components.filter(
      (c): c is ComponentRow & { ecosystem: string } => !!c.ecosystem,
    );
    if (keyed.length === 0) return [];
    const rows = await advisories.candidatesFor(
      keyed.map((c) => ({ ecosystem: c.ecosystem, name: c.name })),
      trx,
    );
    const byPackageKey = new Map<string, { facts: AdvisoryFacts; candidate: PackageCandidate }[]>();
    for (const row of rows) {
      if (only && !only.has(row.advisory_key)) continue;
      const key = packageOf(row.ecosystem, row.name);
      const list = byPackageKey.get(key) ?? [];
      list.push({
        facts: row,
        candidate: {
          advisoryKey: row.advisory_key,
          affected: JSON.parse(row.affected) as OsvAffected,
        },
      });
      byPackageKey.set(key, list);
    }
    const found: DesiredFinding[] = [];
    for (const component of keyed) {
      const entries = byPackageKey.get(packageOf(component.ecosystem, component.name));
      if (!entries) continue;
      const matches = matchPackage(
        component.ecosystem,
        component.version,
        entries.map((entry) => entry.candidate),
      );
      // One advisory may list a package twice (two `affected` entries); one finding is enough.
      const seen = new Set<string>();
      for (const match of matches) {
        if (seen.has(match.advisoryKey)) continue;
        seen.add(match.advisoryKey);
        const facts = entries.find((entry) => entry.facts.advisory_key === match.advisoryKey)!;
        found.push(desired(component, facts.facts, match));
      }
    }
    return found;
  }

  async function byCpe(
    components: readonly ComponentRow[],
    only: ReadonlySet<string> | null,
    trx: Executor,
  ): Promise<DesiredFinding[]> {
    const described = components.filter((c) => c.cpe && c.cpe_vendor && c.cpe_product);
    if (described.length === 0) return [];
    const rows = await advisories.cpeCandidatesFor(
      described.map((c) => ({ vendor: c.cpe_vendor!, product: c.cpe_product! })),
      trx,
    );
    const found: DesiredFinding[] = [];
    for (const component of described) {
      const seen = new Set<string>();
      for (const row of rows) {
        if (row.vendor !== component.cpe_vendor || row.product !== component.cpe_product) continue;
        if ((only && !only.has(row.advisory_key)) || seen.has(row.advisory_key)) continue;
        const candidate: CpeCandidate = {
          criteria: row.criteria,
          bounds: JSON.parse(row.bounds) as CpeBounds,
        };
        const match = matchCpeCandidate(component.cpe!, candidate);
        if (!match) continue;
        seen.add(row.advisory_key);
        found.push(desired(component, row, { advisoryKey: row.advisory_key, ...match }));
      }
    }
    return found;
  }

  return {
    async match(
      components: readonly ComponentRow[],
      trx: Executor,
      only: ReadonlySet<string> | null = null,
    ): Promise<DesiredFinding[]> {
      return [...(await byPackage(components, only, trx)), ...(await byCpe(components, only, trx))];
    },
  };
}

export type MatchEngine = ReturnType<typeof createMatchEngine>;
