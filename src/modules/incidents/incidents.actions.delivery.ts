import { createHash } from 'node:crypto';
import { createKeyring } from '../../lib/keyring.js';
import { systemContext } from '../../lib/principal.js';
import { createWebhookSender, type WebhookDelivery } from '../../lib/webhooks.js';
import { ACTION_SEND_JOB, ENDPOINT_KEY_PURPOSE } from './incidents.actions.service.js';
import type { ActionStore } from './incidents.actions.store.js';
import type { IncidentDeps } from './incidents.deps.js';
import type { IncidentService } from './incidents.service.js';

/** What a timeline entry keeps of a receiver's answer. */
const KEPT_RESPONSE_CHARACTERS = 2_000;
const STALE_AFTER_MS = 5 * 60_000;

/**
 * Sends one containment message and records the attempt (request and response) in the
 * timeline. A receiver must answer 2xx with a JSON receipt `{"status":"done"|"accepted"}`;
 * anything else (an error status, a timeout, an unreadable body) is retried by the job with
 * backoff, and after the last attempt the message is marked failed. The incident goes on.
 */
export function createActionDelivery(
  deps: Pick<IncidentDeps, 'db' | 'clock' | 'masterKey' | 'jobs' | 'config'> & {
    actions: ActionStore;
    incidents: Pick<IncidentService, 'changeReturning'>;
  },
) {
  const { actions } = deps;
  const keyring = createKeyring({ db: deps.db, masterKey: deps.masterKey });
  const ctx = systemContext('incidents.actions');

  async function attemptSend(
    actionType: string,
    id: string,
    body: string,
  ): Promise<{ url: string | null; result: WebhookDelivery }> {
    const endpoint = await actions.endpoint(actionType);
    if (!endpoint)
      return {
        url: null,
        result: { ok: false, status: null, error: `no endpoint is set up for ${actionType}` },
      };
    const secret = (await keyring.box(ENDPOINT_KEY_PURPOSE)).open(
      endpoint.secret_sealed,
      actionType,
    );
    const sender = createWebhookSender({
      url: endpoint.url,
      secret,
      timeoutMs: deps.config.containmentTimeoutSeconds * 1000,
      readResponse: true,
    });
    return { url: endpoint.url, result: await sender.sendBody(id, body, deps.clock.now()) };
  }

  return {
    /** One attempt; throws while retries remain, so the job tries again later. */
    async deliver(messageId: string, attempt: number, maxAttempts: number): Promise<void> {
      const message = await actions.message(messageId);
      // Done already (a job run twice), or gone: nothing to do.
      if (!message || message.status !== 'pending') return;
      const sentAt = deps.clock.now();
      const { url, result } = await attemptSend(message.action_type, message.id, message.payload);
      const receipt = readReceipt(result);
      const final = receipt.accepted || attempt >= maxAttempts;
      const status = receipt.accepted ? 'succeeded' : final ? 'failed' : 'pending';
      await deps.incidents.changeReturning(ctx, message.incident_id, async (_row, _p, trx, now) => {
        await actions.updateMessage(
          message.id,
          {
            status,
            attempts: attempt,
            last_error: receipt.error,
            response_status: result.status,
            response_body: result.body?.slice(0, KEPT_RESPONSE_CHARACTERS) ?? null,
            completed_at: final ? now : null,
          },
          trx,
        );
        return {
          action: 'incident.action.attempt',
          entry: {
            kind: 'action_executed',
            body: {
              actionId: message.action_id,
              type: message.action_type,
              part: Number(message.part),
              attempt,
              outcome: status === 'pending' ? 'retrying' : status,
              request: {
                url,
                webhookId: message.id,
                timestamp: Math.floor(sentAt.getTime() / 1000),
                bodySha256: createHash('sha256').update(message.payload).digest('hex'),
                bodyBytes: Buffer.byteLength(message.payload),
              },
              response: {
                status: result.status,
                body: result.body?.slice(0, KEPT_RESPONSE_CHARACTERS) ?? null,
                error: receipt.error,
              },
            },
          },
          details: { messageId: message.id, attempt, outcome: status },
          value: null,
        };
      });
      if (!final)
        throw new Error(`Containment message ${message.id}, attempt ${attempt}: ${receipt.error}`);
    },

    /**
     * Queues messages still pending well after they were made: the process may have stopped
     * between committing an action and queueing its messages. A message's job is keyed by
     * its id, so one queued already is not queued again.
     */
    async requeueStale(): Promise<number> {
      const before = new Date(deps.clock.now().getTime() - STALE_AFTER_MS).toISOString();
      const stale = await actions.stalePending(before, 500);
      for (const messageId of stale)
        await deps.jobs.enqueue(ACTION_SEND_JOB, { messageId }, { idempotencyKey: messageId });
      return stale.length;
    },
  };
}

export type ActionDelivery = ReturnType<typeof createActionDelivery>;

/** Whether the receiver took the message: a 2xx with `{"status":"done"|"accepted"}`. */
function readReceipt(result: WebhookDelivery): { accepted: boolean; error: string | null } {
  if (!result.ok) return { accepted: false, error: result.error };
  try {
    const receipt = JSON.parse(result.body ?? '') as { status?: unknown };
    if (receipt.status === 'done' || receipt.status === 'accepted')
      return { accepted: true, error: null };
  } catch {
    // Not JSON: reported below like any other unreadable receipt.
  }
  return {
    accepted: false,
    error: `HTTP ${result.status} without a receipt: the body must be JSON with "status": "done" or "accepted"`,
  };
}
