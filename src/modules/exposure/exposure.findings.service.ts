import type {
  Finding,
  FindingDetail,
  FindingQuery,
  FindingStatusInput,
  SeverityRating,
} from '../../contracts/exposure.js';
import { Conflict, NotFound, ValidationError } from '../../lib/errors.js';
import { authorize, type CallContext, type Principal } from '../../lib/principal.js';
import { advisoryView } from './exposure.advisories.records.js';
import type { AdvisoryStore } from './exposure.advisories.store.js';
import type { ExposureDeps } from './exposure.deps.js';
import type { FindingStore, ListedFindingRow } from './exposure.findings.store.js';
import { ACCESS } from './exposure.types.js';

export const DAY_MS = 86_400_000;

/** Who a status or acknowledgement is recorded as: a person's email, or the job's name. */
export function actorName(principal: Principal): string {
  return principal.kind === 'system' ? principal.name : principal.email;
}

export function ageInDays(firstSeenAt: string, until: string): number {
  return Math.max(0, Math.floor((Date.parse(until) - Date.parse(firstSeenAt)) / DAY_MS));
}

function toFinding(row: ListedFindingRow, now: string): Finding {
  return {
    id: row.id,
    vendorId: row.vendor_id,
    vendorName: row.vendor_name,
    integrationId: row.integration_id,
    componentId: row.component_id,
    origin: row.origin as Finding['origin'],
    ecosystem: row.ecosystem,
    componentName: row.component_name,
    componentVersion: row.component_version,
    purl: row.purl,
    advisoryId: row.advisory_id,
    summary: row.summary,
    severity: row.severity_rating as SeverityRating,
    score: row.severity_score,
    knownExploited: row.known_exploited === 1,
    kev:
      row.kev_cve && row.kev_date_added
        ? {
            cveId: row.kev_cve,
            dateAdded: row.kev_date_added,
            dueDate: row.kev_due_date,
            ransomware: row.kev_ransomware === 'Known',
          }
        : null,
    fixedVersion: row.fixed_version,
    versionComparable: row.version_comparable === 1,
    match: { source: row.match_source, range: row.match_range, rule: row.match_rule },
    status: row.status as Finding['status'],
    statusReason: row.status_reason,
    statusBy: row.status_by,
    acceptedUntil: row.accepted_until,
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
    resolvedAt: row.resolved_at,
    ageDays: ageInDays(row.first_seen_at, row.resolved_at ?? now),
  };
}

/** Findings: lists, the detail page with the advisory and why it matched, and triage. */
export function createFindingService(
  deps: Pick<ExposureDeps, 'db' | 'clock' | 'audit'> & {
    findings: FindingStore;
    advisories: Pick<AdvisoryStore, 'find'>;
  },
) {
  const { clock, audit, findings } = deps;

  async function requireFinding(findingId: string) {
    const row = await findings.get(findingId);
    if (!row) throw new NotFound('Finding', findingId);
    return row;
  }

  return {
    async list(ctx: CallContext, query: FindingQuery) {
      authorize(ctx, ACCESS.read);
      const now = clock.now().toISOString();
      const page = await findings.list(query);
      return { items: page.items.map((row) => toFinding(row, now)), total: page.total };
    },

    async get(ctx: CallContext, findingId: string): Promise<FindingDetail> {
      authorize(ctx, ACCESS.read);
      const row = await requireFinding(findingId);
      const advisory = await deps.advisories.find(row.advisory_key);
      if (!advisory) throw new NotFound('Finding', findingId);
      return { ...toFinding(row, clock.now().toISOString()), advisory: advisoryView(advisory) };
    },

    /**
     * Triage by a person: reopen, "not affected" with a reason, or a risk acceptance that
     * expires (the daily job reopens it). Fixed is never set by hand: only a newer SBOM
     * without the component says so.
     */
    async setStatus(ctx: CallContext, findingId: string, input: FindingStatusInput) {
      const principal = authorize(ctx, ACCESS.write);
      const before = await requireFinding(findingId);
      const now = clock.now().toISOString();
      if (before.status === 'fixed')
        throw new Conflict(
          `Finding ${findingId} is fixed: the component is gone from the vendor's latest SBOM`,
        );
      if (input.acceptedUntil !== null && input.acceptedUntil < now.slice(0, 10))
        throw ValidationError.forField('body.acceptedUntil', 'must be today or later');
      const by = actorName(principal);
      await deps.db.kysely.transaction().execute(async (trx) => {
        await findings.update(
          findingId,
          {
            status: input.status,
            status_reason: input.reason,
            status_by: by,
            accepted_until: input.status === 'risk_accepted' ? input.acceptedUntil : null,
            resolved_at: input.status === 'not_affected' ? now : null,
            updated_at: now,
          },
          trx,
        );
        await audit.record(
          ctx,
          {
            action: 'exposure.finding.status',
            objectType: 'exposure_finding',
            objectId: findingId,
            details: { from: before.status, to: input.status, acceptedUntil: input.acceptedUntil },
          },
          trx,
        );
      });
      return toFinding(await requireFinding(findingId), now);
    },
  };
}

export type FindingService = ReturnType<typeof createFindingService>;
