import type { FastifyInstance } from 'fastify';
import { createAgreementService } from './vendors.agreements.service.js';
import type { VendorDeps } from './vendors.deps.js';
import { createIntegrationService } from './vendors.integrations.service.js';
import { vendorRelationRoutes } from './vendors.relations.routes.js';
import { vendorRoutes } from './vendors.routes.js';
import { createVendorService } from './vendors.service.js';
import { createSubprocessorService } from './vendors.subprocessors.service.js';

/** The vendors module: one service per concept, composed here for the app. */
export function createVendorsModule(deps: VendorDeps) {
  const vendors = createVendorService(deps);
  const withRisk = { ...deps, risk: vendors.risk };
  return {
    vendors,
    integrations: createIntegrationService(withRisk),
    subprocessors: createSubprocessorService(withRisk),
    agreements: createAgreementService(withRisk),
  };
}

export type VendorsModule = ReturnType<typeof createVendorsModule>;

export async function vendorsModuleRoutes(
  app: FastifyInstance,
  options: { vendors: VendorsModule },
): Promise<void> {
  await app.register(vendorRoutes, options);
  await app.register(vendorRelationRoutes, options);
}
