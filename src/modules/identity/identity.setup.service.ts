import { Conflict, Unauthorized } from '../../lib/errors.js';
import { randomToken, safeEqual, sha256Hex } from '../../lib/crypto.js';
import type { CallContext } from '../../lib/principal.js';
import { SETTING_SETUP_TOKEN, type IdentityParts } from './identity.deps.js';
import { hashPassword } from './identity.passwords.js';
import { newUserRecord, publicUser } from './identity.store.js';
import type { User } from './identity.types.js';

/** First run: a one-time token printed on the server console creates the first admin. */
export function createSetupService(parts: IdentityParts) {
  const { users, audit } = parts;

  return {
    async needsSetup(): Promise<boolean> {
      return (await users.countUsers()) === 0;
    },

    /** Issues the set-up token for an empty deployment (stored hashed); null once a user exists. */
    async issueSetupToken(): Promise<string | null> {
      if ((await users.countUsers()) > 0) return null;
      const token = randomToken(24);
      await users.putSetting(SETTING_SETUP_TOKEN, sha256Hex(token), parts.nowIso(), null);
      return token;
    },

    async completeSetup(
      ctx: CallContext,
      input: { token: string; email: string; displayName: string; password: string },
    ): Promise<User> {
      const stored = await users.getSetting(SETTING_SETUP_TOKEN);
      if (!stored || !safeEqual(stored, sha256Hex(input.token))) {
        await audit.record(ctx, {
          action: 'identity.setup.complete',
          outcome: 'denied',
          details: { reason: 'bad-token' },
        });
        throw new Unauthorized(
          'The set-up token is not valid; use the one printed on the server console',
        );
      }
      const passwordHash = await hashPassword(input.password);
      return parts.transaction().execute(async (trx) => {
        if ((await users.countUsers(trx)) > 0) throw new Conflict('Set-up is already complete');
        const now = parts.nowIso();
        const user = newUserRecord(
          { email: input.email, displayName: input.displayName, role: 'admin', passwordHash },
          now,
        );
        await users.insertUser(user, trx);
        await users.deleteSetting(SETTING_SETUP_TOKEN, trx);
        await audit.record(
          ctx,
          {
            action: 'identity.setup.complete',
            objectType: 'user',
            objectId: user.id,
            actorLabel: user.email,
          },
          trx,
        );
        return publicUser(user);
      });
    },
  };
}

export type SetupService = ReturnType<typeof createSetupService>;
