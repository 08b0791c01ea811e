import type { Executor } from '../../db/database.js';
import { randomToken, sha256Hex } from '../../lib/crypto.js';
import type { CallContext, MfaState, Principal } from '../../lib/principal.js';
import type { IdentityParts } from './identity.deps.js';
import type { Session, User } from './identity.types.js';

/** A session waiting for its second factor lives only this long. */
const PENDING_MFA_MS = 10 * 60 * 1000;

export interface IssuedSession {
  /** The cookie value; only its SHA-256 is stored. */
  sessionToken: string;
  session: Session;
}

/**
 * Creates sessions. Every change of privilege (sign-in, MFA verified, forced enrolment done)
 * gets a brand-new session id and CSRF token, and the old session is deleted, so a session
 * id planted or seen before the change is worthless after it (no session fixation).
 */
export function createSessionIssuer(parts: Pick<IdentityParts, 'sessions' | 'clock' | 'config'>) {
  const { sessions, clock, config } = parts;

  async function issue(
    ctx: CallContext,
    userId: string,
    mfaState: MfaState,
    userAgent: string | null,
    trx?: Executor,
  ): Promise<IssuedSession> {
    const now = clock.now();
    const sessionToken = randomToken(32);
    const absolute = now.getTime() + config.sessionAbsoluteHours * 3600 * 1000;
    const expiresAt =
      mfaState === 'pending' ? Math.min(absolute, now.getTime() + PENDING_MFA_MS) : absolute;
    const session: Session = {
      id: sha256Hex(sessionToken),
      userId,
      csrfToken: randomToken(32),
      mfaState,
      ip: ctx.ip,
      userAgent: userAgent?.slice(0, 300) ?? null,
      createdAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
      expiresAt: new Date(expiresAt).toISOString(),
    };
    await sessions.insert(session, trx);
    return { sessionToken, session };
  }

  return {
    issue,

    /** Replaces the caller's session with a fresh one in the new MFA state. */
    async rotate(
      ctx: CallContext,
      previous: Session,
      mfaState: MfaState,
      trx?: Executor,
    ): Promise<IssuedSession> {
      await sessions.delete(previous.id, trx);
      return issue(ctx, previous.userId, mfaState, previous.userAgent, trx);
    },
  };
}

export type SessionIssuer = ReturnType<typeof createSessionIssuer>;

export function userPrincipal(
  user: Pick<User, 'id' | 'email' | 'role'>,
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
