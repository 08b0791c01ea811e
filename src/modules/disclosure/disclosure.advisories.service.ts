import { weaknesses } from '@secvisogram/csaf-validator-lib/cwe.js';
import {
  advisoryInput,
  type Advisory,
  type AdvisoryInput,
  type PublicAdvisory,
} from '../../contracts/advisories.js';
import type { Executor } from '../../db/database.js';
import { retryOnUniqueViolation } from '../../db/errors.js';
import { Conflict, NotFound, ValidationError } from '../../lib/errors.js';
import { authorize, principalUserId, type CallContext } from '../../lib/principal.js';
import { cvssOf } from './disclosure.cvss.js';
import { ANALYST, VIEWER, type DisclosureDeps } from './disclosure.deps.js';
import {
  csafPath,
  osvPath,
  providerMetadata,
  toCsaf,
  toOsv,
} from './disclosure.advisories.exports.js';
import { createAdvisoryStore, type AdvisoryRow } from './disclosure.advisories.store.js';
import type { ReportStore } from './disclosure.reports.store.js';

const CWE_NAMES = new Map(weaknesses.map((w) => [w.id, w.name]));

export interface AdvisoryServiceDeps extends DisclosureDeps {
  reports: ReportStore;
  /** Called after a publication commits (the trust center drops its cached pages). */
  onPublished?: () => Promise<void>;
}

interface Revision {
  number: string;
  date: string;
  summary: string;
}

/** The score, severity and CWE name an input implies; a field error for what does not fit. */
function derive(input: AdvisoryInput) {
  const cvss = cvssOf(input.cvss);
  const severity = cvss?.severity ?? input.severity;
  if (!severity)
    throw ValidationError.forField('body.severity', 'is required without a CVSS vector');
  const cweName = input.cwe === null ? null : CWE_NAMES.get(input.cwe);
  if (input.cwe !== null && !cweName)
    throw ValidationError.forField('body.cwe', `"${input.cwe}" is not in the CWE list`);
  return {
    severity,
    cvss,
    cwe: input.cwe && cweName ? { id: input.cwe, name: cweName } : null,
  };
}

/**
 * Advisories: drafted (from a report or from scratch), then published. Publishing a
 * report's advisory needs the flaw fixed, and marks the report disclosed in the same
 * transaction. Credit is the reporting researcher's name, only while they opt in; a duplicate
 * report's researcher is not credited (the original keeps the credit).
 */
export function createAdvisoryService(deps: AdvisoryServiceDeps) {
  const { db, clock } = deps;
  const store = createAdvisoryStore(db.kysely);
  const prefix = deps.config.shopName.toUpperCase().replace(/[^A-Z0-9]/g, '') || 'CORDON';
  const publisher = { name: deps.config.shopName, url: deps.config.publicUrl };

  /** Who the advisory would credit now: the researcher's chosen name, while they opt in. */
  async function creditFor(
    row: Pick<AdvisoryRow, 'report_id'>,
    content: AdvisoryInput,
    trx?: Executor,
  ) {
    const source = row.report_id ? await deps.reports.find(row.report_id, trx) : undefined;
    return content.creditResearcher && source?.credit_opt_in === 1 && source.credit_name
      ? [source.credit_name]
      : [];
  }

  /**
   * A published advisory shows the credit it was published with (a researcher's later change
   * reaches it only with the team's next revision); a draft shows what it would credit now.
   */
  async function viewOf(row: AdvisoryRow): Promise<Advisory> {
    const content = advisoryInput.parse(JSON.parse(row.content));
    const credit = row.credit
      ? (JSON.parse(row.credit) as string[])
      : await creditFor(row, content);
    const base = {
      id: row.id,
      reportId: row.report_id,
      status: row.status as Advisory['status'],
      content,
      ...derive(content),
      credit,
      revisions: JSON.parse(row.revisions) as Revision[],
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      publishedAt: row.published_at,
    };
    return { ...base, links: { csaf: csafPath(base), osv: osvPath(row.id) } };
  }

  async function requireAdvisory(id: string, trx?: Executor) {
    const row = await store.find(id, trx);
    if (!row) throw new NotFound('Advisory', id);
    return row;
  }

  async function insert(ctx: CallContext, input: AdvisoryInput, reportId: string | null) {
    derive(input);
    const now = clock.now().toISOString();
    // Ids are the year's highest + 1: a concurrent create can take ours, and this one reruns.
    const id = await retryOnUniqueViolation(() =>
      db.kysely.transaction().execute(async (trx) => {
        const yearPrefix = `${prefix}-${now.slice(0, 4)}-`;
        const next = `${yearPrefix}${String((await store.lastNumber(yearPrefix, trx)) + 1).padStart(4, '0')}`;
        await store.insert(
          {
            id: next,
            report_id: reportId,
            status: 'draft',
            content: JSON.stringify(input),
            revisions: '[]',
            credit: null,
            created_at: now,
            updated_at: now,
            published_at: null,
          },
          trx,
        );
        await deps.audit.record(
          ctx,
          {
            action: 'disclosure.advisory.created',
            objectType: 'advisory',
            objectId: next,
            details: { reportId },
          },
          trx,
        );
        return next;
      }),
    );
    return viewOf(await requireAdvisory(id));
  }

  return {
    async list(ctx: CallContext) {
      authorize(ctx, VIEWER);
      return Promise.all((await store.list(null)).map((row) => viewOf(row)));
    },

    async get(ctx: CallContext, id: string) {
      authorize(ctx, VIEWER);
      return viewOf(await requireAdvisory(id));
    },

    async idForReport(reportId: string): Promise<string | null> {
      return (await store.forReport(reportId))?.id ?? null;
    },

    async publishedIdForReport(reportId: string): Promise<string | null> {
      const row = await store.forReport(reportId);
      return row?.status === 'published' ? row.id : null;
    },

    async create(ctx: CallContext, input: AdvisoryInput) {
      authorize(ctx, ANALYST);
      return insert(ctx, input, null);
    },

    /** A draft filled in from the report's triage; the team edits it before publishing. */
    async draftFromReport(ctx: CallContext, reportId: string) {
      authorize(ctx, ANALYST);
      const report = await deps.reports.find(reportId);
      if (!report) throw new NotFound('Report', reportId);
      const existing = await store.forReport(reportId);
      if (existing)
        throw new Conflict(`Report #${report.number} already has advisory ${existing.id}`);
      if (!report.severity)
        throw new Conflict(`Score report #${report.number} before drafting its advisory`);
      // The report's fields fit the advisory's (shorter) limits; the team edits the draft anyway.
      const versions = (JSON.parse(report.affected_versions) as string[])
        .slice(0, 20)
        .map((v) => v.slice(0, 100));
      const fixedOn = report.fixed_at?.slice(0, 10);
      return insert(
        ctx,
        advisoryInput.parse({
          title: report.title,
          summary: report.title,
          product: report.asset.slice(0, 200),
          affectedVersions: versions.length
            ? versions
            : [fixedOn ? `before ${fixedOn}` : 'all versions'],
          remediation: fixedOn
            ? `${deps.config.shopName} fixed this on ${fixedOn}. No action is needed from users.`
            : `${deps.config.shopName} is fixing this.`,
          cvss: report.cvss_vector,
          severity: report.severity,
          // A CWE outside the list (a report may name any) is left for the team to choose.
          cwe: report.cwe_id && CWE_NAMES.has(report.cwe_id) ? report.cwe_id : null,
        }),
        reportId,
      );
    },

    /** A published advisory's change is a new revision, so its CSAF history says what changed. */
    async update(ctx: CallContext, id: string, input: AdvisoryInput) {
      authorize(ctx, ANALYST);
      derive(input);
      const now = clock.now().toISOString();
      await db.kysely.transaction().execute(async (trx) => {
        const row = await requireAdvisory(id, trx);
        const revisions = JSON.parse(row.revisions) as Revision[];
        if (row.status === 'published')
          revisions.push({ number: String(revisions.length + 1), date: now, summary: 'Updated' });
        const published = row.status === 'published';
        await store.update(
          id,
          {
            content: JSON.stringify(input),
            revisions: JSON.stringify(revisions),
            // A revision takes the credit as it stands now (a researcher may have opted out).
            ...(published ? { credit: JSON.stringify(await creditFor(row, input, trx)) } : {}),
            updated_at: now,
          },
          trx,
        );
        await deps.audit.record(
          ctx,
          { action: 'disclosure.advisory.updated', objectType: 'advisory', objectId: id },
          trx,
        );
      });
      await deps.onPublished?.();
      return viewOf(await requireAdvisory(id));
    },

    async publish(ctx: CallContext, id: string) {
      authorize(ctx, ANALYST);
      const now = clock.now().toISOString();
      await db.kysely.transaction().execute(async (trx) => {
        const row = await requireAdvisory(id, trx);
        if (row.status === 'published') throw new Conflict(`Advisory ${id} is already published`);
        const report = row.report_id ? await deps.reports.lock(row.report_id, trx) : undefined;
        if (report && report.status !== 'fixed' && report.status !== 'disclosed')
          throw new Conflict(
            `Report #${report.number} is ${report.status}: fix it before publishing its advisory`,
          );
        const revisions: Revision[] = [
          { number: '1', date: now, summary: 'Initial public release' },
        ];
        await store.update(
          id,
          {
            status: 'published',
            published_at: now,
            updated_at: now,
            revisions: JSON.stringify(revisions),
            credit: JSON.stringify(
              await creditFor(row, advisoryInput.parse(JSON.parse(row.content)), trx),
            ),
          },
          trx,
        );
        if (report?.status === 'fixed') {
          await deps.reports.update(
            report.id,
            { status: 'disclosed', closed_at: now, updated_at: now },
            trx,
          );
          await deps.reports.addEvent(
            {
              reportId: report.id,
              kind: 'status',
              detail: { from: 'fixed', to: 'disclosed', advisoryId: id },
              actor: principalUserId(ctx.principal) ?? 'system',
              at: now,
            },
            trx,
          );
          await deps.audit.record(
            ctx,
            {
              action: 'disclosure.report.status',
              objectType: 'disclosure_report',
              objectId: report.id,
              details: { from: 'fixed', to: 'disclosed', advisoryId: id },
            },
            trx,
          );
        }
        await deps.audit.record(
          ctx,
          { action: 'disclosure.advisory.published', objectType: 'advisory', objectId: id },
          trx,
        );
      });
      await deps.onPublished?.();
      return viewOf(await requireAdvisory(id));
    },

    /** Public: published advisories only, newest first. */
    async published(): Promise<Advisory[]> {
      return Promise.all((await store.list('published')).map((row) => viewOf(row)));
    },

    async publishedOne(id: string): Promise<Advisory> {
      const row = await store.find(id);
      if (!row || row.status !== 'published') throw new NotFound('Advisory', id);
      return viewOf(row);
    },

    /** The CSAF document at its well-known path, or 404 (unknown, draft or wrong year). */
    async csafAt(path: string) {
      const found = (await this.published()).find((a) => a.links.csaf === path);
      if (!found) throw new NotFound('CSAF document', path);
      return toCsaf(found, publisher);
    },

    async osv(id: string) {
      return toOsv(await this.publishedOne(id), publisher);
    },

    async providerMetadata() {
      const newest = (await this.published())[0];
      return providerMetadata(publisher, newest?.updatedAt ?? clock.now().toISOString());
    },

    /** CSAF § 7.1.13 and § 7.1.14: the directory's index and change list, newest first. */
    async directoryListings() {
      const all = (await this.published()).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
      const relative = (a: Advisory) => a.links.csaf.replace('/.well-known/csaf/white/', '');
      return {
        index: all.map((a) => `${relative(a)}\n`).join(''),
        changes: all.map((a) => `"${relative(a)}","${a.updatedAt}"\n`).join(''),
      };
    },

    toPublic(advisory: Advisory): PublicAdvisory {
      return {
        id: advisory.id,
        title: advisory.content.title,
        summary: advisory.content.summary,
        severity: advisory.severity,
        cvss: advisory.cvss,
        cwe: advisory.cwe,
        credit: advisory.credit,
        publishedAt: advisory.publishedAt!,
        updatedAt: advisory.updatedAt,
        links: advisory.links,
      };
    },
  };
}

export type AdvisoryService = ReturnType<typeof createAdvisoryService>;
