import { randomUUID } from 'node:crypto';
import {
  Conflict,
  NotFound,
  RateLimited,
  Unauthorized,
  ValidationError,
} from '../../lib/errors.js';
import { hmacSha256Hex, randomToken, safeEqual, sha256Hex } from '../../lib/crypto.js';
import type { CallContext, MfaState, Principal } from '../../lib/principal.js';
import { scopesAllowedForRole } from '../../lib/principal.js';
import { SETTING_MFA_REQUIRED, SETTING_SETUP_TOKEN, type IdentityParts } from './identity.deps.js';
import { hashPassword, verifyPassword } from './identity.passwords.js';
import { publicUser } from './identity.store.js';
import { lockDurationMs } from './identity.throttle.js';
import { checkTotp } from './identity.totp.js';
import type { Session, User } from './identity.types.js';
import { hashRecoveryCode } from './identity.recovery.js';

/** A session waiting for its second factor lives only this long. */
const PENDING_MFA_MS = 10 * 60 * 1000;
/** last_seen_at is written at most this often, so reads stay reads. */
const TOUCH_INTERVAL_MS = 60 * 1000;
const GENERIC_LOGIN_FAILURE = 'Email or password is incorrect';

export interface SignedIn {
  sessionToken: string;
  session: Session;
  user: User;
}

export function createAuthService(parts: IdentityParts) {
  const { users, sessions, tokens, audit, clock, config } = parts;
  const minutes = (n: number) => n * 60 * 1000;

  async function isMfaRequired(): Promise<boolean> {
    return (await users.getSetting(SETTING_MFA_REQUIRED)) === 'true';
  }

  /** Throttle per (account, IP): the key is an HMAC so the table holds no emails or IPs. */
  function throttleKey(scope: string, subject: string, ip: string | null): string {
    return hmacSha256Hex(parts.throttleKey, `${scope}|${subject}|${ip ?? '-'}`);
  }

  async function assertNotThrottled(key: string): Promise<void> {
    const entry = await users.getThrottle(key);
    const now = clock.now().getTime();
    if (entry?.locked_until && Date.parse(entry.locked_until) > now) {
      throw new RateLimited(Math.ceil((Date.parse(entry.locked_until) - now) / 1000));
    }
  }

  async function recordFailure(key: string): Promise<void> {
    const entry = await users.getThrottle(key);
    const failures = (entry?.failures ?? 0) + 1;
    const lockMs = lockDurationMs(failures);
    const now = clock.now();
    await users.putThrottle(
      key,
      failures,
      lockMs ? new Date(now.getTime() + lockMs).toISOString() : null,
      now.toISOString(),
    );
  }

  async function createSession(
    ctx: CallContext,
    userId: string,
    mfaState: MfaState,
    userAgent: string | null,
  ) {
    const now = clock.now();
    const sessionToken = randomToken(32);
    const absolute = now.getTime() + config.sessionAbsoluteHours * 3600 * 1000;
    const session: Session = {
      id: sha256Hex(sessionToken),
      userId,
      csrfToken: randomToken(32),
      mfaState,
      ip: ctx.ip,
      userAgent: userAgent?.slice(0, 300) ?? null,
      createdAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
      expiresAt: new Date(
        mfaState === 'pending' ? Math.min(absolute, now.getTime() + PENDING_MFA_MS) : absolute,
      ).toISOString(),
    };
    await sessions.insert(session);
    return { sessionToken, session };
  }

  return {
    isMfaRequired,

    async needsSetup(): Promise<boolean> {
      return (await users.countUsers()) === 0;
    },

    /** Issues the one-time set-up token for an empty deployment; null once a user exists. */
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
        const user = {
          id: randomUUID(),
          email: input.email,
          displayName: input.displayName,
          role: 'admin' as const,
          status: 'active' as const,
          mfaEnabled: false,
          createdAt: now,
          updatedAt: now,
          passwordChangedAt: now,
          passwordHash,
          mfaSecret: null,
          mfaPendingSecret: null,
          mfaLastStep: null,
        };
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

    async login(
      ctx: CallContext,
      input: { email: string; password: string; userAgent: string | null },
    ): Promise<SignedIn> {
      const key = throttleKey('login', input.email, ctx.ip);
      await assertNotThrottled(key).catch(async (error: unknown) => {
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
        await recordFailure(key);
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
      await users.clearThrottle(key);
      const mfaState: MfaState = user.mfaEnabled
        ? 'pending'
        : (await isMfaRequired())
          ? 'enrol'
          : 'verified';
      const { sessionToken, session } = await createSession(
        ctx,
        user.id,
        mfaState,
        input.userAgent,
      );
      await audit.record(
        { ...ctx, principal: userPrincipal(user, session) },
        {
          action: 'identity.login',
          objectType: 'user',
          objectId: user.id,
          details: { mfa: mfaState },
        },
      );
      return { sessionToken, session, user: publicUser(user) };
    },

    /** Completes a pending sign-in with a TOTP code or a one-time recovery code. */
    async verifyMfa(
      ctx: CallContext,
      input: { code?: string | undefined; recoveryCode?: string | undefined },
    ): Promise<Session> {
      const principal = ctx.principal;
      if (principal?.kind !== 'user') throw new Unauthorized();
      if (principal.mfa !== 'pending')
        throw new Conflict('This session does not need a verification code');
      const key = throttleKey('mfa', principal.userId, ctx.ip);
      await assertNotThrottled(key);
      const user = await users.findUserById(principal.userId);
      if (!user?.mfaSecret) throw new Unauthorized();
      const now = clock.now();
      let method: 'totp' | 'recovery-code' | null = null;
      if (input.code) {
        const secret = parts.mfaSecrets.open(user.mfaSecret, user.id);
        const step = await checkTotp(secret, input.code, now, user.mfaLastStep);
        if (step !== null) {
          await users.updateUser(user.id, { mfaLastStep: step }, now.toISOString());
          method = 'totp';
        }
      } else if (input.recoveryCode) {
        if (
          await users.useRecoveryCode(
            user.id,
            hashRecoveryCode(input.recoveryCode),
            now.toISOString(),
          )
        )
          method = 'recovery-code';
      } else {
        throw ValidationError.forField(
          'body.code',
          'a verification code or a recovery code is required',
        );
      }
      if (!method) {
        await recordFailure(key);
        await audit.record(ctx, {
          action: 'identity.mfa.verify',
          objectType: 'user',
          objectId: user.id,
          outcome: 'failure',
        });
        throw new Unauthorized('The verification code is not valid');
      }
      await users.clearThrottle(key);
      const session = await sessions.findWithUser(principal.sessionId);
      if (!session) throw new Unauthorized();
      const expiresAt = new Date(
        Date.parse(session.createdAt) + config.sessionAbsoluteHours * 3600 * 1000,
      ).toISOString();
      await sessions.setMfaState(session.id, 'verified', expiresAt);
      await audit.record(
        { ...ctx, principal: { ...principal, mfa: 'verified' } },
        {
          action: 'identity.mfa.verify',
          objectType: 'user',
          objectId: user.id,
          details: { method },
        },
      );
      return { ...session, mfaState: 'verified', expiresAt };
    },

    /** Resolves a session cookie to its principal, enforcing idle and absolute timeouts. */
    async resolveSession(
      sessionToken: string,
    ): Promise<{ principal: Principal; session: Session } | null> {
      const session = await sessions.findWithUser(sha256Hex(sessionToken));
      if (!session || session.userStatus !== 'active') return null;
      const now = clock.now().getTime();
      const idleDeadline = Date.parse(session.lastSeenAt) + minutes(config.sessionIdleMinutes);
      if (Date.parse(session.expiresAt) <= now || idleDeadline <= now) {
        await sessions.delete(session.id);
        return null;
      }
      if (now - Date.parse(session.lastSeenAt) > TOUCH_INTERVAL_MS)
        await sessions.touch(session.id, new Date(now).toISOString());
      return {
        principal: {
          kind: 'user',
          userId: session.userId,
          email: session.email,
          role: session.role,
          sessionId: session.id,
          mfa: session.mfaState,
        },
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
        throttles: await users.deleteStaleThrottles(
          new Date(now.getTime() - 86_400_000).toISOString(),
        ),
      };
    },

    async logout(ctx: CallContext): Promise<void> {
      if (ctx.principal?.kind !== 'user') return;
      await sessions.delete(ctx.principal.sessionId);
      await audit.record(ctx, {
        action: 'identity.logout',
        objectType: 'session',
        objectId: ctx.principal.sessionId.slice(0, 12),
      });
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;

function userPrincipal(
  user: { id: string; email: string; role: User['role'] },
  session: Session,
): Principal {
  return {
    kind: 'user',
    userId: user.id,
    email: user.email,
    role: user.role,
    sessionId: session.id,
    mfa: session.mfaState,
  };
}
