import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../db/database.js';

/** /healthz: the process is alive. /readyz: it can serve traffic (database answers, not draining). */
export async function healthRoutes(
  root: FastifyInstance,
  options: { db: Db; isDraining(): boolean },
): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const status = z.object({ status: z.string(), database: z.string().optional() });

  app.get(
    '/healthz',
    {
      config: { auth: 'public' },
      logLevel: 'warn',
      schema: { tags: ['health'], response: { 200: status } },
    },
    async () => ({ status: 'ok' }),
  );

  app.get(
    '/readyz',
    {
      config: { auth: 'public' },
      logLevel: 'warn',
      schema: { tags: ['health'], response: { 200: status, 503: status } },
    },
    async (_request, reply) => {
      if (options.isDraining()) return reply.status(503).send({ status: 'draining' });
      try {
        await sql`select 1`.execute(options.db.kysely);
        return { status: 'ready', database: options.db.dialect };
      } catch {
        return reply
          .status(503)
          .send({ status: 'database unavailable', database: options.db.dialect });
      }
    },
  );
}
