import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  categoryParams,
  dataCategory,
  dataCategoryInput,
  dataCategoryUpdate,
} from '../../contracts/datamap.js';
import type { DatamapService } from './datamap.service.js';

const VIEWER = { role: 'viewer', scope: 'read' } as const;
const ADMIN = { role: 'admin', scope: 'admin' } as const;

/** The data-category catalogue. */
export async function datamapCategoryRoutes(
  root: FastifyInstance,
  { datamap }: { datamap: DatamapService },
): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['data map'];

  app.get(
    '/api/v1/data-categories',
    { config: { auth: VIEWER }, schema: { tags, response: { 200: z.array(dataCategory) } } },
    async (request) => datamap.categories.list(request.ctx),
  );

  app.post(
    '/api/v1/data-categories',
    {
      config: { auth: ADMIN },
      schema: { tags, body: dataCategoryInput, response: { 201: dataCategory } },
    },
    async (request, reply) =>
      reply.status(201).send(await datamap.categories.create(request.ctx, request.body)),
  );

  app.put(
    '/api/v1/data-categories/:key',
    {
      config: { auth: ADMIN },
      schema: {
        tags,
        params: categoryParams,
        body: dataCategoryUpdate,
        response: { 200: dataCategory },
      },
    },
    async (request) => datamap.categories.update(request.ctx, request.params.key, request.body),
  );
}
