import { NotFound, Unauthorized, Conflict, ValidationError } from '../../lib/errors.js';
import { sha256Hex } from '../../lib/crypto.js';
import type { CallContext, MfaState, Principal } from '../../lib/principal.js';
import { scopesAllowedForRole } from '../../lib/principal.js';
import { SETTING_MFA_REQUIRED, type IdentityParts } from './identity.deps.js';
import { verifyPassword } from './identity.passwords.js';
import { hashRecoveryCode } from './identity.recovery.js';
import {
  createSessionIssuer,
  userPrincipal,
  type IssuedSession,
} from './identity.session-issuer.js';
import { publicUser } from './identity.store.js';
import { checkTotp } from './identity.totp.js';
import type { Session, User } from './identity.types.js';

/** last_seen_at / last_used_at are written at most this often, so reads stay reads. */
const TOUCH_INTERVAL_MS = 60 * 1000;
const GENERIC_LOGIN_FAILURE = 'Email or password is incorrect';

export interface SignedIn extends IssuedSession {
  user: User;
}

/** Sign-in, the second factor, and resolving cookies and bearer tokens to principals. */
export function createAuthService(parts: IdentityParts) {
  const { users, sessions, tokens, audit, clock, config, attempts } = parts;
  const issuer = createSessionIssuer(parts);

  async function isMfaRequired(): Promise<boolean> {
    return (await users.getSetting(SETTING_MFA_REQUIRED)) === 'true';
  }

  /** Checks a TOTP or recovery code and spends it; null when it does not match. */
  async function spendSecondFactor(
    userId: string,
    secretSealed: string,
    lastStep: number | null,
    input: { code?: string | undefined; recoveryCode?: string | undefined },
  ) {
    const now = clock.now();
    if (input.code) {
      const step = await checkTotp(
        parts.mfaSecrets.open(secretSealed, userId),
        input.code,
        now,
        lastStep,
      );
      return step !== null && (await users.advanceMfaStep(userId, step, now.toISOString()))
        ? 'totp'
        : null;
    }
    if (input.recoveryCode) {
      return (await users.useRecoveryCode(
        userId,
        hashRecoveryCode(input.recoveryCode),
        now.toISOString(),
      ))
        ? 'recovery-code'
        : null;
    }
    throw ValidationError.forField(
      'body.code',
      'a verification code or a recovery code is required',
    );
  }

  return {
    isMfaRequired,

    async login(
      ctx: CallContext,
      input: { email: string; password: string; userAgent: string | null },
    ): Promise<SignedIn> {
      // Per account and IP: an attacker elsewhere never slows the real user down.
      const key = attempts.key('login', input.email, ctx.ip);
      await attempts.admit(key).catch(async (error: unknown) => {
        await audit.record(ctx, {
          action: 'identity.login',
          outcome: 'denied',
          details: { reason: 'throttled' },
        });
        throw error;
      });
      const user = await users.findUserByEmail(input.email);
      const passwordOk = await verifyPassword(user?.passwordHash ?? null, input.password);
      if (!user || !passwordOk || user.status !== 'active') {
        const reason = !user
          ? 'unknown-account'
          : !passwordOk
            ? 'bad-password'
            : `account-${user.status}`;
        // The typed email is recorded only when it names a real account: people sometimes
        // type their password into the email field, and that must never reach the log.
        await audit.record(ctx, {
          action: 'identity.login',
          objectType: user ? 'user' : null,
          objectId: user?.id ?? null,
          outcome: 'failure',
          actorLabel: user?.email ?? null,
          details: { reason },
        });
        throw new Unauthorized(GENERIC_LOGIN_FAILURE);
      }
      await attempts.succeeded(key);
      const mfaState: MfaState = user.mfaEnabled
        ? 'pending'
        : (await isMfaRequired())
          ? 'enrol'
          : 'verified';
      return parts.transaction().execute(async (trx) => {
        const issued = await issuer.issue(ctx, user.id, mfaState, input.userAgent, trx);
        await audit.record(
          { ...ctx, principal: userPrincipal(user, issued.session) },
          {
            action: 'identity.login',
            objectType: 'user',
            objectId: user.id,
            details: { mfa: mfaState },
          },
          trx,
        );
        return { ...issued, user: publicUser(user) };
      });
    },

    /**
     * Completes a pending sign-in with a TOTP code or a recovery code, and replaces the session.
     * Attempts are throttled per user, whatever the IP: whoever is here knows the password.
     */
    async verifyMfa(
      ctx: CallContext,
      input: { code?: string | undefined; recoveryCode?: string | undefined },
    ): Promise<SignedIn> {
      const principal = ctx.principal;
      if (principal?.kind !== 'user') throw new Unauthorized();
      if (principal.mfa !== 'pending')
        throw new Conflict('This session does not need a verification code');
      const key = attempts.key('mfa', principal.userId);
      await attempts.admit(key);
      const user = await users.findUserById(principal.userId);
      if (!user?.mfaSecret) throw new Unauthorized();
      const method = await spendSecondFactor(user.id, user.mfaSecret, user.mfaLastStep, input);
      if (!method) {
        await audit.record(ctx, {
          action: 'identity.mfa.verify',
          objectType: 'user',
          objectId: user.id,
          outcome: 'failure',
        });
        throw new Unauthorized('The verification code is not valid');
      }
      await attempts.succeeded(key);
      const pending = await sessions.findWithUser(principal.sessionId);
      if (!pending) throw new Unauthorized();
      return parts.transaction().execute(async (trx) => {
        const issued = await issuer.rotate(ctx, pending, 'verified', trx);
        await audit.record(
          { ...ctx, principal: userPrincipal(user, issued.session) },
          {
            action: 'identity.mfa.verify',
            objectType: 'user',
            objectId: user.id,
            details: { method },
          },
          trx,
        );
        return { ...issued, user: publicUser(user) };
      });
    },

    /** Resolves a session cookie to its principal, enforcing idle and absolute timeouts. */
    async resolveSession(
      sessionToken: string,
    ): Promise<{ principal: Principal; session: Session } | null> {
      const session = await sessions.findWithUser(sha256Hex(sessionToken));
      if (!session || session.userStatus !== 'active') return null;
      const now = clock.now().getTime();
      const idleDeadline = Date.parse(session.lastSeenAt) + config.sessionIdleMinutes * 60_000;
      if (Date.parse(session.expiresAt) <= now || idleDeadline <= now) {
        await sessions.delete(session.id);
        return null;
      }
      if (now - Date.parse(session.lastSeenAt) > TOUCH_INTERVAL_MS)
        await sessions.touch(session.id, new Date(now).toISOString());
      return {
        principal: userPrincipal(
          { id: session.userId, email: session.email, role: session.role },
          session,
        ),
        session,
      };
    },

    /** Resolves a bearer token; its scopes are cut down to what the owner's role allows now. */
    async resolveToken(secret: string): Promise<Principal | null> {
      const token = await tokens.findByHash(sha256Hex(secret));
      if (!token || token.revokedAt || token.ownerStatus !== 'active') return null;
      const now = clock.now();
      if (token.expiresAt && Date.parse(token.expiresAt) <= now.getTime()) return null;
      if (!token.lastUsedAt || now.getTime() - Date.parse(token.lastUsedAt) > TOUCH_INTERVAL_MS)
        await tokens.touch(token.id, now.toISOString());
      const allowed = scopesAllowedForRole(token.ownerRole);
      return {
        kind: 'token',
        tokenId: token.id,
        userId: token.userId,
        email: token.ownerEmail,
        role: token.ownerRole,
        scopes: token.scopes.filter((s) => allowed.includes(s)),
      };
    },

    async getSession(sessionId: string): Promise<Session> {
      const session = await sessions.findWithUser(sessionId);
      if (!session) throw new NotFound('Session', 'current');
      return session;
    },

    /** Housekeeping: drops expired sessions and throttle entries nobody has touched for a day. */
    async purgeExpired(): Promise<{ sessions: number; throttles: number }> {
      const now = clock.now();
      return {
        sessions: await sessions.deleteExpired(now.toISOString()),
        throttles: await parts.throttles.deleteStale(
          new Date(now.getTime() - 86_400_000).toISOString(),
        ),
      };
    },

    async logout(ctx: CallContext): Promise<void> {
      const principal = ctx.principal;
      if (principal?.kind !== 'user') return;
      await parts.transaction().execute(async (trx) => {
        await sessions.delete(principal.sessionId, trx);
        await audit.record(
          ctx,
          {
            action: 'identity.logout',
            objectType: 'session',
            objectId: principal.sessionId.slice(0, 16),
          },
          trx,
        );
      });
    },

    issuer,
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
