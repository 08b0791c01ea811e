import type { Executor } from '../../db/database.js';
import type { MfaState, Role } from '../../lib/principal.js';
import type { Session, UserStatus } from './identity.types.js';

export interface SessionWithUser extends Session {
  email: string;
  role: Role;
  userStatus: UserStatus;
}

export function createSessionStore(db: Executor) {
  return {
    async insert(session: Session, trx: Executor = db): Promise<void> {
      await trx
        .insertInto('sessions')
        .values({
          id: session.id,
          user_id: session.userId,
          csrf_token: session.csrfToken,
          mfa_state: session.mfaState,
          ip: session.ip,
          user_agent: session.userAgent,
          created_at: session.createdAt,
          last_seen_at: session.lastSeenAt,
          expires_at: session.expiresAt,
        })
        .execute();
    },

    async findWithUser(id: string, trx: Executor = db): Promise<SessionWithUser | undefined> {
      const row = await trx
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .selectAll('sessions')
        .select(['users.email', 'users.role', 'users.status as user_status'])
        .where('sessions.id', '=', id)
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        id: row.id,
        userId: row.user_id,
        csrfToken: row.csrf_token,
        mfaState: row.mfa_state as MfaState,
        ip: row.ip,
        userAgent: row.user_agent,
        createdAt: row.created_at,
        lastSeenAt: row.last_seen_at,
        expiresAt: row.expires_at,
        email: row.email,
        role: row.role as Role,
        userStatus: row.user_status as UserStatus,
      };
    },

    async listForUser(userId: string, now: string, trx: Executor = db): Promise<Session[]> {
      const rows = await trx
        .selectFrom('sessions')
        .selectAll()
        .where('user_id', '=', userId)
        .where('expires_at', '>', now)
        .orderBy('last_seen_at', 'desc')
        .execute();
      return rows.map((row) => ({
        id: row.id,
        userId: row.user_id,
        csrfToken: row.csrf_token,
        mfaState: row.mfa_state as MfaState,
        ip: row.ip,
        userAgent: row.user_agent,
        createdAt: row.created_at,
        lastSeenAt: row.last_seen_at,
        expiresAt: row.expires_at,
      }));
    },

    async touch(id: string, at: string, trx: Executor = db): Promise<void> {
      await trx.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
    },

    async setMfaState(
      id: string,
      state: MfaState,
      expiresAt: string,
      trx: Executor = db,
    ): Promise<void> {
      await trx
        .updateTable('sessions')
        .set({ mfa_state: state, expires_at: expiresAt })
        .where('id', '=', id)
        .execute();
    },

    async delete(id: string, trx: Executor = db): Promise<boolean> {
      const result = await trx.deleteFrom('sessions').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },

    async deleteForUser(userId: string, trx: Executor = db, exceptId?: string): Promise<number> {
      let query = trx.deleteFrom('sessions').where('user_id', '=', userId);
      if (exceptId) query = query.where('id', '!=', exceptId);
      const result = await query.executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async deleteExpired(now: string, trx: Executor = db): Promise<number> {
      const result = await trx
        .deleteFrom('sessions')
        .where('expires_at', '<=', now)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;
