import type { z } from 'zod';
import {
  CLOSING_VERDICTS,
  REPORT_TRANSITIONS,
  type assessmentInput,
  type disclosureDateInput,
  type ReportState,
  type TeamReportView,
  type transitionInput,
} from '../../contracts/disclosure.js';
import type { UploadedFile } from '../../lib/blob-store.js';
import { Conflict, NotFound, ValidationError } from '../../lib/errors.js';
import { authorize, principalUserId, roleAtLeast, type CallContext } from '../../lib/principal.js';
import { cvssOf } from './disclosure.cvss.js';
import { ANALYST, VIEWER, type DisclosureDeps } from './disclosure.deps.js';
import type { ReportLinks } from './disclosure.links.js';
import type { ProgramService } from './disclosure.program.service.js';
import type { ReportRow, ReportStore } from './disclosure.reports.store.js';
import { openContact, slaFactsOf, summaryOf, teamViewOf } from './disclosure.reports.views.js';
import type { Thread } from './disclosure.thread.js';
import type { Executor } from '../../db/database.js';
import type { Updateable } from 'kysely';
import type { DisclosureReportsTable } from '../../db/schema.disclosure.js';

export interface TriageServiceDeps extends DisclosureDeps {
  store: ReportStore;
  links: ReportLinks;
  thread: Thread;
  program: ProgramService;
  mailResearcher(reportId: string, subject: string, text: string, key: string): Promise<void>;
  advisoryIdOf(reportId: string): Promise<string | null>;
}

const STATE_WORDS: Record<ReportState, string> = {
  new: 'new',
  needs_info: 'waiting for more information from you',
  triaged: 'triaged',
  accepted: 'accepted as a valid vulnerability',
  duplicate: 'closed as a duplicate of an earlier report',
  informative: 'closed as informative',
  not_applicable: 'closed as not applicable',
  spam: 'closed as spam',
  fixed: 'fixed',
  disclosed: 'disclosed',
};

const canWrite = (ctx: CallContext) =>
  ctx.principal?.kind === 'system' ||
  (ctx.principal !== null &&
    roleAtLeast(ctx.principal.role, 'analyst') &&
    (ctx.principal.kind !== 'token' || ctx.principal.scopes.includes('write')));

const isClosing = (state: ReportState) =>
  (CLOSING_VERDICTS as readonly string[]).includes(state) || state === 'disclosed';

/** The team's side of reports: reading them, the thread, triage, scores, owners and dates. */
export function createTriageService(deps: TriageServiceDeps) {
  const { db, clock, store, thread } = deps;

  async function requireReport(id: string, trx?: Executor): Promise<ReportRow> {
    const row = await store.find(id, trx);
    if (!row) throw new NotFound('Report', id);
    return row;
  }

  const actorOf = (ctx: CallContext) =>
    ctx.principal?.kind === 'system'
      ? ctx.principal.name
      : (principalUserId(ctx.principal) ?? 'unknown');

  /**
   * One change to a report: the row, an event and an audit record commit together. The first
   * change the researcher can see (a message or a state) is the first response. `work` runs
   * inside the transaction, so it reads only through `trx` (SQLite has one writer).
   */
  async function change(
    ctx: CallContext,
    id: string,
    work: (
      row: ReportRow,
      trx: Executor,
    ) => Promise<{
      changes: Updateable<DisclosureReportsTable>;
      event: { kind: string; detail: Record<string, unknown> };
      visible: boolean;
    }>,
  ): Promise<ReportRow> {
    authorize(ctx, ANALYST);
    const now = clock.now().toISOString();
    return db.kysely.transaction().execute(async (trx) => {
      const row = await store.lock(id, trx);
      if (!row) throw new NotFound('Report', id);
      const { changes, event, visible } = await work(row, trx);
      const updated = await store.update(
        id,
        {
          ...changes,
          ...(visible && row.first_response_at === null ? { first_response_at: now } : {}),
          updated_at: now,
        },
        trx,
      );
      await store.addEvent({ reportId: id, ...event, actor: actorOf(ctx), at: now }, trx);
      await deps.audit.record(
        ctx,
        {
          action: `disclosure.report.${event.kind}`,
          objectType: 'disclosure_report',
          objectId: id,
          details: event.detail,
        },
        trx,
      );
      return updated;
    });
  }

  return {
    requireReport,

    async list(ctx: CallContext, query: { status?: ReportState | undefined; overdue?: boolean }) {
      authorize(ctx, VIEWER);
      const clocksOf = await deps.program.clocksAt(clock.now());
      const rows = await store.list({ status: query.status });
      const summaries = rows.map((row) => summaryOf(row, clocksOf(slaFactsOf(row))));
      return query.overdue === undefined
        ? summaries
        : summaries.filter((s) => s.overdue.length > 0 === query.overdue);
    },

    async get(ctx: CallContext, id: string): Promise<TeamReportView> {
      authorize(ctx, VIEWER);
      const row = await requireReport(id);
      const clocksOf = await deps.program.clocksAt(clock.now());
      const [content, events, links, duplicates, original, advisoryId] = await Promise.all([
        thread.read(id, 'team'),
        store.events(id),
        store.links(id),
        store.duplicatesOf(id),
        row.duplicate_of ? store.find(row.duplicate_of) : Promise.resolve(undefined),
        deps.advisoryIdOf(id),
      ]);
      return teamViewOf(row, {
        thread: content,
        // A researcher's name and address are for the people who answer them, not viewers.
        contact: canWrite(ctx) ? openContact(deps.secretBox, row) : null,
        clocks: clocksOf(slaFactsOf(row)),
        events,
        links: links.map((l) => ({
          createdAt: l.created_at,
          expiresAt: l.expires_at,
          revokedAt: l.revoked_at,
          lastUsedAt: l.last_used_at,
        })),
        duplicateOf: original ? { id: original.id, number: Number(original.number) } : null,
        duplicates: duplicates.map((d) => ({ id: d.id, number: Number(d.number) })),
        advisoryId,
      });
    },

    async message(ctx: CallContext, id: string, input: { body: string; internal: boolean }) {
      const row = await change(ctx, id, async (_row, trx) => {
        await thread.post(
          {
            reportId: id,
            author: input.internal ? 'note' : 'team',
            authorId: principalUserId(ctx.principal),
            body: input.body,
          },
          trx,
        );
        return {
          changes: {},
          event: { kind: input.internal ? 'noted' : 'messaged', detail: {} },
          visible: !input.internal,
        };
      });
      if (!input.internal)
        await deps.mailResearcher(
          id,
          `Report #${row.number}: a message from the security team`,
          `The security team wrote on your report "${row.title}". Read and answer it through your report's link.\n`,
          `disclosure.report.message:${id}:${row.updated_at}`,
        );
      return this.get(ctx, id);
    },

    async transition(ctx: CallContext, id: string, input: z.infer<typeof transitionInput>) {
      const now = clock.now().toISOString();
      const row = await change(ctx, id, async (report, trx) => {
        const from = report.status as ReportState;
        const to = input.status;
        if (!REPORT_TRANSITIONS[from].includes(to))
          throw new Conflict(`A report that is ${from} cannot become ${to}`);
        const changes: Updateable<DisclosureReportsTable> = { status: to };
        if (to === 'duplicate')
          changes.duplicate_of = await originalFor(report, input.duplicateOf, trx);
        else if (input.duplicateOf !== undefined)
          throw ValidationError.forField('body.duplicateOf', 'is only for a duplicate');
        if ((to === 'triaged' || to === 'accepted') && report.triaged_at === null)
          changes.triaged_at = now;
        if (to === 'fixed') changes.fixed_at = now;
        if (isClosing(to)) changes.closed_at = now;
        // Spam gets no further say: its link stops working (a reopen issues a new one).
        if (to === 'spam') await store.revokeLinks(id, now, trx);
        if (to === 'new') Object.assign(changes, { closed_at: null, duplicate_of: null });
        if (to === 'accepted' && from === 'fixed') changes.fixed_at = null;
        if (input.message)
          await thread.post(
            {
              reportId: id,
              author: 'team',
              authorId: principalUserId(ctx.principal),
              body: input.message,
            },
            trx,
          );
        const detail = {
          from,
          to,
          ...(changes.duplicate_of ? { duplicateOf: changes.duplicate_of } : {}),
        };
        return { changes, event: { kind: 'status', detail }, visible: true };
      });
      await deps.mailResearcher(
        id,
        `Report #${row.number} is ${STATE_WORDS[input.status]}`,
        `Your report "${row.title}" is now ${STATE_WORDS[input.status]}.${input.message ? `\n\nThe team wrote:\n${input.message}` : ''}\n\nFollow it through your report's link.\n`,
        `disclosure.report.status:${id}:${now}`,
      );
      return this.get(ctx, id);
    },

    async assess(ctx: CallContext, id: string, input: z.infer<typeof assessmentInput>) {
      await change(ctx, id, async () => {
        const scored = cvssOf(input.cvss);
        const severity = scored?.severity ?? input.severity;
        const changes: Updateable<DisclosureReportsTable> = {
          severity,
          cvss_version: scored?.version ?? null,
          cvss_vector: scored?.vector ?? null,
          cvss_score: scored?.score ?? null,
          cwe_id: input.cwe?.id ?? null,
          cwe_name: input.cwe?.name ?? null,
          affected_assets: JSON.stringify(input.affectedAssets),
          affected_versions: JSON.stringify(input.affectedVersions),
        };
        const detail = {
          severity,
          cvss: scored?.vector ?? null,
          score: scored?.score ?? null,
          cwe: input.cwe?.id ?? null,
        };
        return { changes, event: { kind: 'assessed', detail }, visible: false };
      });
      return this.get(ctx, id);
    },

    async setOwner(ctx: CallContext, id: string, ownerId: string | null) {
      authorize(ctx, ANALYST);
      // Before the transaction: identity reads through its own connection.
      if (ownerId !== null && !(await deps.team.member(ownerId)))
        throw ValidationError.forField(
          'body.ownerId',
          `"${ownerId}" is not an active analyst or admin`,
        );
      await change(ctx, id, async () => ({
        changes: { owner_id: ownerId },
        event: { kind: 'owner_set', detail: { ownerId } },
        visible: false,
      }));
      return this.get(ctx, id);
    },

    async linkIncident(ctx: CallContext, id: string, incidentId: string | null) {
      // The caller must be able to see the incident: one they cannot is a 404, as anywhere.
      if (incidentId !== null) await deps.incidents.get(ctx, incidentId);
      await change(ctx, id, async () => ({
        changes: { incident_id: incidentId },
        event: { kind: 'incident_linked', detail: { incidentId } },
        visible: false,
      }));
      return this.get(ctx, id);
    },

    /** A negotiated date; each change is kept in the events with how it was agreed. */
    async setDisclosureDate(
      ctx: CallContext,
      id: string,
      input: z.infer<typeof disclosureDateInput>,
    ) {
      await change(ctx, id, async (report) => ({
        changes: { disclosure_date: input.date },
        event: {
          kind: 'disclosure_date_set',
          detail: { date: input.date, previous: report.disclosure_date, note: input.note },
        },
        visible: false,
      }));
      return this.get(ctx, id);
    },

    async attach(ctx: CallContext, id: string, file: UploadedFile, internal: boolean) {
      authorize(ctx, ANALYST);
      return db.kysely.transaction().execute(async (trx) => {
        if (!(await store.lock(id, trx))) throw new NotFound('Report', id);
        const stored = await thread.attach(id, 'team', file, trx, internal);
        await deps.audit.record(
          ctx,
          {
            action: 'disclosure.report.attachment_added',
            objectType: 'disclosure_report',
            objectId: id,
            details: { attachmentId: stored.id },
          },
          trx,
        );
        return stored;
      });
    },

    async download(ctx: CallContext, id: string, attachmentId: string) {
      authorize(ctx, VIEWER);
      await requireReport(id);
      return thread.download(id, attachmentId, 'team');
    },

    /** A fresh link for the researcher (the old ones stop working); shown once. */
    async reissueLink(ctx: CallContext, id: string) {
      authorize(ctx, ANALYST);
      const program = await deps.program.current();
      return db.kysely.transaction().execute(async (trx) => {
        await requireReport(id, trx);
        const issued = await deps.links.issue(id, program.linkDays, trx);
        await deps.audit.record(
          ctx,
          {
            action: 'disclosure.report.link_issued',
            objectType: 'disclosure_report',
            objectId: id,
          },
          trx,
        );
        return issued;
      });
    },

    async revokeLinks(ctx: CallContext, id: string) {
      authorize(ctx, ANALYST);
      return db.kysely.transaction().execute(async (trx) => {
        await requireReport(id, trx);
        const revoked = await store.revokeLinks(id, clock.now().toISOString(), trx);
        await deps.audit.record(
          ctx,
          {
            action: 'disclosure.report.links_revoked',
            objectType: 'disclosure_report',
            objectId: id,
            details: { revoked },
          },
          trx,
        );
        return { revoked };
      });
    },
  };

  /** The report a duplicate points at: an earlier one, and its own original if it is one too. */
  async function originalFor(report: ReportRow, originalId: string | undefined, trx: Executor) {
    if (!originalId)
      throw ValidationError.forField('body.duplicateOf', 'is required for a duplicate');
    const original = await store.find(originalId, trx);
    if (!original)
      throw ValidationError.forField('body.duplicateOf', `report "${originalId}" does not exist`);
    const root = original.duplicate_of ?? original.id;
    if (root === report.id)
      throw ValidationError.forField('body.duplicateOf', 'cannot be the report itself');
    return root;
  }
}

export type TriageService = ReturnType<typeof createTriageService>;
