import type { z } from 'zod';
import type { dataCategory, sharingSeries } from '@contracts/datamap.js';
import type {
  agreement,
  agreementDocument,
  agreementInput,
  contact,
  contactInput,
  integration,
  integrationInput,
  offboardingChecklist,
  offboardingStep,
  riskAssessment,
  RiskTier,
  subprocessorInput,
  subprocessorLink,
  vendor,
  vendorImportResult,
  vendorInput,
  vendorPage,
  VendorStatus,
  vendorSummary,
} from '@contracts/vendors.js';
import { api } from './client.js';

export type Vendor = z.infer<typeof vendor>;
export type VendorSummary = z.infer<typeof vendorSummary>;
export type VendorPage = z.infer<typeof vendorPage>;
export type VendorInput = z.input<typeof vendorInput>;
export type VendorImportResult = z.infer<typeof vendorImportResult>;
export type RiskAssessment = z.infer<typeof riskAssessment>;
export type Contact = z.infer<typeof contact>;
export type ContactInput = z.input<typeof contactInput>;
export type OffboardingChecklist = z.infer<typeof offboardingChecklist>;
export type OffboardingStep = z.infer<typeof offboardingStep>;
export type Integration = z.infer<typeof integration>;
export type IntegrationInput = z.input<typeof integrationInput>;
export type SubprocessorLink = z.infer<typeof subprocessorLink>;
export type SubprocessorInput = z.input<typeof subprocessorInput>;
export type Agreement = z.infer<typeof agreement>;
export type AgreementInput = z.input<typeof agreementInput>;
export type AgreementDocument = z.infer<typeof agreementDocument>;
export type DataCategory = z.infer<typeof dataCategory>;
export type SharingSeries = z.infer<typeof sharingSeries>;

export type VendorFilter = {
  q?: string | undefined;
  status?: VendorStatus | undefined;
  tier?: RiskTier | undefined;
  category?: string | undefined;
  tag?: string | undefined;
  limit?: number;
  offset?: number;
};

/**
 * Query keys. Everything about one vendor sits under `['vendors', id]`, so invalidating
 * `vendorKeys.all` after a change refreshes the list, the tags and every open vendor.
 */
export const vendorKeys = {
  all: ['vendors'] as const,
  list: (filter: VendorFilter) => ['vendors', 'list', filter] as const,
  tags: ['vendors', 'tags'] as const,
  detail: (id: string) => ['vendors', id] as const,
  part: (id: string, part: string) => ['vendors', id, part] as const,
};
export const dataCategoriesKey = ['data-categories'] as const;
export const integrationsKey = ['integrations'] as const;

const base = '/api/v1/vendors';
const vendorPath = (id: string) => `${base}/${encodeURIComponent(id)}`;
const childPath = (id: string, kind: string, childId?: string) =>
  `${vendorPath(id)}/${kind}${childId ? `/${encodeURIComponent(childId)}` : ''}`;

// Vendors
export function fetchVendors(filter: VendorFilter): Promise<VendorPage> {
  return api.get(base, { ...filter });
}
export function fetchVendorTags(): Promise<string[]> {
  return api.get(`${base}/tags`);
}
export function fetchVendor(id: string): Promise<VendorSummary> {
  return api.get(vendorPath(id));
}
export function createVendor(input: VendorInput): Promise<Vendor> {
  return api.post(base, input);
}
export function updateVendor(id: string, input: VendorInput): Promise<Vendor> {
  return api.put(vendorPath(id), input);
}
export function deleteVendor(id: string): Promise<{ ok: true }> {
  return api.delete(vendorPath(id));
}
export function importVendors(file: Blob): Promise<VendorImportResult> {
  return api.upload(`${base}/import`, file, 'text/csv');
}
export function changeVendorStatus(
  id: string,
  status: VendorStatus,
  reason: string,
): Promise<Vendor> {
  return api.post(`${vendorPath(id)}/status`, { status, reason });
}

// Risk
export function fetchRisk(id: string): Promise<RiskAssessment> {
  return api.get(`${vendorPath(id)}/risk`);
}
export function overrideRisk(
  id: string,
  tier: RiskTier | null,
  reason: string,
): Promise<RiskAssessment> {
  return api.put(`${vendorPath(id)}/risk-override`, { tier, reason });
}

// Contacts
export function fetchContacts(id: string): Promise<Contact[]> {
  return api.get(childPath(id, 'contacts'));
}
export function saveContact(id: string, input: ContactInput, contactId?: string): Promise<Contact> {
  return contactId
    ? api.put(childPath(id, 'contacts', contactId), input)
    : api.post(childPath(id, 'contacts'), input);
}
export function deleteContact(id: string, contactId: string): Promise<{ ok: true }> {
  return api.delete(childPath(id, 'contacts', contactId));
}

// Offboarding
export function fetchOffboarding(id: string): Promise<OffboardingChecklist> {
  return api.get(`${vendorPath(id)}/offboarding`);
}
export function completeOffboardingStep(
  id: string,
  step: OffboardingStep,
  note: string,
): Promise<OffboardingChecklist> {
  return api.post(`${vendorPath(id)}/offboarding/${step}`, { note });
}

// Integrations
export function fetchAllIntegrations(): Promise<Integration[]> {
  return api.get('/api/v1/integrations');
}
export function fetchIntegrations(id: string): Promise<Integration[]> {
  return api.get(childPath(id, 'integrations'));
}
export function saveIntegration(
  id: string,
  input: IntegrationInput,
  integrationId?: string,
): Promise<Integration> {
  return integrationId
    ? api.put(childPath(id, 'integrations', integrationId), input)
    : api.post(childPath(id, 'integrations'), input);
}
export function deleteIntegration(id: string, integrationId: string): Promise<{ ok: true }> {
  return api.delete(childPath(id, 'integrations', integrationId));
}

// Subprocessors
export function fetchSubprocessors(id: string): Promise<SubprocessorLink[]> {
  return api.get(childPath(id, 'subprocessors'));
}
export function fetchUsedBy(id: string): Promise<SubprocessorLink[]> {
  return api.get(childPath(id, 'used-by'));
}
export function addSubprocessor(id: string, input: SubprocessorInput): Promise<SubprocessorLink> {
  return api.post(childPath(id, 'subprocessors'), input);
}
export function removeSubprocessor(id: string, linkId: string): Promise<{ ok: true }> {
  return api.delete(childPath(id, 'subprocessors', linkId));
}

// Agreements (contracts) and their documents
export function fetchAgreements(id: string): Promise<Agreement[]> {
  return api.get(childPath(id, 'agreements'));
}
export function saveAgreement(
  id: string,
  input: AgreementInput,
  agreementId?: string,
): Promise<Agreement> {
  return agreementId
    ? api.put(childPath(id, 'agreements', agreementId), input)
    : api.post(childPath(id, 'agreements'), input);
}
export function deleteAgreement(id: string, agreementId: string): Promise<{ ok: true }> {
  return api.delete(childPath(id, 'agreements', agreementId));
}
export function documentUrl(id: string, agreementId: string, documentId: string): string {
  return `${childPath(id, 'agreements', agreementId)}/documents/${encodeURIComponent(documentId)}`;
}
export function uploadAgreementDocument(
  id: string,
  agreementId: string,
  file: File,
): Promise<AgreementDocument> {
  const form = new FormData();
  form.append('file', file, file.name);
  return api.upload(`${childPath(id, 'agreements', agreementId)}/documents`, form);
}
export function deleteAgreementDocument(
  id: string,
  agreementId: string,
  documentId: string,
): Promise<{ ok: true }> {
  return api.delete(documentUrl(id, agreementId, documentId));
}

// Data map
export function fetchDataCategories(): Promise<DataCategory[]> {
  return api.get('/api/v1/data-categories');
}
export function fetchSharingSeries(
  id: string,
  range: { from?: string | undefined; to?: string | undefined } = {},
): Promise<SharingSeries> {
  return api.get(`${vendorPath(id)}/sharing`, range);
}
