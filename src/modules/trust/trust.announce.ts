import type { Executor } from '../../db/database.js';
import type { TrustParts } from './trust.deps.js';
import type { TrustSettingsService } from './trust.settings.service.js';
import { toChange } from './trust.subprocessors.store.js';
import { TOPIC_OF, type AnnouncementKind } from './trust.types.js';

export const ANNOUNCE_JOB = 'trust.announce';
const PAGE = 500;

interface Announcement {
  subject: string;
  text: string;
}

const STATE_LABEL: Record<string, string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
};

/**
 * Tells confirmed subscribers of a topic about one published item. Publishing marks the item
 * and queues one fan-out job in the same transaction; the job sends one mail per subscriber,
 * keyed by (item, subscriber), so a retried or repeated job never mails anyone twice.
 */
export function createAnnouncer(parts: TrustParts, settings: TrustSettingsService) {
  async function compose(kind: AnnouncementKind, itemId: string): Promise<Announcement | null> {
    const shop = (await settings.current()).shopName;
    if (kind === 'update') {
      const update = await parts.store.findUpdate(itemId);
      if (!update) return null;
      return {
        subject: `${shop} status: ${update.title} (${STATE_LABEL[update.state] ?? update.state})`,
        text: `${update.body}\n\nDetails: ${parts.url(`/trust/updates/${update.id}`)}`,
      };
    }
    if (kind === 'advisory') {
      const advisory = (await parts.advisories.published()).find((a) => a.id === itemId);
      if (!advisory) return null;
      return {
        subject: `${shop} security advisory ${advisory.id}: ${advisory.title}`,
        text: [
          `Severity: ${advisory.severity}`,
          '',
          advisory.summary,
          '',
          `Details: ${parts.url(`/trust/advisories/${encodeURIComponent(advisory.id)}`)}`,
        ].join('\n'),
      };
    }
    const row = await parts.subprocessorStore.findChange(itemId);
    if (!row) return null;
    const change = toChange(row);
    return {
      subject: `${shop} subprocessors: ${change.summary}`.slice(0, 300),
      text: `${change.summary}\n\nThe current list: ${parts.url('/trust/subprocessors')}`,
    };
  }

  return {
    /** Marks the item and queues its fan-out, inside the caller's transaction; once per item. */
    async enqueue(kind: AnnouncementKind, itemId: string, trx: Executor): Promise<void> {
      const at = parts.clock.now().toISOString();
      if (!(await parts.subscriberStore.markAnnounced(kind, itemId, at, trx))) return;
      await parts.jobs.enqueue(
        ANNOUNCE_JOB,
        { kind, itemId },
        { idempotencyKey: `trust.announce.${kind}.${itemId}`, trx },
      );
    },

    async wasAnnounced(kind: AnnouncementKind): Promise<Set<string>> {
      return parts.subscriberStore.announced(kind);
    },

    /** The fan-out: one queued mail per confirmed subscriber of the item's topic. */
    async deliver(kind: AnnouncementKind, itemId: string): Promise<number> {
      const message = await compose(kind, itemId);
      if (!message) return 0;
      const topic = TOPIC_OF[kind];
      const host = new URL(parts.config.publicUrl).hostname;
      let after = '';
      let sent = 0;
      for (;;) {
        const page = await parts.subscriberStore.confirmedOf(topic, after, PAGE);
        for (const subscriber of page) {
          const unsubscribe = parts.url(
            `/trust/unsubscribe/${parts.links.unsubscribeToken(subscriber.id, topic)}`,
          );
          await parts.mail.send(
            {
              to: parts.box.open(subscriber.email, subscriber.id),
              subject: message.subject,
              text:
                `${message.text}\n\n--\nYou subscribed to ${topic} from ${parts.url('/trust')}.\n` +
                `Unsubscribe with one click: ${unsubscribe}\n`,
              headers: {
                'List-Id': `${topic} <${topic}.trust.${host}>`,
                'List-Unsubscribe': `<${unsubscribe}>`,
                'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
              },
            },
            { idempotencyKey: `trust.${kind}.${itemId}.${subscriber.id}` },
          );
          sent += 1;
        }
        if (page.length < PAGE) return sent;
        after = page.at(-1)!.id;
      }
    },
  };
}

export type Announcer = ReturnType<typeof createAnnouncer>;
