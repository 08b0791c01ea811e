import type { Executor } from '../../db/database.js';
import type { AdvisoryFacts, AdvisoryStore } from './exposure.advisories.store.js';
import { matchCpeCandidate, type CpeBounds } from './exposure.cpe.match.js';
import { matchPackage, type PackageCandidate, type PackageMatch } from './exposure.match.js';
import type { OsvAffected } from './exposure.ranges.js';
import { type ComponentRow } from './exposure.types.js';
import { groupBy } from '../../lib/chunks.js';

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

type Hit = { component: ComponentRow; match: PackageMatch };

const packageOf = (ecosystem: string, name: string) => `${ecosystem}\u0000${name}`;

/**
 * Matches components against advisories by index lookups only: the packages the components
 * name are looked up in the advisory index (never a scan of all advisories), optionally
 * limited to some advisories when those are what changed. The advisories' own facts are read
 * afterwards, for the few that matched.
 */
export function createMatchEngine(
  advisories: Pick<AdvisoryStore, 'candidatesFor' | 'cpeCandidatesFor' | 'factsFor'>,
) {
  async function byPackage(
    components: readonly ComponentRow[],
    only: ReadonlySet<string> | null,
    trx: Executor,
  ): Promise<Hit[]> {
    const keyed = components.filter(
      (c): c is ComponentRow & { ecosystem: string } => !!c.ecosystem,
    );
    if (keyed.length === 0) return [];
    const rows = await advisories.candidatesFor(
      keyed.map((c) => ({ ecosystem: c.ecosystem, name: c.name })),
      trx,
    );
    const candidates = groupBy(
      rows.filter((row) => !only || only.has(row.advisory_key)),
      (row) => packageOf(row.ecosystem, row.name),
    );
    const parsed = new Map<string, PackageCandidate[]>();
    const hits: Hit[] = [];
    for (const component of keyed) {
      const key = packageOf(component.ecosystem, component.name);
      const entries = candidates.get(key);
      if (!entries) continue;
      // Parsed once per package, however many versions of it the components hold.
      let list = parsed.get(key);
      if (!list) {
        list = entries.map((row) => ({
          advisoryKey: row.advisory_key,
          affected: JSON.parse(row.affected) as OsvAffected,
        }));
        parsed.set(key, list);
      }
      // One advisory may list a package twice (two `affected` entries); one finding is enough.
      const seen = new Set<string>();
      for (const match of matchPackage(component.ecosystem, component.version, list)) {
        if (seen.has(match.advisoryKey)) continue;
        seen.add(match.advisoryKey);
        hits.push({ component, match });
      }
    }
    return hits;
  }

  async function byCpe(
    components: readonly ComponentRow[],
    only: ReadonlySet<string> | null,
    trx: Executor,
  ): Promise<Hit[]> {
    const described = components.filter((c) => c.cpe && c.cpe_vendor && c.cpe_product);
    if (described.length === 0) return [];
    const rows = await advisories.cpeCandidatesFor(
      described.map((c) => ({ vendor: c.cpe_vendor!, product: c.cpe_product! })),
      trx,
    );
    const hits: Hit[] = [];
    for (const component of described) {
      const seen = new Set<string>();
      for (const row of rows) {
        if (row.vendor !== component.cpe_vendor || row.product !== component.cpe_product) continue;
        if ((only && !only.has(row.advisory_key)) || seen.has(row.advisory_key)) continue;
        const bounds = JSON.parse(row.bounds) as CpeBounds;
        const match = matchCpeCandidate(component.cpe!, { criteria: row.criteria, bounds });
        if (!match) continue;
        seen.add(row.advisory_key);
        hits.push({ component, match: { advisoryKey: row.advisory_key, ...match } });
      }
    }
    return hits;
  }

  function desired(hit: Hit, facts: AdvisoryFacts, aliases: string[]): DesiredFinding {
    return {
      component: hit.component,
      advisoryKey: facts.advisory_key,
      advisoryId: facts.id,
      source: facts.source,
      severityRating: facts.severity_rating,
      severityScore: facts.severity_score,
      aliases,
      match: hit.match,
    };
  }

  return {
    async match(
      components: readonly ComponentRow[],
      trx: Executor,
      only: ReadonlySet<string> | null = null,
    ): Promise<DesiredFinding[]> {
      const hits = [
        ...(await byPackage(components, only, trx)),
        ...(await byCpe(components, only, trx)),
      ];
      const facts = await advisories.factsFor(
        hits.map((hit) => hit.match.advisoryKey),
        trx,
      );
      const aliases = new Map(
        [...facts].map(([key, row]) => [key, JSON.parse(row.aliases) as string[]]),
      );
      return hits.flatMap((hit) => {
        const found = facts.get(hit.match.advisoryKey);
        return found ? [desired(hit, found, aliases.get(hit.match.advisoryKey)!)] : [];
      });
    },
  };
}

export type MatchEngine = ReturnType<typeof createMatchEngine>;
