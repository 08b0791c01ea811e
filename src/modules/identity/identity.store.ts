import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Dialect, Executor } from '../../db/database.js';
import type { UsersTable } from '../../db/schema.js';
import { createSettingsStore } from '../../db/settings.store.js';
import type { Role } from '../../lib/principal.js';
import type { InvitationPurpose, User, UserRecord, UserStatus } from './identity.types.js';

type UserPatch = Partial<{
  displayName: string;
  role: Role;
  status: UserStatus;
  passwordHash: string | null;
  mfaSecret: string | null;
  mfaPendingSecret: string | null;
  mfaEnabledAt: string | null;
  mfaLastStep: number | null;
  passwordChangedAt: string | null;
}>;

/** Users, invitations, recovery codes, settings and sign-in throttling. */
export function createIdentityStore(db: Executor, dialect: Dialect) {
  const settings = createSettingsStore(db);
  return {
    async findUserById(id: string, trx: Executor = db): Promise<UserRecord | undefined> {
      const row = await trx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toUserRecord(row);
    },

    async findUserByEmail(email: string, trx: Executor = db): Promise<UserRecord | undefined> {
      const row = await trx
        .selectFrom('users')
        .selectAll()
        .where('email', '=', email)
        .executeTakeFirst();
      return row && toUserRecord(row);
    },

    async countUsers(trx: Executor = db): Promise<number> {
      const row = await trx
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /**
     * Counts active admins. On PostgreSQL it also locks their rows for the transaction, so two
     * admins disabling each other cannot both see "another admin remains" (SQLite already
     * runs one writer at a time).
     */
    async countActiveAdmins(trx: Executor = db): Promise<number> {
      let query = trx
        .selectFrom('users')
        .select('id')
        .where('role', '=', 'admin')
        .where('status', '=', 'active');
      // A fixed lock order, so two such transactions queue instead of deadlocking.
      if (dialect === 'postgres') query = query.orderBy('id').forUpdate();
      return (await query.execute()).length;
    },

    /** Records a used TOTP step only if it is newer than the last: a code works once, even in parallel. */
    async advanceMfaStep(
      userId: string,
      step: number,
      at: string,
      trx: Executor = db,
    ): Promise<boolean> {
      const result = await trx
        .updateTable('users')
        .set({ mfa_last_step: step, updated_at: at })
        .where('id', '=', userId)
        .where((eb) => eb.or([eb('mfa_last_step', 'is', null), eb('mfa_last_step', '<', step)]))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async listUsers(trx: Executor = db): Promise<User[]> {
      const rows = await trx.selectFrom('users').selectAll().orderBy('email').execute();
      return rows.map((row) => publicUser(toUserRecord(row)));
    },

    async insertUser(user: UserRecord, trx: Executor = db): Promise<void> {
      await trx
        .insertInto('users')
        .values({
          id: user.id,
          email: user.email,
          display_name: user.displayName,
          role: user.role,
          status: user.status,
          password_hash: user.passwordHash,
          mfa_secret: user.mfaSecret,
          mfa_pending_secret: user.mfaPendingSecret,
          mfa_enabled_at: null,
          mfa_last_step: null,
          password_changed_at: user.passwordChangedAt,
          created_at: user.createdAt,
          updated_at: user.updatedAt,
        })
        .execute();
    },

    async updateUser(
      id: string,
      patch: UserPatch,
      updatedAt: string,
      trx: Executor = db,
    ): Promise<void> {
      await trx
        .updateTable('users')
        .set({
          updated_at: updatedAt,
          ...(patch.displayName !== undefined && { display_name: patch.displayName }),
          ...(patch.role !== undefined && { role: patch.role }),
          ...(patch.status !== undefined && { status: patch.status }),
          ...(patch.passwordHash !== undefined && { password_hash: patch.passwordHash }),
          ...(patch.mfaSecret !== undefined && { mfa_secret: patch.mfaSecret }),
          ...(patch.mfaPendingSecret !== undefined && {
            mfa_pending_secret: patch.mfaPendingSecret,
          }),
          ...(patch.mfaEnabledAt !== undefined && { mfa_enabled_at: patch.mfaEnabledAt }),
          ...(patch.mfaLastStep !== undefined && { mfa_last_step: patch.mfaLastStep }),
          ...(patch.passwordChangedAt !== undefined && {
            password_changed_at: patch.passwordChangedAt,
          }),
        })
        .where('id', '=', id)
        .execute();
    },

    async insertInvitation(
      invitation: {
        tokenHash: string;
        userId: string;
        purpose: InvitationPurpose;
        expiresAt: string;
        createdAt: string;
      },
      trx: Executor = db,
    ): Promise<void> {
      await trx
        .insertInto('user_invitations')
        .values({
          token_hash: invitation.tokenHash,
          user_id: invitation.userId,
          purpose: invitation.purpose,
          expires_at: invitation.expiresAt,
          created_at: invitation.createdAt,
          used_at: null,
        })
        .execute();
    },

    async findOpenInvitation(tokenHash: string, now: string, trx: Executor = db) {
      return trx
        .selectFrom('user_invitations')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .executeTakeFirst();
    },

    /** Marks an invitation used; false if another request used it first. */
    async consumeInvitation(tokenHash: string, now: string, trx: Executor = db): Promise<boolean> {
      const result = await trx
        .updateTable('user_invitations')
        .set({ used_at: now })
        .where('token_hash', '=', tokenHash)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async revokeInvitations(userId: string, now: string, trx: Executor = db): Promise<void> {
      await trx
        .updateTable('user_invitations')
        .set({ used_at: now })
        .where('user_id', '=', userId)
        .where('used_at', 'is', null)
        .execute();
    },

    async replaceRecoveryCodes(
      userId: string,
      codes: { id: string; hash: string }[],
      trx: Executor = db,
    ): Promise<void> {
      await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
      if (codes.length === 0) return;
      await trx
        .insertInto('recovery_codes')
        .values(
          codes.map((code) => ({
            id: code.id,
            user_id: userId,
            code_hash: code.hash,
            used_at: null,
          })),
        )
        .execute();
    },

    /** Spends a recovery code once; false if it is unknown or already used. */
    async useRecoveryCode(
      userId: string,
      codeHash: string,
      now: string,
      trx: Executor = db,
    ): Promise<boolean> {
      const result = await trx
        .updateTable('recovery_codes')
        .set({ used_at: now })
        .where('user_id', '=', userId)
        .where('code_hash', '=', codeHash)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async countUnusedRecoveryCodes(userId: string, trx: Executor = db): Promise<number> {
      const row = await trx
        .selectFrom('recovery_codes')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('user_id', '=', userId)
        .where('used_at', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async getSetting(key: string, trx: Executor = db): Promise<string | undefined> {
      return (await settings.get(key, trx))?.value;
    },

    putSetting: settings.put,
    deleteSetting: settings.delete,
  };
}

export type IdentityStore = ReturnType<typeof createIdentityStore>;

export function toUserRecord(row: Selectable<UsersTable>): UserRecord {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role as Role,
    status: row.status as UserStatus,
    mfaEnabled: row.mfa_enabled_at !== null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    passwordChangedAt: row.password_changed_at,
    passwordHash: row.password_hash,
    mfaSecret: row.mfa_secret,
    mfaPendingSecret: row.mfa_pending_secret,
    mfaLastStep: row.mfa_last_step === null ? null : Number(row.mfa_last_step),
  };
}

export function publicUser(user: UserRecord): User {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    status: user.status,
    mfaEnabled: user.mfaEnabled,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
    passwordChangedAt: user.passwordChangedAt,
  };
}

/** A user not yet stored: active when created with a password, invited otherwise. */
export function newUserRecord(
  input: { email: string; displayName: string; role: Role; passwordHash: string | null },
  now: string,
): UserRecord {
  return {
    id: randomUUID(),
    email: input.email,
    displayName: input.displayName,
    role: input.role,
    status: input.passwordHash ? 'active' : 'invited',
    mfaEnabled: false,
    createdAt: now,
    updatedAt: now,
    passwordChangedAt: input.passwordHash ? now : null,
    passwordHash: input.passwordHash,
    mfaSecret: null,
    mfaPendingSecret: null,
    mfaLastStep: null,
  };
}
