import type { FastifyInstance } from 'fastify';
import { datamapCategoryRoutes } from './datamap.routes.js';
import { datamapSharingRoutes } from './datamap.sharing.routes.js';
import { datamapCustomerRoutes } from './datamap.customers.routes.js';
import { datamapScopeRoutes } from './datamap.scope.routes.js';
import type { DatamapService } from './datamap.service.js';

/** Every route of the data map, registered together by the app. */
export async function datamapRoutes(
  app: FastifyInstance,
  options: { datamap: DatamapService },
): Promise<void> {
  await app.register(datamapCategoryRoutes, options);
  await app.register(datamapSharingRoutes, options);
  await app.register(datamapCustomerRoutes, options);
  await app.register(datamapScopeRoutes, options);
}
