import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { markPublic } from './public-routes.js';

/**
 * Serves the built web app. Unknown paths that are not API calls get index.html so the
 * client-side router can render them; API 404s stay JSON.
 */
export async function installWebApp(app: FastifyInstance, webRoot: string): Promise<void> {
  const index = path.join(webRoot, 'index.html');
  if (!existsSync(index))
    throw new Error(`The web app is not built: ${index} is missing (run npm run build)`);
  await app.register(async (scope) => {
    markPublic(scope);
    // wildcard: false registers one route per built file, so the catch-all below stays last.
    await scope.register(fastifyStatic, {
      root: webRoot,
      prefix: '/',
      index: false,
      wildcard: false,
      maxAge: '1h',
    });
    // index.html must be revalidated on every load: after an upgrade it names new asset files.
    const sendIndex = (reply: FastifyReply) =>
      reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });
    scope.get('/*', async (request, reply) => {
      if (request.url.startsWith('/api/')) return reply.callNotFound();
      return sendIndex(reply);
    });
    scope.get('/', async (_request, reply) => sendIndex(reply));
  });
}
