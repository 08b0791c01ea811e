import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Campaign, SuppressionReason } from '../../contracts/breach-campaigns.js';
import { smtpFailure, type BulkMailer } from '../../lib/mailer.js';
import { systemContext } from '../../lib/principal.js';
import type { CustomerContact } from '../datamap/datamap.customers.service.js';
import type { BreachDeps } from './breach.deps.js';
import { composeLetter } from './breach.campaigns.mime.js';
import { campaignOf, messageIdOf } from './breach.campaigns.service.js';
import type { CampaignRow, CampaignStore, ClaimedRecipient } from './breach.campaigns.store.js';
import { memberTest } from './breach.engine.js';
import type { BreachService } from './breach.service.js';
import type { BreachStore } from './breach.store.js';
import type { TemplateStore } from './breach.templates.store.js';
import { campaignLetter } from './breach.campaigns.letter.js';
import { openCode } from './breach.campaigns.codes.js';

const ctx = systemContext('breach.campaigns');
/**
 * An address a letter can reach: well-formed, and not in a top-level domain reserved to never
 * exist (RFC 2606 § 2, RFC 6761 § 6.4: `.invalid`, `.localhost`), which any relay would bounce.
 */
const address = z.email().refine((value) => !/\.(invalid|localhost)$/i.test(value));
/** Recipients claimed per round trip to the database. */
const BATCH = 500;
/** Results are recorded at least this often, so a crash resends at most this much. */
const RECORD_EVERY_MS = 100;
/** Attempts of one letter before it counts as failed (each run's temporary failures count). */
const MAX_ATTEMPTS = 5;
/** Temporary failures in a row that end a run; the job retries it later with backoff. */
const FAILURES_TO_STOP = 20;

/**
 * The two jobs of a campaign. Preparing walks the scope snapshot's members once, in order,
 * and writes an outbox row for each person the obligation covers, with why they get no letter
 * if they cannot get one. Sending claims the queued rows in batches, opens each address at
 * the last moment, and records what the server accepted within a tenth of a second.
 *
 * Crash safety: a letter is marked sent only after the server accepted it, and its Message-ID
 * is fixed by its row. A worker killed between "accepted" and "recorded" leaves the row
 * "sending"; the next run sends it again with the same Message-ID, which receivers (and the
 * benchmark's sink) recognise as the same message. Nobody is lost; at worst the letters of
 * the last tenth of a second go twice, under one Message-ID each.
 */
export function createCampaignDelivery(
  deps: BreachDeps & {
    campaigns: CampaignStore;
    templates: TemplateStore;
    service: BreachService;
    store: BreachStore;
  },
) {
  const { campaigns } = deps;

  const letterParts = (row: CampaignRow) => campaignLetter(deps, ctx, row);

  return {
    /** Works out the recipients; resumes after the last page written. True when done. */
    async prepare(campaignId: string): Promise<boolean> {
      let row = await campaigns.get(campaignId);
      if (!row || row.status !== 'preparing') return false;
      const parts = await letterParts(row);
      if (!parts) {
        await campaigns.transition(row.id, ['preparing'], {
          status: 'cancelled',
          finished_at: deps.clock.now().toISOString(),
        });
        return false;
      }
      const encryption = new Map(
        (await deps.service.encryption(ctx, row.incident_id)).map((f) => [f.category, f.state]),
      );
      const covers = memberTest(
        deps.rules,
        { catalogue: parts.catalogue, encryption },
        parts.obligation,
      );
      const reader = await deps.contacts.open(ctx, {
        objectType: 'breach_campaign',
        objectId: row.id,
      });
      const suppressed = JSON.parse(row.suppressed) as Partial<Record<SuppressionReason, number>>;
      let recipients = Number(row.recipients);
      let examined = Number(row.examined);
      for await (const page of deps.incidents.members(ctx, row.incident_id, row.snapshot_id, {
        from: examined,
      })) {
        const members = page.filter(covers);
        const contacts = await reader.read(members.map((m) => m.ref));
        const listed = await campaigns.suppressed(
          [...contacts.values()].flatMap((c) => (c.emailIndex ? [c.emailIndex] : [])),
        );
        const rows = members.map((member, i) => {
          const contact = contacts.get(member.ref);
          const reason =
            whyUnreachable(contact) ??
            (contact?.emailIndex && listed.has(contact.emailIndex) ? 'suppression_list' : null);
          if (reason) suppressed[reason] = (suppressed[reason] ?? 0) + 1;
          return {
            seq: recipients + i + 1,
            customer_ref: member.ref,
            categories: [
              ...(member.via === 'account_takeover' ? ['login_credentials'] : []),
              ...member.categories,
            ].join(','),
            status: reason ? 'suppressed' : 'queued',
            reason,
            attempts: 0,
            sent_at: null,
            error: null,
            support_code: null,
          };
        });
        const next = { examined: examined + page.length, recipients: recipients + rows.length };
        const written = await campaigns.appendPage(row, {
          ...next,
          rows,
          suppressed: JSON.stringify(suppressed),
        });
        if (!written) return false; // Another run moved it on, or it was cancelled.
        ({ examined, recipients } = next);
        row = { ...row, examined, recipients };
      }
      return campaigns.transition(row.id, ['preparing'], {
        status: 'ready',
        prepared_at: deps.clock.now().toISOString(),
      });
    },

    /**
     * Sends until nothing is queued, the campaign is paused or cancelled, or `signal` aborts;
     * completes the campaign when every letter is out. Returns the letters accepted.
     */
    async send(campaignId: string, mailer: BulkMailer, signal?: AbortSignal): Promise<number> {
      const row = await campaigns.get(campaignId);
      if (!row || row.status !== 'sending') return 0;
      const parts = await letterParts(row);
      if (!parts) throw new Error(`Campaign ${campaignId}: its obligation or template is gone`);
      // One run at a time per campaign: what a dead run left claimed goes again.
      await campaigns.requeueSending(row.id);
      const reader = await deps.contacts.open(ctx, {
        objectType: 'breach_campaign',
        objectId: row.id,
      });
      const outcome = {
        sent: [] as number[],
        failed: [] as { seq: number; reason: string; error: string }[],
        retry: [] as number[],
      };
      let accepted = 0;
      let failuresInARow = 0;
      let lastError = '';
      const recordOutcome = async () => {
        if (!outcome.sent.length && !outcome.failed.length && !outcome.retry.length) return;
        const taken = {
          at: deps.clock.now().toISOString(),
          sent: outcome.sent.splice(0),
          failed: outcome.failed.splice(0),
          retry: outcome.retry.splice(0),
        };
        try {
          await campaigns.record(row.id, taken);
        } catch (error) {
          // Kept for the next flush; if none comes, the rows stay "sending" and go again.
          outcome.sent.push(...taken.sent);
          outcome.failed.push(...taken.failed);
          outcome.retry.push(...taken.retry);
          throw error;
        }
      };
      // One record at a time: the last flush must wait for one the timer began, or the
      // completion check below would count that one's letters as still out.
      let recording: Promise<void> = Promise.resolve();
      const flush = (): Promise<void> => {
        const next = recording.then(recordOutcome);
        recording = next.catch(() => undefined);
        return next;
      };
      const timer = setInterval(() => void flush().catch(() => undefined), RECORD_EVERY_MS);
      try {
        for (;;) {
          if (signal?.aborted) return accepted;
          const current = await campaigns.get(row.id);
          if (current?.status !== 'sending') return accepted;
          let batch = await campaigns.claim(row.id, BATCH);
          if (batch.length === 0) {
            // Letters to retry go back to the queue only when recorded: record, then look again.
            await flush();
            batch = await campaigns.claim(row.id, BATCH);
            if (batch.length === 0) break;
          }
          const contacts = await reader.read(batch.map((r) => r.customer_ref));
          await sendAll(batch, async (recipient) => {
            const seq = Number(recipient.seq);
            const contact = contacts.get(recipient.customer_ref);
            // The directory may have changed since preparation (an erasure, a new address).
            const unreachable = whyUnreachable(contact);
            if (unreachable || !contact?.email) {
              outcome.failed.push({
                seq,
                reason: unreachable ?? 'missing_email',
                error: 'no valid address on file at sending time',
              });
              return;
            }
            const letter = parts.render({
              ...parts.shared,
              recipient: {
                name: contact.name,
                email: contact.email,
                dataInvolved: parts.dataInvolved(recipient.categories),
              },
              support: {
                ...parts.shared.support,
                creditMonitoringCode: recipient.support_code
                  ? openCode(deps.secretBox, row.id, seq, recipient.support_code)
                  : null,
              },
            });
            const messageId = messageIdOf(row, seq);
            try {
              await mailer.sendRaw({
                from: deps.config.mailFrom,
                to: contact.email,
                messageId,
                raw: composeLetter({
                  from: deps.config.mailFrom,
                  to: contact.email,
                  messageId,
                  date: deps.clock.now(),
                  ...letter,
                }),
              });
              outcome.sent.push(seq);
              accepted++;
              failuresInARow = 0;
            } catch (error) {
              const problem = smtpFailure(error);
              if (problem.permanent || Number(recipient.attempts) >= MAX_ATTEMPTS) {
                outcome.failed.push({
                  seq,
                  reason: 'refused',
                  error: problem.message.slice(0, 500),
                });
              } else {
                outcome.retry.push(seq);
                failuresInARow++;
                lastError = problem.message;
              }
            }
          });
          if (failuresInARow >= FAILURES_TO_STOP)
            throw new Error(
              `The mail server keeps failing (${lastError}); the run will be retried`,
            );
        }
      } finally {
        clearInterval(timer);
        await flush();
      }
      await complete(row, parts.obligation.duty);
      return accepted;
    },
  };

  /** Closes the campaign once nothing is left: its evidence on the timeline, the notice given. */
  async function complete(row: CampaignRow, duty: string): Promise<void> {
    if ((await campaigns.remaining(row.id)) > 0) return;
    // Read before the transaction: on SQLite the root connection waits for it.
    const sample = (await campaigns.recipients(row.id, { status: 'sent', after: 0, limit: 5 })).map(
      (r) => `${r.customer_ref} ${messageIdOf(row, Number(r.seq))} at ${r.sent_at}`,
    );
    try {
      await deps.incidents.changeReturning(
        ctx,
        row.incident_id,
        async (_incident, _p, trx, now) => {
          const moved = await campaigns.transition(
            row.id,
            ['sending'],
            { status: 'completed', finished_at: now },
            trx,
          );
          if (!moved) throw new AlreadyClosed();
          const done = campaignOf((await campaigns.get(row.id, trx))!);
          // The notice is given when the letters went: the obligation's clock stops there.
          if (done.sent > 0)
            await deps.store.insertDecision(
              {
                id: randomUUID(),
                incident_id: row.incident_id,
                obligation_key: row.obligation_key,
                kind: 'notice_given',
                details: JSON.stringify({ at: now, reference: `campaign ${row.id}` }),
                justification: `${done.sent} letters accepted by the mail server.`,
                decided_by: null,
                decided_at: now,
                withdrawn_by: null,
                withdrawn_at: null,
                withdrawn_reason: null,
                timeline_seq: await deps.incidents.nextTimelineSeq(trx, row.incident_id),
              },
              trx,
            );
          return {
            action: 'breach.campaign.completed',
            entry: {
              kind: 'communication',
              body: {
                direction: 'sent',
                channel: 'email',
                parties: [`${done.sent} people (${row.obligation_key})`],
                content: evidenceText(done, duty, sample),
                breach: { campaignId: row.id, status: 'completed' },
              },
            },
            details: {
              campaignId: row.id,
              sent: done.sent,
              failed: done.failed,
              suppressed: done.suppressedTotal,
            },
            value: null,
          };
        },
      );
    } catch (error) {
      if (!(error instanceof AlreadyClosed)) throw error;
    }
  }
}

/** Another run completed the campaign, or someone cancelled it: nothing to record. */
class AlreadyClosed extends Error {}

export type CampaignDelivery = ReturnType<typeof createCampaignDelivery>;

function evidenceText(done: Campaign, duty: string, sample: string[]): string {
  const seconds =
    done.startedAt && done.finishedAt
      ? (Date.parse(done.finishedAt) - Date.parse(done.startedAt)) / 1000
      : null;
  return [
    `Notification campaign for "${duty}" (${done.obligationKey}) completed.`,
    `Letters accepted by the mail server: ${done.sent}. Failed: ${done.failed}. Not sent (suppressed): ${done.suppressedTotal} (${Object.entries(
      done.suppressed,
    )
      .map(([reason, count]) => `${reason.replaceAll('_', ' ')} ${count}`)
      .join(', ')}).`,
    `Started ${done.startedAt}, finished ${done.finishedAt}${seconds !== null ? ` (${seconds.toFixed(0)} s)` : ''}. Template ${done.locale} version ${done.templateVersion}; scope snapshot ${done.snapshotId}.`,
    `Sample of letters sent (customer, Message-ID, time):`,
    ...sample.map((line) => `- ${line}`),
  ].join('\n');
}

/** Why a letter cannot reach this customer, if it cannot: the suppression list aside. */
function whyUnreachable(contact: CustomerContact | undefined): SuppressionReason | null {
  if (!contact || contact.erased) return 'erased';
  if (contact.email === null) return 'missing_email';
  return address.safeParse(contact.email).success ? null : 'invalid_email';
}

/** Sends a batch with as many letters in flight as the pool can take. */
async function sendAll(batch: ClaimedRecipient[], send: (r: ClaimedRecipient) => Promise<void>) {
  let next = 0;
  const lane = async () => {
    while (next < batch.length) await send(batch[next++]!);
  };
  await Promise.all(Array.from({ length: 32 }, lane));
}
