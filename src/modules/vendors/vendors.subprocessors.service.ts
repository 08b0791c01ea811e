import type { VendorDeps } from './vendors.deps.js';
import type { VendorService } from './vendors.service.js';

export function createSubprocessorService(_deps: VendorDeps & { risk: VendorService['risk'] }) {
  return {};
}

export type SubprocessorService = ReturnType<typeof createSubprocessorService>;
