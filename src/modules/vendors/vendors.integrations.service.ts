import type { VendorDeps } from './vendors.deps.js';
import type { VendorService } from './vendors.service.js';

export function createIntegrationService(_deps: VendorDeps & { risk: VendorService['risk'] }) {
  return {};
}

export type IntegrationService = ReturnType<typeof createIntegrationService>;
