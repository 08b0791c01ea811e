import type { VendorDeps } from './vendors.deps.js';

/** Vendor profiles, tags, contacts, lifecycle, inherent risk, inventory import, offboarding. */
export function createVendorService(_deps: VendorDeps) {
  return {
    risk: {
      /** Recomputes and stores a vendor's inherent risk tier (after integration changes). */
      async recompute(_vendorId: string): Promise<void> {},
    },
  };
}

export type VendorService = ReturnType<typeof createVendorService>;
