import type { z } from 'zod';
import type {
  BlastRadius,
  Customer,
  CustomerImport,
  customerSummary,
  DataCategory,
  dataCategoryInput,
  DataMap,
  SharingAlert,
} from '@contracts/datamap.js';
import type { Integration, vendorPage } from '@contracts/vendors.js';
import { api, withQuery } from './client.js';

export type { BlastRadius, Customer, CustomerImport, DataCategory, DataMap, SharingAlert };
export type CustomerSummary = z.infer<typeof customerSummary>;
export type DataCategoryInput = z.input<typeof dataCategoryInput>;
export type VendorPage = z.infer<typeof vendorPage>;

/** TanStack Query keys, one family per resource, so a mutation invalidates exactly its own. */
export const datamapKeys = {
  categories: ['data-categories'] as const,
  customerSummary: ['customers', 'summary'] as const,
  customerImports: ['customers', 'imports'] as const,
  sharingAlerts: (status?: SharingAlert['status']) => ['sharing-alerts', status ?? 'all'] as const,
  blastRadius: (query: BlastRadiusRequest | null) => ['blast-radius', query] as const,
  dataMap: ['data-map'] as const,
  vendorOptions: ['vendors', 'options'] as const,
  integrationOptions: ['integrations', 'options'] as const,
};

// Data categories

export function fetchDataCategories(): Promise<DataCategory[]> {
  return api.get('/api/v1/data-categories');
}

export function createDataCategory(input: DataCategoryInput): Promise<DataCategory> {
  return api.post('/api/v1/data-categories', input);
}

export function updateDataCategory(
  key: string,
  input: Omit<DataCategoryInput, 'key'>,
): Promise<DataCategory> {
  return api.put(`/api/v1/data-categories/${encodeURIComponent(key)}`, input);
}

// Customers

export function fetchCustomerSummary(): Promise<CustomerSummary> {
  return api.get('/api/v1/customers/summary');
}

/** Decrypts one record on the server, which audits the lookup. */
export function lookupCustomer(email: string): Promise<Customer> {
  return api.post('/api/v1/customers/lookup', { email });
}

export function fetchCustomer(externalId: string): Promise<Customer> {
  return api.get(`/api/v1/customers/${encodeURIComponent(externalId)}`);
}

export function eraseCustomer(externalId: string, reason: string): Promise<unknown> {
  return api.delete(`/api/v1/customers/${encodeURIComponent(externalId)}`, { reason });
}

export function fetchCustomerImports(): Promise<CustomerImport[]> {
  return api.get('/api/v1/customers/imports');
}

export type ImportFormat = 'csv' | 'ndjson';

/** The format a file name implies (`.csv`, `.ndjson`, `.jsonl`, optionally gzipped), or null. */
export function importFormatOf(fileName: string): ImportFormat | null {
  const name = fileName.toLowerCase().replace(/\.gz$/, '');
  if (name.endsWith('.csv')) return 'csv';
  if (name.endsWith('.ndjson') || name.endsWith('.jsonl')) return 'ndjson';
  return null;
}

const importContentTypes: Record<ImportFormat, string> = {
  csv: 'text/csv',
  ndjson: 'application/x-ndjson',
};

/**
 * Sends the file as the raw body; the server commits every row or none. The server takes gzip
 * only with a Content-Encoding header, which `api.upload` cannot set, so a `.gz` file is
 * unpacked here first.
 */
export async function uploadCustomerImport(
  file: File,
  format: ImportFormat,
): Promise<CustomerImport> {
  const body = file.name.toLowerCase().endsWith('.gz')
    ? await new Response(file.stream().pipeThrough(new DecompressionStream('gzip'))).blob()
    : file;
  return api.upload(
    withQuery('/api/v1/customers/imports', { format }),
    body,
    importContentTypes[format],
  );
}

// Sharing alerts

export function fetchSharingAlerts(status?: SharingAlert['status']): Promise<SharingAlert[]> {
  return api.get('/api/v1/sharing-alerts', { status });
}

export function acknowledgeSharingAlert(id: string, note = ''): Promise<SharingAlert> {
  return api.post(`/api/v1/sharing-alerts/${encodeURIComponent(id)}/acknowledge`, { note });
}

// Blast radius

export type TargetType = BlastRadius['target']['type'];

/** Exactly one target and a window of UTC instants, as the API takes them. */
export interface BlastRadiusRequest {
  targetType: TargetType;
  targetId: string;
  from: string;
  to: string;
}

function blastRadiusQuery(request: BlastRadiusRequest) {
  return {
    [`${request.targetType}Id`]: request.targetId,
    from: request.from,
    to: request.to,
  };
}

export function fetchBlastRadius(request: BlastRadiusRequest): Promise<BlastRadius> {
  return api.get('/api/v1/blast-radius', blastRadiusQuery(request));
}

/** A plain GET with the session cookie, so a download link works. */
export function blastRadiusCsvUrl(request: BlastRadiusRequest): string {
  return withQuery('/api/v1/blast-radius/customers.csv', blastRadiusQuery(request));
}

// The data map, and pickers for the vendor side

export function fetchDataMap(): Promise<DataMap> {
  return api.get('/api/v1/data-map');
}

export function fetchVendorOptions(): Promise<VendorPage> {
  return api.get('/api/v1/vendors', { limit: 500 });
}

export function fetchIntegrationOptions(): Promise<Integration[]> {
  return api.get('/api/v1/integrations');
}
