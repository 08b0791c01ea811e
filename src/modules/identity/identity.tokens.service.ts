import { randomUUID } from 'node:crypto';
import { Forbidden, NotFound, ValidationError } from '../../lib/errors.js';
import { randomToken, sha256Hex } from '../../lib/crypto.js';
import {
  authorize,
  scopesAllowedForRole,
  type CallContext,
  type TokenScope,
} from '../../lib/principal.js';
import type { IdentityParts } from './identity.deps.js';
import type { ApiToken } from './identity.types.js';

/** Recognisable prefix so leaked tokens can be found by secret scanners. */
export const TOKEN_PREFIX = 'cdn_';

export function createTokenService(parts: IdentityParts) {
  const { tokens, audit, clock } = parts;

  function owner(ctx: CallContext) {
    const principal = authorize(ctx, { role: 'viewer', scope: 'read' });
    if (principal.kind !== 'user')
      throw new Forbidden('API tokens are managed from a signed-in session');
    return principal;
  }

  return {
    /** Each user sees their own tokens; admins may ask for everyone's. */
    async list(ctx: CallContext, options: { all?: boolean | undefined } = {}): Promise<ApiToken[]> {
      const principal = owner(ctx);
      const everyone = options.all === true && principal.role === 'admin';
      return tokens.list({ userId: everyone ? undefined : principal.userId });
    },

    async create(
      ctx: CallContext,
      input: { name: string; scopes: TokenScope[]; expiresInDays: number | null },
    ): Promise<{ token: ApiToken; secret: string }> {
      const principal = owner(ctx);
      const allowed = scopesAllowedForRole(principal.role);
      const refused = input.scopes.filter((scope) => !allowed.includes(scope));
      if (refused.length > 0) {
        throw ValidationError.forField(
          'body.scopes',
          `your role (${principal.role}) cannot grant ${refused.join(', ')}`,
        );
      }
      const now = clock.now();
      const secret = `${TOKEN_PREFIX}${randomToken(32)}`;
      const token: ApiToken = {
        id: randomUUID(),
        userId: principal.userId,
        ownerEmail: principal.email,
        name: input.name,
        tokenPrefix: secret.slice(0, TOKEN_PREFIX.length + 6),
        scopes: [...new Set(input.scopes)],
        expiresAt:
          input.expiresInDays === null
            ? null
            : new Date(now.getTime() + input.expiresInDays * 86_400_000).toISOString(),
        lastUsedAt: null,
        revokedAt: null,
        createdAt: now.toISOString(),
      };
      await parts.transaction().execute(async (trx) => {
        await tokens.insert({ ...token, tokenHash: sha256Hex(secret) }, trx);
        await audit.record(
          ctx,
          {
            action: 'identity.token.create',
            objectType: 'api_token',
            objectId: token.id,
            details: { name: token.name, scopes: token.scopes, expiresAt: token.expiresAt },
          },
          trx,
        );
      });
      return { token, secret };
    },

    /** Owners revoke their own tokens; admins revoke any. Others get 404, not 403. */
    async revoke(ctx: CallContext, id: string): Promise<void> {
      const principal = owner(ctx);
      const token = await tokens.findById(id);
      if (!token || (token.userId !== principal.userId && principal.role !== 'admin'))
        throw new NotFound('API token', id);
      await parts.transaction().execute(async (trx) => {
        await tokens.revoke(id, clock.now().toISOString(), trx);
        await audit.record(
          ctx,
          {
            action: 'identity.token.revoke',
            objectType: 'api_token',
            objectId: id,
            details: { name: token.name, owner: token.ownerEmail },
          },
          trx,
        );
      });
    },
  };
}

export type TokenService = ReturnType<typeof createTokenService>;
