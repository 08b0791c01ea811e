import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { okResponse } from '../../contracts/common.js';
import {
  changePasswordRequest,
  mfaConfirmRequest,
  mfaDisableRequest,
  mfaEnrolment,
  ownSession,
  recoveryCodes,
  sessionRefParams,
} from '../../contracts/identity.js';
import type { IdentityRouteOptions } from './identity.auth.routes.js';
import { clearSessionCookie, setSessionCookie } from './identity.cookies.js';
import { publicSessionId } from './identity.users.service.js';

const SELF = { role: 'viewer', scope: 'read' } as const;

/** The signed-in user's own password, MFA and sessions. */
export async function identityMeRoutes(
  root: FastifyInstance,
  options: IdentityRouteOptions,
): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { identity } = options;
  const tags = ['profile'];

  app.post(
    '/api/v1/me/password',
    {
      config: { auth: SELF },
      schema: { tags, body: changePasswordRequest, response: { 200: okResponse } },
    },
    async (request) => {
      await identity.users.changeOwnPassword(request.ctx, request.body);
      return { ok: true as const };
    },
  );

  // 'session' because a deployment that requires MFA sends new users here before anything else.
  app.post(
    '/api/v1/me/mfa/enrol',
    { config: { auth: 'session' }, schema: { tags, response: { 200: mfaEnrolment } } },
    async (request) => identity.mfa.beginEnrolment(request.ctx),
  );

  app.post(
    '/api/v1/me/mfa/confirm',
    {
      config: { auth: 'session' },
      schema: { tags, body: mfaConfirmRequest, response: { 200: recoveryCodes } },
    },
    async (request, reply) => {
      const { recoveryCodes, rotated } = await identity.mfa.confirmEnrolment(
        request.ctx,
        request.body.code,
      );
      if (rotated) setSessionCookie(reply, options, rotated);
      return { recoveryCodes };
    },
  );

  app.post(
    '/api/v1/me/mfa/disable',
    {
      config: { auth: SELF },
      schema: { tags, body: mfaDisableRequest, response: { 200: okResponse } },
    },
    async (request) => {
      await identity.mfa.disable(request.ctx, request.body);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/me/mfa/recovery-codes',
    { config: { auth: SELF }, schema: { tags, response: { 200: recoveryCodes } } },
    async (request) => identity.mfa.regenerateRecoveryCodes(request.ctx),
  );

  app.get(
    '/api/v1/me/mfa/recovery-codes/remaining',
    {
      config: { auth: SELF },
      schema: { tags, response: { 200: z.object({ remaining: z.number() }) } },
    },
    async (request) => {
      const self = await identity.users.self(request.ctx);
      return { remaining: await identity.mfa.remainingRecoveryCodes(self.id) };
    },
  );

  app.get(
    '/api/v1/me/sessions',
    { config: { auth: SELF }, schema: { tags, response: { 200: z.array(ownSession) } } },
    async (request) => {
      const sessions = await identity.users.listOwnSessions(request.ctx);
      return sessions.map((session) => ({
        id: publicSessionId(session.id),
        ip: session.ip,
        userAgent: session.userAgent,
        createdAt: session.createdAt,
        lastSeenAt: session.lastSeenAt,
        expiresAt: session.expiresAt,
        current: session.current,
      }));
    },
  );

  app.delete(
    '/api/v1/me/sessions/:id',
    {
      config: { auth: SELF },
      schema: { tags, params: sessionRefParams, response: { 200: okResponse } },
    },
    async (request) => {
      await identity.users.revokeOwnSession(request.ctx, request.params.id);
      return { ok: true as const };
    },
  );

  // Fully signed-in only: a password alone (a session still awaiting MFA) must not be able
  // to sign the real user out everywhere, again and again.
  app.post(
    '/api/v1/me/sessions/revoke-all',
    {
      config: { auth: SELF },
      schema: { tags, response: { 200: z.object({ revoked: z.number() }) } },
    },
    async (request, reply) => {
      const revoked = await identity.users.revokeAllOwnSessions(request.ctx);
      clearSessionCookie(reply, options);
      return { revoked };
    },
  );
}
