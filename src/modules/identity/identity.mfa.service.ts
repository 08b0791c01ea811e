import { randomUUID } from 'node:crypto';
import { Conflict, Forbidden, Unauthorized, ValidationError } from '../../lib/errors.js';
import { authorize, type CallContext } from '../../lib/principal.js';
import type { IdentityParts } from './identity.deps.js';
import type { IssuedSession, SessionIssuer } from './identity.session-issuer.js';
import { verifyPassword } from './identity.passwords.js';
import { generateRecoveryCodes, hashRecoveryCode } from './identity.recovery.js';
import { checkTotp, newTotpSecret, qrCodeDataUrl, totpUri } from './identity.totp.js';

/** Self-service MFA: enrol, confirm, disable and regenerate recovery codes. */
export function createMfaService(
  parts: IdentityParts,
  deps: { isMfaRequired(): Promise<boolean>; issuer: SessionIssuer },
) {
  const { users, sessions, audit, clock } = parts;

  /** Enrolment is allowed while fully signed in, or in the forced-enrolment state. */
  function enrollingUser(ctx: CallContext) {
    const principal = ctx.principal;
    if (principal?.kind !== 'user') throw new Unauthorized();
    if (principal.mfa === 'pending') throw new Unauthorized('Finish signing in first');
    return principal;
  }

  async function issueRecoveryCodes(
    userId: string,
    trx?: Parameters<typeof users.replaceRecoveryCodes>[2],
  ) {
    const codes = generateRecoveryCodes();
    await users.replaceRecoveryCodes(
      userId,
      codes.map((code) => ({ id: randomUUID(), hash: hashRecoveryCode(code) })),
      trx,
    );
    return codes;
  }

  return {
    async beginEnrolment(
      ctx: CallContext,
    ): Promise<{ secret: string; otpauthUrl: string; qrCodeDataUrl: string }> {
      const principal = enrollingUser(ctx);
      const user = await users.findUserById(principal.userId);
      if (!user) throw new Unauthorized();
      if (user.mfaEnabled)
        throw new Conflict('MFA is already enabled; disable it first to enrol a new device');
      const secret = newTotpSecret();
      await parts.transaction().execute(async (trx) => {
        await users.updateUser(
          user.id,
          { mfaPendingSecret: parts.mfaSecrets.seal(secret, user.id) },
          parts.nowIso(),
          trx,
        );
        await audit.record(
          ctx,
          { action: 'identity.mfa.enrol-start', objectType: 'user', objectId: user.id },
          trx,
        );
      });
      const otpauthUrl = totpUri(secret, user.email);
      return { secret, otpauthUrl, qrCodeDataUrl: await qrCodeDataUrl(otpauthUrl) };
    },

    /**
     * Turns MFA on. A session that was forced to enrol is replaced by a fresh, fully signed-in
     * one (`rotated`), which the route hands to the browser as a new cookie.
     */
    async confirmEnrolment(
      ctx: CallContext,
      code: string,
    ): Promise<{ recoveryCodes: string[]; rotated: IssuedSession | null }> {
      const principal = enrollingUser(ctx);
      const user = await users.findUserById(principal.userId);
      if (!user?.mfaPendingSecret) throw new Conflict('Start MFA enrolment first');
      const secret = parts.mfaSecrets.open(user.mfaPendingSecret, user.id);
      const step = await checkTotp(secret, code, clock.now(), null);
      if (step === null) {
        await audit.record(ctx, {
          action: 'identity.mfa.enrol',
          objectType: 'user',
          objectId: user.id,
          outcome: 'failure',
        });
        throw ValidationError.forField(
          'body.code',
          'the code does not match; check the device clock and try the next code',
        );
      }
      return parts.transaction().execute(async (trx) => {
        const now = parts.nowIso();
        await users.updateUser(
          user.id,
          {
            mfaSecret: user.mfaPendingSecret,
            mfaPendingSecret: null,
            mfaEnabledAt: now,
            mfaLastStep: step,
          },
          now,
          trx,
        );
        const recoveryCodes = await issueRecoveryCodes(user.id, trx);
        let rotated: IssuedSession | null = null;
        if (principal.mfa === 'enrol') {
          const session = await sessions.findWithUser(principal.sessionId, trx);
          if (session) rotated = await deps.issuer.rotate(ctx, session, 'verified', trx);
        }
        await audit.record(
          ctx,
          { action: 'identity.mfa.enrol', objectType: 'user', objectId: user.id },
          trx,
        );
        return { recoveryCodes, rotated };
      });
    },

    async disable(ctx: CallContext, input: { password: string }): Promise<void> {
      const principal = authorize(ctx, { role: 'viewer', scope: 'read' });
      if (principal.kind !== 'user')
        throw new Forbidden('Only a signed-in user can change their own MFA');
      if (await deps.isMfaRequired())
        throw new Forbidden('MFA is required for every user in this deployment');
      const user = await users.findUserById(principal.userId);
      if (!user || !(await verifyPassword(user.passwordHash, input.password))) {
        throw ValidationError.forField('body.password', 'the password is not correct');
      }
      await parts.transaction().execute(async (trx) => {
        await users.updateUser(
          user.id,
          { mfaSecret: null, mfaPendingSecret: null, mfaEnabledAt: null, mfaLastStep: null },
          parts.nowIso(),
          trx,
        );
        await users.replaceRecoveryCodes(user.id, [], trx);
        await audit.record(
          ctx,
          { action: 'identity.mfa.disable', objectType: 'user', objectId: user.id },
          trx,
        );
      });
    },

    async regenerateRecoveryCodes(ctx: CallContext): Promise<{ recoveryCodes: string[] }> {
      const principal = authorize(ctx, { role: 'viewer', scope: 'read' });
      if (principal.kind !== 'user') throw new Forbidden('Only a signed-in user can do this');
      const user = await users.findUserById(principal.userId);
      if (!user?.mfaEnabled) throw new Conflict('Enable MFA first');
      return parts.transaction().execute(async (trx) => {
        const recoveryCodes = await issueRecoveryCodes(user.id, trx);
        await audit.record(
          ctx,
          { action: 'identity.mfa.recovery-codes', objectType: 'user', objectId: user.id },
          trx,
        );
        return { recoveryCodes };
      });
    },

    async remainingRecoveryCodes(userId: string): Promise<number> {
      return users.countUnusedRecoveryCodes(userId);
    },
  };
}

export type MfaService = ReturnType<typeof createMfaService>;
