import { randomUUID } from 'node:crypto';
import type { AdvisoryInput } from '../../contracts/advisories.js';
import type { ReportState } from '../../contracts/disclosure.js';
import { cvssOf } from './disclosure.cvss.js';
import { Forbidden } from '../../lib/errors.js';
import type { CallContext } from '../../lib/principal.js';
import type { DisclosureDeps } from './disclosure.deps.js';
import { createAdvisoryStore } from './disclosure.advisories.store.js';
import type { ReportStore } from './disclosure.reports.store.js';
import { sealContact } from './disclosure.reports.views.js';
import type { Thread } from './disclosure.thread.js';

/** A finished report from before Cordon (another programme, or the demo), with its dates. */
export interface PastReport {
  title: string;
  description: string;
  asset: string;
  contact: { name: string | null; email: string | null } | null;
  credit: { name: string; optIn: boolean } | null;
  cvss: string;
  cwe: { id: string; name: string };
  affectedVersions: string[];
  receivedAt: string;
  /** The team's first answer, and when. */
  firstResponse: { at: string; body: string };
  triagedAt: string;
  fixedAt: string;
  advisory: (AdvisoryInput & { id: string; publishedAt: string }) | null;
}

/**
 * Imports past reports with the instants they happened at, which the live services never
 * allow (they stamp "now"): so for system callers only (the CLI, the demo). Idempotent by
 * title: an imported report is never imported twice.
 */
export function createHistoryImport(
  deps: Pick<DisclosureDeps, 'db' | 'audit' | 'secretBox'> & { store: ReportStore; thread: Thread },
) {
  const advisories = createAdvisoryStore(deps.db.kysely);
  return async (ctx: CallContext, past: PastReport): Promise<boolean> => {
    if (ctx.principal?.kind !== 'system') throw new Forbidden('Only the system imports history');
    if ((await deps.store.list({})).some((row) => row.title === past.title)) return false;
    const scored = cvssOf(past.cvss, 'cvss');
    const severity = scored?.severity ?? null;
    const status: ReportState = past.advisory ? 'disclosed' : 'fixed';
    const closedAt = past.advisory?.publishedAt ?? null;
    const id = randomUUID();
    await deps.db.kysely.transaction().execute(async (trx) => {
      await deps.store.insert(
        {
          id,
          title: past.title,
          description: past.description,
          steps: '',
          asset: past.asset,
          suggested_severity: null,
          contact_sealed: sealContact(deps.secretBox, id, past.contact),
          notify_researcher: 0,
          status,
          severity,
          cvss_version: scored?.version ?? null,
          cvss_vector: scored?.vector ?? null,
          cvss_score: scored?.score ?? null,
          cwe_id: past.cwe.id,
          cwe_name: past.cwe.name,
          affected_assets: JSON.stringify([past.asset]),
          affected_versions: JSON.stringify(past.affectedVersions),
          duplicate_of: null,
          incident_id: null,
          owner_id: null,
          credit_name: past.credit?.name ?? null,
          credit_opt_in: past.credit?.optIn ? 1 : 0,
          challenge: null,
          received_at: past.receivedAt,
          first_response_at: past.firstResponse.at,
          triaged_at: past.triagedAt,
          fixed_at: past.fixedAt,
          closed_at: closedAt,
          disclosure_date: closedAt?.slice(0, 10) ?? null,
          updated_at: closedAt ?? past.fixedAt,
        },
        trx,
      );
      const events: [string, string, object][] = [
        ['received', past.receivedAt, {}],
        ['status', past.triagedAt, { from: 'new', to: 'triaged' }],
        ['status', past.fixedAt, { from: 'accepted', to: 'fixed' }],
        ...(closedAt
          ? [['status', closedAt, { from: 'fixed', to: 'disclosed' }] as [string, string, object]]
          : []),
      ];
      for (const [kind, at, detail] of events)
        await deps.store.addEvent({ reportId: id, kind, detail, actor: 'import', at }, trx);
      await deps.thread.post(
        {
          reportId: id,
          author: 'team',
          authorId: null,
          body: past.firstResponse.body,
          at: past.firstResponse.at,
        },
        trx,
      );
      if (past.advisory) {
        const { id: advisoryId, publishedAt, ...content } = past.advisory;
        await advisories.insert(
          {
            id: advisoryId,
            report_id: id,
            status: 'published',
            content: JSON.stringify(content),
            revisions: JSON.stringify([
              { number: '1', date: publishedAt, summary: 'Initial public release' },
            ]),
            created_at: publishedAt,
            updated_at: publishedAt,
            published_at: publishedAt,
          },
          trx,
        );
      }
      await deps.audit.record(
        ctx,
        { action: 'disclosure.report.imported', objectType: 'disclosure_report', objectId: id },
        trx,
      );
    });
    return true;
  };
}
