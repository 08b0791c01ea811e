import { Webhook } from 'standardwebhooks';

export interface WebhookDelivery {
  ok: boolean;
  status: number | null;
  error: string | null;
}

/**
 * Signed outbound webhooks per the Standard Webhooks specification: HMAC-SHA256 over
 * `id.timestamp.body`, sent as `webhook-id`, `webhook-timestamp` and `webhook-signature`, so
 * the receiver can verify with any Standard Webhooks library and reject replays by id and
 * age. The same id is sent on every retry of one message, which is what makes it idempotent.
 */
export function createWebhookSender(options: { url: string; secret: string; timeoutMs?: number }) {
  const signer = new Webhook(options.secret);
  return {
    async send(id: string, payload: unknown, now: Date): Promise<WebhookDelivery> {
      const body = JSON.stringify(payload);
      try {
        const response = await fetch(options.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'webhook-id': id,
            'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
            'webhook-signature': signer.sign(id, now, body),
          },
          body,
          redirect: 'error',
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        });
        await response.body?.cancel();
        return {
          ok: response.ok,
          status: response.status,
          error: response.ok ? null : `HTTP ${response.status}`,
        };
      } catch (error) {
        return {
          ok: false,
          status: null,
          error: error instanceof Error ? error.message : String(error),
        };
      }
    },
  };
}
