import { Webhook } from 'standardwebhooks';

export interface WebhookDelivery {
  ok: boolean;
  status: number | null;
  error: string | null;
  /** The response body, up to 64 KiB of it, when the sender was asked to read it. */
  body?: string;
}

const MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * Signed outbound webhooks per the Standard Webhooks specification: HMAC-SHA256 over
 * `id.timestamp.body`, sent as `webhook-id`, `webhook-timestamp` and `webhook-signature`, so
 * the receiver can verify with any Standard Webhooks library and reject replays by id and
 * age. The same id is sent on every retry of one message, which is what makes it idempotent.
 */
export function createWebhookSender(options: {
  url: string;
  secret: string;
  timeoutMs?: number;
  /** Keep the response body (a receiver's receipt); otherwise it is discarded unread. */
  readResponse?: boolean;
}) {
  const signer = new Webhook(options.secret);

  /** Sends a body exactly as given: what was signed is what is stored and what arrives. */
  async function sendBody(id: string, body: string, now: Date): Promise<WebhookDelivery> {
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
      const text = options.readResponse ? await readCapped(response) : undefined;
      if (!options.readResponse) await response.body?.cancel();
      return {
        ok: response.ok,
        status: response.status,
        error: response.ok ? null : `HTTP ${response.status}`,
        ...(text === undefined ? {} : { body: text }),
      };
    } catch (error) {
      return {
        ok: false,
        status: null,
        error: error instanceof Error ? error.message : String(error),
      };
    }
  }

  return {
    send: (id: string, payload: unknown, now: Date) => sendBody(id, JSON.stringify(payload), now),
    sendBody,
  };
}

/** At most 64 KiB of a response's text: a receiver cannot make Cordon buffer without bound. */
async function readCapped(response: Response): Promise<string> {
  // fetch's body stream yields bytes; the DOM typings leave its chunk type open.
  const reader = response.body?.getReader() as ReadableStreamDefaultReader<Uint8Array> | undefined;
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < MAX_RESPONSE_BYTES) {
    const chunk = await reader.read();
    if (chunk.done) break;
    chunks.push(chunk.value);
    size += chunk.value.length;
  }
  await reader.cancel();
  return Buffer.concat(chunks).subarray(0, MAX_RESPONSE_BYTES).toString('utf8');
}
