import type {} from 'fastify';
import type { CallContext, Requirement } from '../lib/principal.js';

/**
 * Every route declares who may call it in `config.auth`:
 * - `'public'`: anyone, signed in or not (health checks, sign-in, first-run set-up);
 * - `'session'`: any signed-in user, including one who has not finished MFA yet
 *   (only the MFA and sign-out routes use this);
 * - a Requirement: a minimum role for users and the scope an API token must hold.
 * The auth plugin refuses to start the server if a route forgets to declare it.
 */
export type RouteAuth = 'public' | 'session' | Requirement;

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: RouteAuth;
  }
  interface FastifyRequest {
    /** Who is calling; filled by the auth plugin before any handler runs. */
    ctx: CallContext;
  }
}

export function isMutation(method: string): boolean {
  return !['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase());
}
