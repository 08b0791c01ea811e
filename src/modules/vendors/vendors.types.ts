import type { z } from 'zod';
import type {
  IntegrationKind,
  INTEGRATION_STATUSES,
  OFFBOARDING_STEPS,
  riskFactor,
  RiskTier,
  Vendor,
  VendorInput,
  VendorStatus,
} from '../../contracts/vendors.js';
import { randomUUID } from 'node:crypto';
import type { Principal, Requirement } from '../../lib/principal.js';
import { initialRisk } from './vendors.risk.js';

export type {
  Contact,
  RiskAssessment,
  RiskTier,
  Vendor,
  VendorInput,
  VendorStatus,
  VendorSummary,
} from '../../contracts/vendors.js';

/** Who may do what with vendors; routes declare the same rules the services enforce. */
export const ACCESS = {
  read: { role: 'viewer', scope: 'read' },
  write: { role: 'analyst', scope: 'write' },
  admin: { role: 'admin', scope: 'admin' },
} as const satisfies Record<string, Requirement>;

export type RiskFactor = z.infer<typeof riskFactor>;

/** What the risk model concluded, before any human override. */
export interface ComputedRisk {
  tier: RiskTier;
  score: number;
  factors: RiskFactor[];
}

export interface RiskOverride {
  tier: RiskTier;
  reason: string;
  /** Email (or system name) of whoever set it. */
  by: string;
  at: string;
}

/** A vendor as stored; `riskTier` is the effective tier (override, else computed). */
export interface StoredVendor extends Vendor {
  nameKey: string;
  computedRisk: ComputedRisk;
  riskOverride: RiskOverride | null;
}

export type OffboardingStep = (typeof OFFBOARDING_STEPS)[number];

export type IntegrationStatus = (typeof INTEGRATION_STATUSES)[number];

/** The parts of an integration that vendor summaries and the risk model look at. */
export interface IntegrationFacts {
  id: string;
  name: string;
  kind: IntegrationKind;
  status: IntegrationStatus;
  declaredCategories: string[];
}

/** One company, one vendor: legal names that differ only in case or spacing are the same. */
export function nameKeyOf(legalName: string): string {
  return legalName.trim().replace(/\s+/g, ' ').toLowerCase();
}

export function normaliseTag(tag: string): string {
  return tag.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * Tags are a set: "PCI  Scope" and "pci scope" are one tag, and they are kept sorted so two
 * profiles with the same tags compare equal whatever order they were typed in.
 */
export function normaliseTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map(normaliseTag).filter((tag) => tag.length > 0))].sort();
}

/** The profile exactly as it will be stored: tags normalised. */
export function normaliseProfile(input: VendorInput): VendorInput {
  return { ...input, tags: normaliseTags(input.tags) };
}

/** Who to name in "done by" and "overridden by" fields. */
export function actorName(principal: Principal | null): string {
  if (!principal) return 'anonymous';
  return principal.kind === 'system' ? `system:${principal.name}` : principal.email;
}

export const PROFILE_FIELDS = [
  'legalName',
  'tradingName',
  'website',
  'domains',
  'country',
  'services',
  'businessOwner',
  'securityContact',
  'notes',
  'tags',
] as const satisfies readonly (keyof VendorInput)[];

export function profileOf(vendor: VendorInput): VendorInput {
  return Object.fromEntries(PROFILE_FIELDS.map((field) => [field, vendor[field]])) as VendorInput;
}

/** The profile fields whose values differ, in profile order (for audit details). */
export function changedFields(before: VendorInput, after: VendorInput): (keyof VendorInput)[] {
  return PROFILE_FIELDS.filter(
    (field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]),
  );
}

/** A vendor about to be created. It has no integrations yet, so its risk needs no lookups. */
export function newVendor(input: VendorInput, status: VendorStatus, at: string): StoredVendor {
  const profile = normaliseProfile(input);
  const computedRisk = initialRisk();
  return {
    id: randomUUID(),
    ...profile,
    nameKey: nameKeyOf(profile.legalName),
    status,
    riskTier: computedRisk.tier,
    computedRisk,
    riskOverride: null,
    createdAt: at,
    updatedAt: at,
  };
}

/** The API's view of a stored vendor. */
export function toVendor(vendor: StoredVendor): Vendor {
  const { nameKey: _nameKey, computedRisk: _computed, riskOverride: _override, ...shown } = vendor;
  return shown;
}
