import { randomUUID } from 'node:crypto';
import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { ExposureFindingsTable } from '../../db/schema.exposure.js';
import type { AdvisoryStore, KevRow } from './exposure.advisories.store.js';
import type { DesiredFinding } from './exposure.engine.js';
import type { FindingStore } from './exposure.findings.store.js';
import { type FindingRow } from './exposure.types.js';
import { groupBy } from '../../lib/chunks.js';
import type { createVexStore } from './exposure.vex.store.js';
import { vexVerdict } from './exposure.vex.match.js';

/** What happens to a finding in the universe that the data no longer calls for. */
export interface GoneRule {
  status: 'fixed' | 'not_affected';
  reason: string;
}

export interface ReconcileResult {
  /** Findings that are open and are new, reopened or newly known-exploited: alert candidates. */
  raised: FindingRow[];
  opened: number;
  closed: number;
}

const identity = (row: {
  scope_key: string;
  origin: string;
  component_key: string;
  advisory_key: string;
}) => [row.scope_key, row.origin, row.component_key, row.advisory_key].join('\u0000');

/**
 * Brings stored findings in line with what the matcher found, within a universe (one scope's
 * findings, or one batch of advisories' findings). Human decisions stand: a risk acceptance
 * or a "not affected" set by a person or a VEX statement survives a re-match; only findings
 * the system itself closed are reopened when the match comes back.
 */
export function createReconciler(deps: {
  findings: FindingStore;
  advisories: Pick<AdvisoryStore, 'kevFor'>;
  vex: ReturnType<typeof createVexStore>;
}) {
  const { findings } = deps;

  function kevOf(desired: DesiredFinding, kev: Map<string, KevRow>): KevRow | null {
    for (const alias of [desired.advisoryId, ...desired.aliases]) {
      const entry = kev.get(alias);
      if (entry) return entry;
    }
    return null;
  }

  function facts(desired: DesiredFinding, kev: KevRow | null, now: string) {
    const { component, match } = desired;
    return {
      component_id: component.id,
      component_version: component.version,
      purl: component.purl,
      advisory_id: desired.advisoryId,
      severity_rating: desired.severityRating,
      severity_score: desired.severityScore,
      known_exploited: kev ? 1 : 0,
      kev_cve: kev?.cve_id ?? null,
      fixed_version: match.fixedVersion,
      version_comparable: match.comparable ? 1 : 0,
      match_source: desired.source,
      match_range: match.range,
      match_rule: match.rule,
      last_seen_at: now,
      updated_at: now,
    };
  }

  return {
    async apply(
      universe: readonly FindingRow[],
      desired: readonly DesiredFinding[],
      gone: GoneRule,
      now: string,
      trx: Executor,
    ): Promise<ReconcileResult> {
      const existing = new Map(universe.map((row) => [identity(row), row]));
      const kev = await deps.advisories.kevFor(
        desired.flatMap((d) => [d.advisoryId, ...d.aliases]),
        trx,
      );
      const statements = groupBy(
        await deps.vex.forVendors(
          desired.map((d) => d.component.vendor_id),
          trx,
        ),
        (statement) => statement.vendor_id,
      );
      const raised: FindingRow[] = [];
      const inserts: Insertable<ExposureFindingsTable>[] = [];
      const untouched: string[] = [];
      const wanted = new Set<string>();
      let opened = 0;
      for (const item of desired) {
        const { component } = item;
        const key = identity({ ...component, advisory_key: item.advisoryKey });
        if (wanted.has(key)) continue;
        wanted.add(key);
        const entry = kevOf(item, kev);
        const next = facts(item, entry, now);
        const verdict = vexVerdict(statements.get(component.vendor_id) ?? [], {
          advisoryId: item.advisoryId,
          aliases: item.aliases,
          purl: component.purl,
        });
        const before = existing.get(key);
        if (!before) {
          const row = {
            id: randomUUID(),
            vendor_id: component.vendor_id,
            integration_id: component.integration_id,
            scope_key: component.scope_key,
            origin: component.origin,
            component_key: component.component_key,
            ecosystem: component.ecosystem,
            component_name: component.name,
            advisory_key: item.advisoryKey,
            ...next,
            status: verdict?.status ?? 'open',
            status_reason: verdict?.reason ?? null,
            status_by: verdict ? 'vex' : null,
            accepted_until: null,
            first_seen_at: now,
            resolved_at: verdict ? now : null,
          };
          inserts.push(row);
          if (row.status === 'open') {
            raised.push(row);
            opened += 1;
          }
          continue;
        }
        const changes: Updateable<ExposureFindingsTable> = {
          ...next,
          ...statusChange(before, verdict, now),
        };
        const reopened = before.status !== 'open' && changes.status === 'open';
        if (changes.status === undefined && sameFacts(before, next)) {
          untouched.push(before.id);
          continue;
        }
        await findings.update(before.id, changes, trx);
        const after: FindingRow = { ...before, ...changes };
        if (after.status === 'open' && (reopened || (entry && before.known_exploited === 0))) {
          raised.push(after);
          if (reopened) opened += 1;
        }
      }
      await findings.insert(inserts, trx);
      await findings.touch(untouched, now, trx);
      let closed = 0;
      for (const row of universe) {
        if (wanted.has(identity(row))) continue;
        if (row.status !== 'open' && row.status !== 'risk_accepted') continue;
        await findings.update(
          row.id,
          {
            status: gone.status,
            status_reason: gone.reason,
            status_by: 'system',
            accepted_until: null,
            resolved_at: now,
            updated_at: now,
          },
          trx,
        );
        closed += 1;
      }
      return { raised, opened, closed };
    },
  };
}

/**
 * What the data now says about a finding's status, when it may speak. The system and VEX own
 * the statuses they set and recompute them on every match: gone-then-back reopens, a later VEX
 * statement replaces an earlier one. A person's decision (risk accepted, not affected) stands.
 */
function statusChange(
  before: FindingRow,
  verdict: { status: string; reason: string } | null,
  now: string,
): Updateable<ExposureFindingsTable> {
  const machineOwned =
    before.status === 'open' || before.status_by === 'system' || before.status_by === 'vex';
  if (!machineOwned) return {};
  if (verdict) {
    if (before.status === verdict.status && before.status_reason === verdict.reason) return {};
    return {
      status: verdict.status,
      status_reason: verdict.reason,
      status_by: 'vex',
      resolved_at: now,
    };
  }
  if (before.status === 'open') return {};
  return { status: 'open', status_reason: null, status_by: null, resolved_at: null };
}

const FACT_FIELDS = [
  'component_id',
  'component_version',
  'severity_rating',
  'severity_score',
  'known_exploited',
  'kev_cve',
  'fixed_version',
  'version_comparable',
  'match_source',
  'match_range',
  'match_rule',
] as const;

function sameFacts(before: FindingRow, next: Pick<FindingRow, (typeof FACT_FIELDS)[number]>) {
  return FACT_FIELDS.every((field) => before[field] === next[field]);
}

export type Reconciler = ReturnType<typeof createReconciler>;
