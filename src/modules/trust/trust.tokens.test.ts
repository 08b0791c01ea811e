import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createTokenSigner, subscriberLinks } from './trust.tokens.js';

const links = subscriberLinks(createTokenSigner(randomBytes(32)));
const id = '7c9e6679-7425-40de-944b-e07fc1f66ae7';

describe('subscriber links', () => {
  it('reads back what it signed', () => {
    expect(links.readUnsubscribe(links.unsubscribeToken(id, 'updates'))).toEqual({
      subscriberId: id,
      topic: 'updates',
    });
    const now = new Date('2026-03-12T08:00:00Z');
    const token = links.confirmToken(id, 'abc', new Date(now.getTime() + 1000));
    expect(links.readConfirm(token, now)).toEqual({
      subscriberId: id,
      nonce: 'abc',
      expired: false,
    });
    expect(links.readConfirm(token, new Date(now.getTime() + 1000))?.expired).toBe(true);
  });

  it('refuses altered, forged, re-purposed and foreign tokens', () => {
    const token = links.unsubscribeToken(id, 'updates');
    const other = subscriberLinks(createTokenSigner(randomBytes(32)));
    const parts = token.split('.');
    for (const bad of [
      token.replace('updates', 'advisories'),
      `${token.slice(0, -2)}AA`,
      [parts[0], '8c9e6679-7425-40de-944b-e07fc1f66ae7', parts[2], parts[3]].join('.'),
      other.unsubscribeToken(id, 'updates'),
      `c.${parts.slice(1).join('.')}`,
      '',
      'u..',
      'x'.repeat(600),
    ])
      expect(links.readUnsubscribe(bad), bad).toBeNull();
    expect(links.readConfirm(token, new Date())).toBeNull();
  });
});
