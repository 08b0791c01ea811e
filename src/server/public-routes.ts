import type { FastifyInstance } from 'fastify';

/**
 * Routes registered by third-party plugins (API docs, static assets) cannot declare
 * `config.auth` themselves; inside a scope marked this way they default to public.
 */
export function markPublic(scope: FastifyInstance): void {
  scope.addHook('onRoute', (route) => {
    route.config = { ...route.config, auth: route.config?.auth ?? 'public' };
  });
}
