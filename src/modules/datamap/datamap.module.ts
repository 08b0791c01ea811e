import type { FastifyInstance } from 'fastify';
import { datamapCategoryRoutes } from './datamap.routes.js';
import type { DatamapService } from './datamap.service.js';

/** Every route of the data map, registered together by the app. */
export async function datamapRoutes(
  app: FastifyInstance,
  options: { datamap: DatamapService },
): Promise<void> {
  await app.register(datamapCategoryRoutes, options);
}
