import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { okResponse } from '../../contracts/common.js';
import {
  acceptInvitationRequest,
  invitationInfo,
  invitationTokenRequest,
  loginRequest,
  mfaVerifyRequest,
  sessionInfo,
  setupRequest,
  setupStatus,
  user as userSchema,
} from '../../contracts/identity.js';
import { Unauthorized } from '../../lib/errors.js';
import {
  clearSessionCookie,
  setSessionCookie,
  type SessionCookieOptions,
} from './identity.cookies.js';
import type { IdentityService } from './identity.service.js';
import type { Session, User } from './identity.types.js';

export interface IdentityRouteOptions extends SessionCookieOptions {
  identity: IdentityService;
}

/** Sign-in, MFA verification, sign-out, first-run set-up and invitation acceptance. */
export async function identityAuthRoutes(
  root: FastifyInstance,
  options: IdentityRouteOptions,
): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { identity } = options;
  const tags = ['auth'];
  // Sign-in and set-up are what attackers hammer; the per-account backoff is the real
  // defence, this per-IP ceiling just keeps password hashing from eating the CPU.
  const strictLimit = { rateLimit: { max: 30, timeWindow: '1 minute' } };

  async function describe(session: Session, user: User) {
    return {
      user,
      mfa: session.mfaState,
      mfaRequired: await identity.auth.isMfaRequired(),
      csrfToken: session.csrfToken,
      expiresAt: session.expiresAt,
    };
  }

  app.get(
    '/api/v1/setup/status',
    { config: { auth: 'public' }, schema: { tags, response: { 200: setupStatus } } },
    async () => ({
      needsSetup: await identity.setup.needsSetup(),
    }),
  );

  app.post(
    '/api/v1/setup',
    {
      config: { auth: 'public', ...strictLimit },
      schema: { tags, body: setupRequest, response: { 201: userSchema } },
    },
    async (request, reply) => {
      const created = await identity.setup.completeSetup(request.ctx, request.body);
      return reply.status(201).send(created);
    },
  );

  app.post(
    '/api/v1/auth/login',
    {
      config: { auth: 'public', ...strictLimit },
      schema: { tags, body: loginRequest, response: { 200: sessionInfo } },
    },
    async (request, reply) => {
      const signedIn = await identity.auth.login(request.ctx, {
        ...request.body,
        userAgent: request.headers['user-agent'] ?? null,
      });
      setSessionCookie(reply, options, signedIn);
      return describe(signedIn.session, signedIn.user);
    },
  );

  app.post(
    '/api/v1/auth/mfa/verify',
    {
      config: { auth: 'session', ...strictLimit },
      schema: { tags, body: mfaVerifyRequest, response: { 200: sessionInfo } },
    },
    async (request, reply) => {
      const signedIn = await identity.auth.verifyMfa(request.ctx, request.body);
      setSessionCookie(reply, options, signedIn);
      return describe(signedIn.session, signedIn.user);
    },
  );

  app.get(
    '/api/v1/auth/session',
    { config: { auth: 'session' }, schema: { tags, response: { 200: sessionInfo } } },
    async (request) => {
      const principal = request.ctx.principal;
      if (principal?.kind !== 'user') throw new Unauthorized();
      const session = await identity.auth.getSession(principal.sessionId);
      return describe(session, await identity.users.self(request.ctx));
    },
  );

  app.post(
    '/api/v1/auth/logout',
    { config: { auth: 'session' }, schema: { tags, response: { 200: okResponse } } },
    async (request, reply) => {
      await identity.auth.logout(request.ctx);
      clearSessionCookie(reply, options);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/invitations/inspect',
    {
      config: { auth: 'public', ...strictLimit },
      schema: { tags, body: invitationTokenRequest, response: { 200: invitationInfo } },
    },
    async (request) => identity.invitations.inspectInvitation(request.body.token),
  );

  app.post(
    '/api/v1/invitations/accept',
    {
      config: { auth: 'public', ...strictLimit },
      schema: { tags, body: acceptInvitationRequest, response: { 200: userSchema } },
    },
    async (request) => identity.invitations.acceptInvitation(request.ctx, request.body),
  );
}
