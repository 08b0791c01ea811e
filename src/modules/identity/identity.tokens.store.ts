import type { Executor } from '../../db/database.js';
import type { Role, TokenScope } from '../../lib/principal.js';
import type { ApiToken, UserStatus } from './identity.types.js';

export interface TokenWithOwner extends ApiToken {
  ownerRole: Role;
  ownerStatus: UserStatus;
}

export function createTokenStore(db: Executor) {
  function baseQuery(trx: Executor) {
    return trx
      .selectFrom('api_tokens')
      .innerJoin('users', 'users.id', 'api_tokens.user_id')
      .select([
        'api_tokens.id',
        'api_tokens.user_id',
        'api_tokens.name',
        'api_tokens.token_prefix',
        'api_tokens.scopes',
        'api_tokens.expires_at',
        'api_tokens.last_used_at',
        'api_tokens.revoked_at',
        'api_tokens.created_at',
        'users.email',
        'users.role',
        'users.status',
      ]);
  }

  type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

  function toToken(row: Row): TokenWithOwner {
    return {
      id: row.id,
      userId: row.user_id,
      ownerEmail: row.email,
      name: row.name,
      tokenPrefix: row.token_prefix,
      scopes: JSON.parse(row.scopes) as TokenScope[],
      expiresAt: row.expires_at,
      lastUsedAt: row.last_used_at,
      revokedAt: row.revoked_at,
      createdAt: row.created_at,
      ownerRole: row.role as Role,
      ownerStatus: row.status as UserStatus,
    };
  }

  return {
    async insert(token: ApiToken & { tokenHash: string }, trx: Executor = db): Promise<void> {
      await trx
        .insertInto('api_tokens')
        .values({
          id: token.id,
          user_id: token.userId,
          name: token.name,
          token_hash: token.tokenHash,
          token_prefix: token.tokenPrefix,
          scopes: JSON.stringify(token.scopes),
          expires_at: token.expiresAt,
          last_used_at: null,
          revoked_at: null,
          created_at: token.createdAt,
        })
        .execute();
    },

    async findByHash(tokenHash: string, trx: Executor = db): Promise<TokenWithOwner | undefined> {
      const row = await baseQuery(trx)
        .where('api_tokens.token_hash', '=', tokenHash)
        .executeTakeFirst();
      return row && toToken(row);
    },

    async findById(id: string, trx: Executor = db): Promise<TokenWithOwner | undefined> {
      const row = await baseQuery(trx).where('api_tokens.id', '=', id).executeTakeFirst();
      return row && toToken(row);
    },

    async list(
      filter: { userId?: string | undefined },
      trx: Executor = db,
    ): Promise<TokenWithOwner[]> {
      let query = baseQuery(trx);
      if (filter.userId) query = query.where('api_tokens.user_id', '=', filter.userId);
      const rows = await query.orderBy('api_tokens.created_at', 'desc').execute();
      return rows.map(toToken);
    },

    async revoke(id: string, at: string, trx: Executor = db): Promise<void> {
      await trx
        .updateTable('api_tokens')
        .set({ revoked_at: at })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .execute();
    },

    async touch(id: string, at: string, trx: Executor = db): Promise<void> {
      await trx.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
    },
  };
}

export type TokenStore = ReturnType<typeof createTokenStore>;
