import type { VendorDeps } from './vendors.deps.js';
import type { VendorService } from './vendors.service.js';

export function createAgreementService(_deps: VendorDeps & { risk: VendorService['risk'] }) {
  return {};
}

export type AgreementService = ReturnType<typeof createAgreementService>;
