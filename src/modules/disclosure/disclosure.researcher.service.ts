import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type {
  ReportInput,
  researcherPreferencesInput,
  ResearcherView,
} from '../../contracts/disclosure.js';
import { retryOnUniqueViolation } from '../../db/errors.js';
import type { UploadedFile } from '../../lib/blob-store.js';
import { randomToken } from '../../lib/crypto.js';
import { ValidationError } from '../../lib/errors.js';
import type { CallContext } from '../../lib/principal.js';
import type { DisclosureDeps } from './disclosure.deps.js';
import type { ReportLinks } from './disclosure.links.js';
import type { ProgramService } from './disclosure.program.service.js';
import { checkProof, issueChallenge } from './disclosure.proof.js';
import type { ReportStore } from './disclosure.reports.store.js';
import { openContact, researcherViewOf, sealContact } from './disclosure.reports.views.js';
import type { Thread } from './disclosure.thread.js';

type Preferences = z.infer<typeof researcherPreferencesInput>;

export interface ResearcherServiceDeps extends DisclosureDeps {
  store: ReportStore;
  links: ReportLinks;
  thread: Thread;
  program: ProgramService;
  /** The published advisory of a report, if any, for the researcher's thread. */
  advisoryOf(reportId: string): Promise<{ id: string; url: string } | null>;
}

/**
 * Researchers may stay anonymous, and the audit chain can never be erased: their events keep
 * no IP address (the rate limiter sees it; the record does not).
 */
const unaddressed = (ctx: CallContext): CallContext => ({ ...ctx, ip: null });

const researcherAudit = (reportId: string, action: string, details = {}) => ({
  action: `disclosure.report.${action}`,
  objectType: 'disclosure_report',
  objectId: reportId,
  actorLabel: 'researcher',
  details,
});

/**
 * The researcher's side: the public form and the thread behind the capability link. The
 * token is the whole authorization; every read and write below is made under the one report
 * it opens, so an id from any other report is a 404. Audit events say "researcher", never the
 * token or the researcher's address.
 */
export function createResearcherService(deps: ResearcherServiceDeps) {
  const { db, clock, store, links, thread } = deps;

  async function mailResearcher(reportId: string, subject: string, text: string, key: string) {
    const row = await store.find(reportId);
    const contact = row && openContact(deps.secretBox, row);
    if (!row || row.notify_researcher !== 1 || !contact?.email) return;
    await deps.mail.send({ to: contact.email, subject, text }, { idempotencyKey: key });
  }

  return {
    mailResearcher,

    /** Checks a link before an upload is read, so a bad one costs no bandwidth. */
    requireLink: (token: string) => links.open(token),

    async challenge() {
      const { proofOfWorkBits } = await deps.program.current();
      return {
        challenge: issueChallenge(deps.proofKey, proofOfWorkBits, clock.now()),
        bits: proofOfWorkBits,
      };
    },

    async submit(ctx: CallContext, input: ReportInput) {
      const program = await deps.program.current();
      // A filled honeypot gets a receipt that leads nowhere, so a bot learns nothing.
      if (input.website !== '')
        return {
          number: 0,
          link: `${deps.config.publicUrl}/report/thread#token=${randomToken(32)}`,
          expiresAt: clock.now().toISOString(),
        };
      const problem = checkProof(deps.proofKey, input.proof, program.proofOfWorkBits, clock.now());
      if (problem) throw ValidationError.forField('body.proof', problem);
      if (input.notify && !input.contact?.email)
        throw ValidationError.forField(
          'body.notify',
          'needs contact.email to send notifications to',
        );
      const challenge = program.proofOfWorkBits > 0 ? (input.proof?.challenge ?? null) : null;
      if (challenge && (await store.challengeUsed(challenge)))
        throw ValidationError.forField('body.proof', 'uses a challenge that was already spent');
      const id = randomUUID();
      const now = clock.now().toISOString();
      // Numbers are max + 1: a concurrent submit can take ours, and then this one runs again.
      const receipt = await retryOnUniqueViolation(() =>
        db.kysely.transaction().execute(async (trx) => {
          const row = await store.insert(
            {
              id,
              title: input.title,
              description: input.description,
              steps: input.steps,
              asset: input.asset,
              suggested_severity: input.suggestedSeverity,
              contact_sealed: sealContact(deps.secretBox, id, input.contact),
              notify_researcher: input.notify ? 1 : 0,
              status: 'new',
              severity: null,
              cvss_version: null,
              cvss_vector: null,
              cvss_score: null,
              cwe_id: null,
              cwe_name: null,
              affected_assets: JSON.stringify([input.asset]),
              affected_versions: '[]',
              duplicate_of: null,
              incident_id: null,
              owner_id: null,
              credit_name: input.credit?.name ?? null,
              credit_opt_in: input.credit?.optIn ? 1 : 0,
              challenge,
              received_at: now,
              first_response_at: null,
              triaged_at: null,
              fixed_at: null,
              closed_at: null,
              disclosure_date: null,
              updated_at: now,
            },
            trx,
          );
          await store.addEvent(
            { reportId: id, kind: 'received', detail: {}, actor: 'researcher', at: now },
            trx,
          );
          await deps.audit.record(unaddressed(ctx), researcherAudit(id, 'received'), trx);
          return { number: Number(row.number), ...(await links.issue(id, program.linkDays, trx)) };
        }),
      );
      await deps.notify(
        {
          subject: `New vulnerability report #${receipt.number}: ${input.title}`,
          text: `A researcher reported a vulnerability in ${input.asset}.\n\nTriage it: ${deps.config.publicUrl}/disclosure/reports/${id}\n`,
        },
        { idempotencyKey: `disclosure.report.received:${id}` },
      );
      await mailResearcher(
        id,
        `Your report #${receipt.number} was received`,
        `Thank you for reporting "${input.title}". Follow the report and talk to the team here:\n${receipt.link}\n\nKeep this link private: it opens your report without a password.\n`,
        `disclosure.report.receipt:${id}`,
      );
      return receipt;
    },

    async view(token: string): Promise<ResearcherView> {
      const reportId = await links.open(token);
      const row = (await store.find(reportId))!;
      return researcherViewOf(
        row,
        await thread.read(reportId, 'researcher'),
        openContact(deps.secretBox, row),
        await deps.advisoryOf(reportId),
      );
    },

    /** A reply answers a request for information: the report goes back to the team. */
    async reply(ctx: CallContext, token: string, body: string): Promise<ResearcherView> {
      const reportId = await links.open(token);
      const now = clock.now().toISOString();
      const row = await db.kysely.transaction().execute(async (trx) => {
        const report = (await store.lock(reportId, trx))!;
        await thread.post({ reportId, author: 'researcher', authorId: null, body }, trx);
        if (report.status === 'needs_info') {
          const to = report.triaged_at ? 'triaged' : 'new';
          await store.update(reportId, { status: to, updated_at: now }, trx);
          await store.addEvent(
            {
              reportId,
              kind: 'status',
              detail: { from: 'needs_info', to },
              actor: 'researcher',
              at: now,
            },
            trx,
          );
        } else await store.update(reportId, { updated_at: now }, trx);
        await deps.audit.record(unaddressed(ctx), researcherAudit(reportId, 'replied'), trx);
        return report;
      });
      await deps.notify(
        {
          subject: `Report #${row.number}: the researcher replied`,
          text: `${deps.config.publicUrl}/disclosure/reports/${reportId}\n`,
        },
        // One mail an hour per report however often the researcher writes.
        { idempotencyKey: `disclosure.report.reply:${reportId}:${now.slice(0, 13)}` },
      );
      return this.view(token);
    },

    async attach(ctx: CallContext, token: string, file: UploadedFile) {
      const reportId = await links.open(token);
      return db.kysely.transaction().execute(async (trx) => {
        await store.lock(reportId, trx);
        const stored = await thread.attach(reportId, 'researcher', file, trx);
        await deps.audit.record(
          unaddressed(ctx),
          researcherAudit(reportId, 'attachment_added', { attachmentId: stored.id }),
          trx,
        );
        return stored;
      });
    },

    async download(token: string, attachmentId: string) {
      return thread.download(await links.open(token), attachmentId, 'researcher');
    },

    async preferences(
      ctx: CallContext,
      token: string,
      input: Preferences,
    ): Promise<ResearcherView> {
      const reportId = await links.open(token);
      const row = (await store.find(reportId))!;
      if (input.notify && !openContact(deps.secretBox, row)?.email)
        throw ValidationError.forField(
          'body.notify',
          'needs an email address, which this report has none of',
        );
      await db.kysely.transaction().execute(async (trx) => {
        await store.update(
          reportId,
          {
            ...(input.credit !== undefined
              ? {
                  credit_name: input.credit?.name ?? null,
                  credit_opt_in: input.credit?.optIn ? 1 : 0,
                }
              : {}),
            ...(input.notify !== undefined ? { notify_researcher: input.notify ? 1 : 0 } : {}),
            updated_at: clock.now().toISOString(),
          },
          trx,
        );
        await deps.audit.record(
          unaddressed(ctx),
          researcherAudit(reportId, 'preferences_changed'),
          trx,
        );
      });
      return this.view(token);
    },
  };
}

export type ResearcherService = ReturnType<typeof createResearcherService>;
