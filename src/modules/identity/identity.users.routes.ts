import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams } from '../../contracts/common.js';
import {
  apiToken,
  changeRoleRequest,
  createTokenRequest,
  createdToken,
  inviteRequest,
  inviteResponse,
  listTokensQuery,
  securitySettings,
  user,
} from '../../contracts/identity.js';
import { okResponse } from '../../contracts/common.js';
import type { CallContext } from '../../lib/principal.js';
import type { IdentityRouteOptions } from './identity.auth.routes.js';

const ADMIN = { role: 'admin', scope: 'admin' } as const;
const SELF = { role: 'viewer', scope: 'read' } as const;

/** Admin user management, security settings and API tokens. */
export async function identityUsersRoutes(
  root: FastifyInstance,
  { identity }: IdentityRouteOptions,
): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const users = identity.users;

  app.get(
    '/api/v1/users',
    { config: { auth: ADMIN }, schema: { tags: ['users'], response: { 200: z.array(user) } } },
    async (request) => users.list(request.ctx),
  );

  app.get(
    '/api/v1/users/:id',
    {
      config: { auth: SELF },
      schema: { tags: ['users'], params: idParams, response: { 200: user } },
    },
    async (request) => users.get(request.ctx, request.params.id),
  );

  app.post(
    '/api/v1/users/invitations',
    {
      config: { auth: ADMIN },
      schema: { tags: ['users'], body: inviteRequest, response: { 201: inviteResponse } },
    },
    async (request, reply) =>
      reply.status(201).send(await identity.invitations.invite(request.ctx, request.body)),
  );

  app.post(
    '/api/v1/users/:id/access-link',
    {
      config: { auth: ADMIN },
      schema: {
        tags: ['users'],
        summary: 'Send a new invitation, or a password-reset link to an active user',
        params: idParams,
        response: { 200: inviteResponse },
      },
    },
    async (request) => identity.invitations.sendAccessLink(request.ctx, request.params.id),
  );

  app.put(
    '/api/v1/users/:id/role',
    {
      config: { auth: ADMIN },
      schema: {
        tags: ['users'],
        params: idParams,
        body: changeRoleRequest,
        response: { 200: user },
      },
    },
    async (request) => users.changeRole(request.ctx, request.params.id, request.body.role),
  );

  // One-click account actions: same shape, different service call.
  const accountActions = {
    disable: (ctx: CallContext, id: string) => users.disable(ctx, id),
    enable: (ctx: CallContext, id: string) => users.enable(ctx, id),
    'reset-mfa': (ctx: CallContext, id: string) => users.resetMfa(ctx, id),
  };
  for (const [action, apply] of Object.entries(accountActions)) {
    app.post(
      `/api/v1/users/:id/${action}`,
      {
        config: { auth: ADMIN },
        schema: { tags: ['users'], params: idParams, response: { 200: user } },
      },
      async (request) => apply(request.ctx, request.params.id),
    );
  }

  app.get(
    '/api/v1/settings/security',
    {
      config: { auth: ADMIN },
      schema: { tags: ['settings'], response: { 200: securitySettings } },
    },
    async (request) => users.getSecuritySettings(request.ctx),
  );

  app.put(
    '/api/v1/settings/security',
    {
      config: { auth: ADMIN },
      schema: { tags: ['settings'], body: securitySettings, response: { 200: securitySettings } },
    },
    async (request) => users.updateSecuritySettings(request.ctx, request.body),
  );

  app.get(
    '/api/v1/tokens',
    {
      config: { auth: SELF },
      schema: {
        tags: ['tokens'],
        querystring: listTokensQuery,
        response: { 200: z.array(apiToken) },
      },
    },
    async (request) => identity.tokens.list(request.ctx, { all: request.query.all === 'true' }),
  );

  // Creating a token needs only a signed-in user: the service caps its scopes at the user's role.
  app.post(
    '/api/v1/tokens',
    {
      config: { auth: SELF },
      schema: { tags: ['tokens'], body: createTokenRequest, response: { 201: createdToken } },
    },
    async (request, reply) =>
      reply.status(201).send(await identity.tokens.create(request.ctx, request.body)),
  );

  app.delete(
    '/api/v1/tokens/:id',
    {
      config: { auth: SELF },
      schema: { tags: ['tokens'], params: idParams, response: { 200: okResponse } },
    },
    async (request) => {
      await identity.tokens.revoke(request.ctx, request.params.id);
      return { ok: true as const };
    },
  );
}
