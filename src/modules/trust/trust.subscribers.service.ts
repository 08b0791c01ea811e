import { randomUUID } from 'node:crypto';
import { TRUST_TOPICS, type SubscribeInput } from '../../contracts/trust.js';
import { randomToken } from '../../lib/crypto.js';
import { authorize, type CallContext } from '../../lib/principal.js';
import type { TrustParts } from './trust.deps.js';
import type { TrustSettingsService } from './trust.settings.service.js';
import { ACCESS, DAY_MS, type TrustTopic } from './trust.types.js';

const CONFIRM_DAYS = 7;
/** The same request again within this time sends no second confirmation (no mail bombing). */
const RESEND_AFTER_MS = 60 * 60_000;

export type ConfirmOutcome = 'confirmed' | 'expired' | 'invalid';

/**
 * Email subscriptions with double opt-in: a request stores the address sealed and mails one
 * confirmation link; topics count only once confirmed, and nothing else is ever sent to an
 * unconfirmed address. Answers never reveal whether an address was already subscribed.
 */
export function createSubscriberService(parts: TrustParts, settings: TrustSettingsService) {
  const { subscriberStore: store, clock } = parts;

  async function sendConfirmation(id: string, email: string, nonce: string, topics: string[]) {
    const expires = new Date(clock.now().getTime() + CONFIRM_DAYS * DAY_MS);
    const link = parts.url(
      `/trust/subscriptions/confirm/${parts.links.confirmToken(id, nonce, expires)}`,
    );
    const shop = (await settings.current()).shopName;
    await parts.mail.send(
      {
        to: email,
        subject: `Confirm your subscription to ${shop}'s trust center`,
        text:
          `Someone, hopefully you, asked to receive ${topics.join(', ')} from ${shop}'s trust ` +
          `center at this address.\n\nConfirm within ${CONFIRM_DAYS} days: ${link}\n\n` +
          `If it was not you, ignore this message: nothing more will be sent.\n`,
      },
      { idempotencyKey: `trust.confirm.${id}.${nonce}` },
    );
  }

  return {
    async subscribe(ctx: CallContext, input: SubscribeInput): Promise<void> {
      const now = clock.now();
      const at = now.toISOString();
      const existing = await store.findByIndex(parts.emailIndex(input.email));
      const nonce = randomToken(12);
      if (!existing) {
        const id = randomUUID();
        await parts.db.kysely.transaction().execute(async (trx) => {
          await store.insert(
            {
              id,
              email_index: parts.emailIndex(input.email),
              email: parts.box.seal(input.email, id),
              pending_topics: JSON.stringify(input.topics),
              nonce,
              confirmed_at: null,
              created_at: at,
              updated_at: at,
            },
            trx,
          );
          await parts.audit.record(
            ctx,
            { action: 'trust.subscriber.requested', objectType: 'trust_subscriber', objectId: id },
            trx,
          );
        });
        return sendConfirmation(id, input.email, nonce, input.topics);
      }
      const confirmed = new Set(await store.topics(existing.id));
      const wanted = input.topics.filter((topic) => !confirmed.has(topic));
      if (wanted.length === 0) return;
      const pending = JSON.parse(existing.pending_topics) as string[];
      // At most one confirmation an hour per address, whatever the topics asked for (cycling
      // through topic sets must not mail-bomb someone): the link already sent confirms them all.
      if (pending.length > 0 && now.getTime() - Date.parse(existing.updated_at) < RESEND_AFTER_MS) {
        const merged = [...new Set([...pending, ...wanted])];
        await store.update(existing.id, { pending_topics: JSON.stringify(merged) });
        return;
      }
      await store.update(existing.id, {
        pending_topics: JSON.stringify(wanted),
        nonce,
        updated_at: at,
      });
      await parts.audit.record(ctx, {
        action: 'trust.subscriber.requested',
        objectType: 'trust_subscriber',
        objectId: existing.id,
      });
      await sendConfirmation(existing.id, input.email, nonce, wanted);
    },

    /** Confirms the pending topics; a link works once, and only the newest one works. */
    async confirm(ctx: CallContext, token: string): Promise<ConfirmOutcome> {
      const read = parts.links.readConfirm(token, clock.now());
      if (!read) return 'invalid';
      if (read.expired) return 'expired';
      const subscriber = await store.find(read.subscriberId);
      if (!subscriber || subscriber.nonce !== read.nonce) return 'invalid';
      const at = clock.now().toISOString();
      const topics = (JSON.parse(subscriber.pending_topics) as string[]).filter((t) =>
        (TRUST_TOPICS as readonly string[]).includes(t),
      );
      await parts.db.kysely.transaction().execute(async (trx) => {
        await store.addTopics(subscriber.id, topics, at, trx);
        await store.update(
          subscriber.id,
          {
            pending_topics: '[]',
            nonce: randomToken(12),
            confirmed_at: subscriber.confirmed_at ?? at,
            updated_at: at,
          },
          trx,
        );
        await parts.audit.record(
          ctx,
          {
            action: 'trust.subscriber.confirmed',
            objectType: 'trust_subscriber',
            objectId: subscriber.id,
            details: { topics },
          },
          trx,
        );
      });
      return 'confirmed';
    },

    /** Null for a token that was not signed here; unsubscribing twice is fine. */
    async unsubscribe(ctx: CallContext, token: string): Promise<{ topic: TrustTopic } | null> {
      const read = parts.links.readUnsubscribe(token);
      if (!read || !(TRUST_TOPICS as readonly string[]).includes(read.topic)) return null;
      const topic = read.topic as TrustTopic;
      const subscriber = await store.find(read.subscriberId);
      if (!subscriber) return { topic };
      await parts.db.kysely.transaction().execute(async (trx) => {
        await store.removeTopic(subscriber.id, topic, trx);
        const left = await store.topics(subscriber.id, trx);
        if (left.length === 0) await store.remove(subscriber.id, trx);
        await parts.audit.record(
          ctx,
          {
            action: 'trust.subscriber.unsubscribed',
            objectType: 'trust_subscriber',
            objectId: subscriber.id,
            details: { topic, erased: left.length === 0 },
          },
          trx,
        );
      });
      return { topic };
    },

    async counts(ctx: CallContext) {
      authorize(ctx, ACCESS.staff);
      const counts = await store.counts();
      return {
        confirmed: counts.confirmed,
        pending: counts.total - counts.confirmed,
        byTopic: Object.fromEntries(TRUST_TOPICS.map((t) => [t, counts.byTopic[t] ?? 0])) as Record<
          TrustTopic,
          number
        >,
      };
    },
  };
}

export type SubscriberService = ReturnType<typeof createSubscriberService>;
