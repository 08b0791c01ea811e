import type {} from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { Forbidden, Unauthorized } from '../lib/errors.js';
import { safeEqual } from '../lib/crypto.js';
import { authorize, type CallContext } from '../lib/principal.js';
import type { AuthService } from '../modules/identity/identity.auth.service.js';
import { isMutation, type RouteAuth } from './route-auth.js';

export interface RegisteredRoute {
  method: string;
  url: string;
  auth: RouteAuth | undefined;
}

export const CSRF_HEADER = 'x-csrf-token';

export function sessionCookieName(publicUrl: string): string {
  // The __Host- prefix pins the cookie to this exact origin over HTTPS (no Domain, Path=/).
  return publicUrl.startsWith('https://') ? '__Host-cordon_session' : 'cordon_session';
}

/**
 * Resolves who is calling (bearer token or session cookie) and enforces each route's declared
 * requirement before the body is even parsed, so an anonymous caller learns nothing from
 * validation errors. Cookie-authenticated mutations must echo the session's CSRF token.
 */
export function installAuth(
  app: FastifyInstance,
  options: { auth: AuthService; cookieName: string },
): RegisteredRoute[] {
  const routes: RegisteredRoute[] = [];
  const registered: RouteOptions[] = [];

  app.decorateRequest('ctx', null as unknown as CallContext);

  app.addHook('onRoute', (route) => {
    registered.push(route);
  });

  app.addHook('onReady', async () => {
    for (const route of registered) {
      const auth = route.config?.auth;
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      for (const method of methods) {
        if (method === 'HEAD') continue;
        if (auth === undefined)
          throw new Error(`Route ${method} ${route.url} does not declare config.auth`);
        routes.push({ method, url: route.url, auth });
      }
    }
  });

  app.addHook('onRequest', async (request) => {
    const { principal, csrfToken } = await identify(request, options);
    request.ctx = { principal, requestId: request.id, ip: request.ip };
    const auth = request.routeOptions.config?.auth;
    if (auth === undefined || auth === 'public') return;
    if (auth === 'session') {
      if (principal?.kind !== 'user') throw new Unauthorized();
    } else {
      authorize(request.ctx, auth);
    }
    if (csrfToken !== null && isMutation(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !safeEqual(sent, csrfToken))
        throw new Forbidden('Missing or invalid CSRF token');
    }
  });

  return routes;
}

async function identify(
  request: FastifyRequest,
  options: { auth: AuthService; cookieName: string },
) {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const principal = match?.[1] ? await options.auth.resolveToken(match[1]) : null;
    // A bad token is an error, not an anonymous call: clients should learn their token is dead.
    if (!principal) throw new Unauthorized('The API token is not valid, expired or revoked');
    return { principal, csrfToken: null };
  }
  const cookie = request.cookies[options.cookieName];
  if (!cookie) return { principal: null, csrfToken: null };
  const resolved = await options.auth.resolveSession(cookie);
  if (!resolved) return { principal: null, csrfToken: null };
  return { principal: resolved.principal, csrfToken: resolved.session.csrfToken };
}
