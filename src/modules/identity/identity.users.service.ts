import type { Executor } from '../../db/database.js';
import { Conflict, Forbidden, NotFound, Unauthorized, ValidationError } from '../../lib/errors.js';
import { authorize, type CallContext, type Role } from '../../lib/principal.js';
import { SETTING_MFA_REQUIRED, type IdentityParts } from './identity.deps.js';
import { hashPassword, verifyPassword } from './identity.passwords.js';
import { newUserRecord, publicUser } from './identity.store.js';
import type { SecuritySettings, Session, User, UserRecord } from './identity.types.js';

const ADMIN = { role: 'admin', scope: 'admin' } as const;

/** Admin user management, and each user's own password, sessions and security settings. */
export function createUserService(parts: IdentityParts) {
  const { users, sessions, audit } = parts;

  async function requireUser(id: string, trx?: Executor): Promise<UserRecord> {
    const user = await users.findUserById(id, trx);
    if (!user) throw new NotFound('User', id);
    return user;
  }

  /** The last active admin can be neither demoted nor disabled: nobody could undo it. */
  async function assertNotLastAdmin(user: UserRecord, trx: Executor): Promise<void> {
    if (
      user.role === 'admin' &&
      user.status === 'active' &&
      (await users.countActiveAdmins(trx)) <= 1
    ) {
      throw new Conflict(`'${user.email}' is the last active admin`);
    }
  }

  async function changeUser(
    ctx: CallContext,
    id: string,
    action: string,
    apply: (user: UserRecord, trx: Executor) => Promise<void>,
    details: Record<string, unknown> = {},
  ): Promise<User> {
    authorize(ctx, ADMIN);
    return parts.transaction().execute(async (trx) => {
      const user = await requireUser(id, trx);
      await apply(user, trx);
      await audit.record(
        ctx,
        { action, objectType: 'user', objectId: id, details: { email: user.email, ...details } },
        trx,
      );
      return publicUser((await users.findUserById(id, trx))!);
    });
  }

  return {
    async list(ctx: CallContext): Promise<User[]> {
      authorize(ctx, ADMIN);
      return users.listUsers();
    },

    /** The caller's own record, also while a sign-in still awaits MFA. */
    async self(ctx: CallContext): Promise<User> {
      if (ctx.principal?.kind !== 'user') throw new Unauthorized();
      return publicUser(await requireUser(ctx.principal.userId));
    },

    async get(ctx: CallContext, id: string): Promise<User> {
      const principal = authorize(ctx, { role: 'viewer', scope: 'read' });
      // Anyone may read their own record; other users' records exist only for admins.
      const isSelf = principal.kind !== 'system' && principal.userId === id;
      if (!isSelf && principal.kind !== 'system' && principal.role !== 'admin')
        throw new NotFound('User', id);
      return publicUser(await requireUser(id));
    },

    /** Creates an active user with a password: the `cordon admin create` path. */
    async createWithPassword(
      ctx: CallContext,
      input: { email: string; displayName: string; role: Role; password: string },
    ): Promise<User> {
      authorize(ctx, ADMIN);
      const passwordHash = await hashPassword(input.password);
      return parts.transaction().execute(async (trx) => {
        if (await users.findUserByEmail(input.email, trx))
          throw new Conflict(`A user with email '${input.email}' already exists`);
        const now = parts.nowIso();
        const user = newUserRecord(
          { email: input.email, displayName: input.displayName, role: input.role, passwordHash },
          now,
        );
        await users.insertUser(user, trx);
        await audit.record(
          ctx,
          {
            action: 'identity.user.create',
            objectType: 'user',
            objectId: user.id,
            details: { email: user.email, role: user.role },
          },
          trx,
        );
        return publicUser(user);
      });
    },

    changeRole(ctx: CallContext, id: string, role: Role): Promise<User> {
      return changeUser(
        ctx,
        id,
        'identity.user.role',
        async (user, trx) => {
          if (user.role === role) return;
          if (role !== 'admin') await assertNotLastAdmin(user, trx);
          await users.updateUser(id, { role }, parts.nowIso(), trx);
        },
        { role },
      );
    },

    disable(ctx: CallContext, id: string): Promise<User> {
      return changeUser(ctx, id, 'identity.user.disable', async (user, trx) => {
        await assertNotLastAdmin(user, trx);
        await users.updateUser(id, { status: 'disabled' }, parts.nowIso(), trx);
        await sessions.deleteForUser(id, trx);
        await users.revokeInvitations(id, parts.nowIso(), trx);
      });
    },

    enable(ctx: CallContext, id: string): Promise<User> {
      return changeUser(ctx, id, 'identity.user.enable', async (user, trx) => {
        if (user.status !== 'disabled') throw new Conflict(`'${user.email}' is not disabled`);
        await users.updateUser(
          id,
          { status: user.passwordHash ? 'active' : 'invited' },
          parts.nowIso(),
          trx,
        );
      });
    },

    resetMfa(ctx: CallContext, id: string): Promise<User> {
      return changeUser(ctx, id, 'identity.user.reset-mfa', async (_user, trx) => {
        await users.updateUser(
          id,
          { mfaSecret: null, mfaPendingSecret: null, mfaEnabledAt: null, mfaLastStep: null },
          parts.nowIso(),
          trx,
        );
        await users.replaceRecoveryCodes(id, [], trx);
        await sessions.deleteForUser(id, trx);
      });
    },

    async changeOwnPassword(
      ctx: CallContext,
      input: { currentPassword: string; newPassword: string },
    ): Promise<void> {
      const principal = authorize(ctx, { role: 'viewer', scope: 'read' });
      if (principal.kind !== 'user')
        throw new Forbidden('Only a signed-in user can change their password');
      const user = await requireUser(principal.userId);
      if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
        await audit.record(ctx, {
          action: 'identity.password.change',
          objectType: 'user',
          objectId: user.id,
          outcome: 'failure',
        });
        throw ValidationError.forField(
          'body.currentPassword',
          'the current password is not correct',
        );
      }
      if (input.currentPassword === input.newPassword)
        throw ValidationError.forField('body.newPassword', 'must differ from the current password');
      const passwordHash = await hashPassword(input.newPassword);
      await parts.transaction().execute(async (trx) => {
        const now = parts.nowIso();
        await users.updateUser(user.id, { passwordHash, passwordChangedAt: now }, now, trx);
        // Other sessions may belong to whoever knew the old password.
        await sessions.deleteForUser(user.id, trx, principal.sessionId);
        await audit.record(
          ctx,
          { action: 'identity.password.change', objectType: 'user', objectId: user.id },
          trx,
        );
      });
    },

    async listOwnSessions(ctx: CallContext): Promise<(Session & { current: boolean })[]> {
      const principal = authorize(ctx, { role: 'viewer', scope: 'read' });
      if (principal.kind !== 'user') throw new Forbidden('Only a signed-in user has sessions');
      const list = await sessions.listForUser(principal.userId, parts.nowIso());
      return list.map((session) => ({ ...session, current: session.id === principal.sessionId }));
    },

    async revokeOwnSession(ctx: CallContext, sessionRef: string): Promise<void> {
      const principal = authorize(ctx, { role: 'viewer', scope: 'read' });
      if (principal.kind !== 'user') throw new Forbidden('Only a signed-in user has sessions');
      const own = await sessions.listForUser(principal.userId, parts.nowIso());
      const target = own.find((session) => publicSessionId(session.id) === sessionRef);
      // Someone else's session and no session at all look the same to the caller.
      if (!target) throw new NotFound('Session', sessionRef);
      await parts.transaction().execute(async (trx) => {
        await sessions.delete(target.id, trx);
        await audit.record(
          ctx,
          { action: 'identity.session.revoke', objectType: 'session', objectId: sessionRef },
          trx,
        );
      });
    },

    /** "Sign out everywhere": ends every session of the caller, this one included. */
    async revokeAllOwnSessions(ctx: CallContext): Promise<number> {
      // A fully signed-in user only: a session still awaiting MFA proves just the password.
      const principal = authorize(ctx, { role: 'viewer', scope: 'read' });
      if (principal.kind !== 'user') throw new Forbidden('Only a signed-in user has sessions');
      return parts.transaction().execute(async (trx) => {
        const count = await sessions.deleteForUser(principal.userId, trx);
        await audit.record(
          ctx,
          {
            action: 'identity.session.revoke-all',
            objectType: 'user',
            objectId: principal.userId,
            details: { count },
          },
          trx,
        );
        return count;
      });
    },

    async getSecuritySettings(ctx: CallContext): Promise<SecuritySettings> {
      authorize(ctx, ADMIN);
      return { mfaRequired: (await users.getSetting(SETTING_MFA_REQUIRED)) === 'true' };
    },

    async updateSecuritySettings(
      ctx: CallContext,
      settings: SecuritySettings,
    ): Promise<SecuritySettings> {
      const principal = authorize(ctx, ADMIN);
      await parts.transaction().execute(async (trx) => {
        await users.putSetting(
          SETTING_MFA_REQUIRED,
          String(settings.mfaRequired),
          parts.nowIso(),
          principal.kind === 'system' ? null : principal.userId,
          trx,
        );
        await audit.record(
          ctx,
          {
            action: 'identity.settings.update',
            objectType: 'settings',
            objectId: 'security',
            details: { ...settings },
          },
          trx,
        );
      });
      return settings;
    },
  };
}

export type UserService = ReturnType<typeof createUserService>;

/**
 * Session ids are hashes of the cookie secret, but still never shown whole: the first 16 hex
 * characters are enough to tell a user's own sessions apart.
 */
export function publicSessionId(sessionId: string): string {
  return sessionId.slice(0, 16);
}
