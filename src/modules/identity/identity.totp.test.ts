import { generate } from 'otplib';
import { describe, expect, it } from 'vitest';
import { checkTotp, newTotpSecret, totpUri } from './identity.totp.js';

describe('TOTP', () => {
  const now = new Date('2026-03-12T08:00:10Z');
  const epoch = Math.floor(now.getTime() / 1000);

  it('accepts the current code and refuses to accept it twice', async () => {
    const secret = newTotpSecret();
    const code = await generate({ secret, epoch });
    const step = await checkTotp(secret, code, now, null);
    expect(step).toBe(Math.floor(epoch / 30));
    expect(await checkTotp(secret, code, now, step)).toBeNull();
  });

  it('tolerates one step of drift but not two', async () => {
    const secret = newTotpSecret();
    expect(
      await checkTotp(secret, await generate({ secret, epoch: epoch - 30 }), now, null),
    ).not.toBeNull();
    expect(
      await checkTotp(secret, await generate({ secret, epoch: epoch - 90 }), now, null),
    ).toBeNull();
  });

  it('refuses malformed codes and builds an otpauth URI', async () => {
    const secret = newTotpSecret();
    expect(await checkTotp(secret, '12345a', now, null)).toBeNull();
    expect(totpUri(secret, 'a@example.com')).toMatch(
      /^otpauth:\/\/totp\/Cordon:a%40example\.com\?.*secret=/,
    );
  });
});
