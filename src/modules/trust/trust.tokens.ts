import { createHmac } from 'node:crypto';
import { safeEqual } from '../../lib/crypto.js';

/**
 * Signed, stateless tokens for links in subscriber mail and for the public forms' CSRF field:
 * `<purpose>.<field>….<HMAC-SHA256 over purpose and fields, base64url>`. Fields are ids, topics,
 * nonces and epoch seconds, none of which contains a dot. The key is derived from the master
 * key for this purpose only, so a token signed for anything else never verifies here.
 */
export function createTokenSigner(key: Buffer) {
  const mac = (purpose: string, fields: readonly string[]) =>
    createHmac('sha256', key)
      .update(`${purpose}\u0000${fields.join('\u0000')}`)
      .digest('base64url');

  return {
    sign(purpose: string, fields: readonly string[]): string {
      for (const field of fields)
        if (!/^[A-Za-z0-9_-]+$/.test(field)) throw new Error('token fields must be URL-safe');
      return [purpose, ...fields, mac(purpose, fields)].join('.');
    },

    /** The fields of a token signed for `purpose` with `count` fields, or null. */
    verify(purpose: string, token: string, count: number): string[] | null {
      if (token.length > 512) return null;
      const parts = token.split('.');
      if (parts.length !== count + 2 || parts[0] !== purpose) return null;
      const fields = parts.slice(1, -1);
      return safeEqual(parts.at(-1)!, mac(purpose, fields)) ? fields : null;
    },
  };
}

export type TokenSigner = ReturnType<typeof createTokenSigner>;

/** Subscriber links: confirm (expires, dies with a newer request) and one-click unsubscribe. */
export function subscriberLinks(signer: TokenSigner) {
  return {
    confirmToken: (subscriberId: string, nonce: string, expiresAt: Date) =>
      signer.sign('c', [subscriberId, nonce, String(Math.floor(expiresAt.getTime() / 1000))]),

    readConfirm(token: string, now: Date) {
      const fields = signer.verify('c', token, 3);
      if (!fields) return null;
      const [subscriberId, nonce, expires] = fields as [string, string, string];
      return { subscriberId, nonce, expired: Number(expires) * 1000 <= now.getTime() };
    },

    unsubscribeToken: (subscriberId: string, topic: string) =>
      signer.sign('u', [subscriberId, topic]),

    readUnsubscribe(token: string) {
      const fields = signer.verify('u', token, 2);
      return fields ? { subscriberId: fields[0]!, topic: fields[1]! } : null;
    },
  };
}
