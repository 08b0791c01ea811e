import type { FastifyInstance } from 'fastify';
import type { VendorsModule } from './vendors.module.js';

export async function vendorRelationRoutes(
  _app: FastifyInstance,
  _options: { vendors: VendorsModule },
): Promise<void> {}
