import type { Executor } from '../../db/database.js';
import { Conflict, NotFound } from '../../lib/errors.js';
import { randomToken, sha256Hex } from '../../lib/crypto.js';
import { authorize, type CallContext, type Role } from '../../lib/principal.js';
import type { IdentityParts } from './identity.deps.js';
import { hashPassword } from './identity.passwords.js';
import { newUserRecord, publicUser } from './identity.store.js';
import type { InvitationPurpose, User, UserRecord } from './identity.types.js';

const INVITATION_DAYS = 7;
const ADMIN = { role: 'admin', scope: 'admin' } as const;

/**
 * Access links: invitations for new users and password-reset links an admin sends to an
 * existing one. Both set a password through the same one-time, 7-day link.
 */
export function createInvitationService(parts: IdentityParts) {
  const { users, sessions, audit, config, mail } = parts;

  async function requireUser(id: string, trx?: Executor): Promise<UserRecord> {
    const user = await users.findUserById(id, trx);
    if (!user) throw new NotFound('User', id);
    return user;
  }

  async function issueInvitation(
    userId: string,
    purpose: InvitationPurpose,
    trx: Executor,
  ): Promise<string> {
    const token = randomToken(32);
    const now = parts.clock.now();
    await users.revokeInvitations(userId, now.toISOString(), trx);
    await users.insertInvitation(
      {
        tokenHash: sha256Hex(token),
        userId,
        purpose,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + INVITATION_DAYS * 86_400_000).toISOString(),
      },
      trx,
    );
    // The token travels in the URL fragment, which browsers never send to servers or in Referer.
    return `${config.publicUrl}/invite#token=${token}`;
  }

  async function sendLink(
    user: Pick<User, 'email' | 'displayName' | 'role'>,
    purpose: InvitationPurpose,
    url: string,
  ) {
    const invited = purpose === 'invite';
    await mail.send({
      to: user.email,
      subject: invited ? 'You have been invited to Cordon' : 'Set a new Cordon password',
      text: invited
        ? `Hello ${user.displayName},\n\nYou have been invited to Cordon as ${user.role}.\nSet your password within ${INVITATION_DAYS} days:\n\n${url}\n`
        : `Hello ${user.displayName},\n\nAn administrator sent you a link to set a new Cordon password.\nIt works once, within ${INVITATION_DAYS} days:\n\n${url}\n\nIf you did not expect this, tell your security team.\n`,
    });
  }

  return {
    async invite(
      ctx: CallContext,
      input: { email: string; displayName: string; role: Role },
    ): Promise<{ user: User; inviteUrl: string }> {
      authorize(ctx, ADMIN);
      const result = await parts.transaction().execute(async (trx) => {
        if (await users.findUserByEmail(input.email, trx))
          throw new Conflict(`A user with email '${input.email}' already exists`);
        const now = parts.nowIso();
        const user = newUserRecord(
          {
            email: input.email,
            displayName: input.displayName,
            role: input.role,
            passwordHash: null,
          },
          now,
        );
        await users.insertUser(user, trx);
        const inviteUrl = await issueInvitation(user.id, 'invite', trx);
        await audit.record(
          ctx,
          {
            action: 'identity.user.invite',
            objectType: 'user',
            objectId: user.id,
            details: { email: user.email, role: user.role },
          },
          trx,
        );
        return { user: publicUser(user), inviteUrl };
      });
      // Sent after commit: a failed send never rolls back the invitation, and the job retries.
      await sendLink(result.user, 'invite', result.inviteUrl);
      return result;
    },

    /**
     * Sends a fresh link: a new invitation for a user who never signed in, a password-reset
     * link for an active one. Earlier links stop working.
     */
    async sendAccessLink(ctx: CallContext, id: string): Promise<{ user: User; inviteUrl: string }> {
      authorize(ctx, ADMIN);
      const result = await parts.transaction().execute(async (trx) => {
        const user = await requireUser(id, trx);
        if (user.status === 'disabled')
          throw new Conflict(`'${user.email}' is disabled; enable the account first`);
        const purpose: InvitationPurpose = user.status === 'invited' ? 'invite' : 'password-reset';
        const inviteUrl = await issueInvitation(user.id, purpose, trx);
        await audit.record(
          ctx,
          {
            action: 'identity.user.access-link',
            objectType: 'user',
            objectId: user.id,
            details: { email: user.email, purpose },
          },
          trx,
        );
        return { user: publicUser(user), inviteUrl, purpose };
      });
      await sendLink(result.user, result.purpose, result.inviteUrl);
      return { user: result.user, inviteUrl: result.inviteUrl };
    },

    async inspectInvitation(
      token: string,
    ): Promise<{ email: string; displayName: string; purpose: InvitationPurpose }> {
      const invitation = await users.findOpenInvitation(sha256Hex(token), parts.nowIso());
      if (!invitation) throw new NotFound('Invitation', 'link');
      const user = await requireUser(invitation.user_id);
      return {
        email: user.email,
        displayName: user.displayName,
        purpose: invitation.purpose as InvitationPurpose,
      };
    },

    async acceptInvitation(
      ctx: CallContext,
      input: { token: string; password: string },
    ): Promise<User> {
      const tokenHash = sha256Hex(input.token);
      const passwordHash = await hashPassword(input.password);
      return parts.transaction().execute(async (trx) => {
        const now = parts.nowIso();
        const invitation = await users.findOpenInvitation(tokenHash, now, trx);
        if (!invitation || !(await users.consumeInvitation(tokenHash, now, trx))) {
          throw new NotFound('Invitation', 'link');
        }
        const user = await requireUser(invitation.user_id, trx);
        if (user.status === 'disabled') throw new NotFound('Invitation', 'link');
        await users.updateUser(
          user.id,
          { passwordHash, status: 'active', passwordChangedAt: now },
          now,
          trx,
        );
        await sessions.deleteForUser(user.id, trx);
        await audit.record(
          { ...ctx, principal: null },
          {
            action: 'identity.invitation.accept',
            objectType: 'user',
            objectId: user.id,
            actorLabel: user.email,
          },
          trx,
        );
        return publicUser({ ...user, status: 'active' });
      });
    },
  };
}

export type InvitationService = ReturnType<typeof createInvitationService>;
