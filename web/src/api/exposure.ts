import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AdvisoryKind,
  alertList,
  Component,
  componentPage,
  declaredProductInput,
  ExposureAlert,
  Finding,
  FindingDetail,
  findingPage,
  FindingStatus,
  findingStatusInput,
  ImportResult,
  Portfolio,
  SbomChange,
  SbomSummary,
  SbomUploadResult,
  SeverityRating,
  Trend,
  vexResult,
} from '@contracts/exposure.js';
import { useRefreshingMutation } from './mutations.js';
import { api } from './client.js';

export type {
  AdvisoryKind,
  Component,
  ExposureAlert,
  Finding,
  FindingDetail,
  FindingStatus,
  ImportResult,
  Portfolio,
  SbomChange,
  SbomSummary,
  SbomUploadResult,
  SeverityRating,
  Trend,
};
export type ComponentPage = z.infer<typeof componentPage>;
export type FindingPage = z.infer<typeof findingPage>;
export type AlertList = z.infer<typeof alertList>;
export type VexResult = z.infer<typeof vexResult>;
export type DeclaredProduct = z.input<typeof declaredProductInput>;
export type FindingStatusChange = z.input<typeof findingStatusInput>;

export interface FindingFilter {
  vendorId?: string | undefined;
  status?: FindingStatus | undefined;
  severity?: SeverityRating | undefined;
  knownExploited?: boolean | undefined;
  limit?: number;
  offset?: number;
}
export interface ComponentFilter {
  q?: string | undefined;
  limit?: number;
  offset?: number;
}

/**
 * Query keys: everything about exposure sits under `['exposure']`, so one invalidation after an
 * upload, an import or a triage refreshes the vendor's tab, the portfolio and any open finding.
 */
export const exposureKeys = {
  all: ['exposure'] as const,
  sboms: (vendorId: string) => ['exposure', 'sboms', vendorId] as const,
  sbomChanges: (vendorId: string, sbomId: string) =>
    ['exposure', 'sboms', vendorId, sbomId] as const,
  components: (vendorId: string, filter: ComponentFilter) =>
    ['exposure', 'components', vendorId, filter] as const,
  findings: (filter: FindingFilter) => ['exposure', 'findings', filter] as const,
  finding: (id: string) => ['exposure', 'finding', id] as const,
  portfolio: ['exposure', 'portfolio'] as const,
  trend: (days: number) => ['exposure', 'trend', days] as const,
  alerts: ['exposure', 'alerts'] as const,
  imports: ['exposure', 'imports'] as const,
};

const enc = encodeURIComponent;
const vendorPath = (vendorId: string) => `/api/v1/vendors/${enc(vendorId)}`;
const findingPath = (id: string) => `/api/v1/exposure/findings/${enc(id)}`;

function fileForm(file: File): FormData {
  const form = new FormData();
  form.append('file', file, file.name);
  return form;
}

// SBOMs, components, declared products, VEX
export const fetchSboms = (vendorId: string): Promise<SbomSummary[]> =>
  api.get(`${vendorPath(vendorId)}/sboms`);
export const uploadSbom = (
  vendorId: string,
  file: File,
  integrationId: string | null,
): Promise<SbomUploadResult> => {
  const query = integrationId ? `?integrationId=${enc(integrationId)}` : '';
  return api.upload(`${vendorPath(vendorId)}/sboms${query}`, fileForm(file));
};
export const fetchSbomChanges = (
  vendorId: string,
  sbomId: string,
): Promise<{ sbom: SbomSummary; changes: SbomChange[] }> =>
  api.get(`${vendorPath(vendorId)}/sboms/${enc(sbomId)}/changes`);
export const sbomFileUrl = (vendorId: string, sbomId: string) =>
  `${vendorPath(vendorId)}/sboms/${enc(sbomId)}/file`;
export const fetchComponents = (
  vendorId: string,
  filter: ComponentFilter,
): Promise<ComponentPage> => api.get(`${vendorPath(vendorId)}/components`, { ...filter });
export const declareProduct = (vendorId: string, input: DeclaredProduct): Promise<Component> =>
  api.post(`${vendorPath(vendorId)}/products`, input);
export const removeProduct = (vendorId: string, componentId: string): Promise<{ ok: true }> =>
  api.delete(`${vendorPath(vendorId)}/products/${enc(componentId)}`);
export const uploadVex = (vendorId: string, file: File): Promise<VexResult> =>
  api.upload(`${vendorPath(vendorId)}/vex`, fileForm(file));

// Findings
export const fetchFindings = (filter: FindingFilter): Promise<FindingPage> =>
  api.get('/api/v1/exposure/findings', { ...filter });
export const fetchFinding = (id: string): Promise<FindingDetail> => api.get(findingPath(id));
export const setFindingStatus = (id: string, change: FindingStatusChange): Promise<Finding> =>
  api.put(`${findingPath(id)}/status`, change);

// Portfolio, trend, alerts
export const fetchPortfolio = (): Promise<Portfolio> => api.get('/api/v1/exposure/portfolio');
export const fetchTrend = (days: number): Promise<Trend> =>
  api.get('/api/v1/exposure/trend', { days });
export const fetchAlerts = (query: {
  unacknowledged?: boolean;
  limit?: number;
}): Promise<AlertList> => api.get('/api/v1/exposure/alerts', { ...query });
export const acknowledgeAlert = (alertId: string): Promise<{ ok: true }> =>
  api.post(`/api/v1/exposure/alerts/${enc(alertId)}/acknowledge`);

// Advisory feeds
export const importAdvisories = (kind: AdvisoryKind, file: File): Promise<ImportResult> =>
  api.upload(`/api/v1/exposure/advisories/import?kind=${enc(kind)}`, fileForm(file));
export const fetchImports = (): Promise<{ items: ImportResult[] }> =>
  api.get('/api/v1/exposure/imports');

// Query hooks
export const useSboms = (vendorId: string) =>
  useQuery({ queryKey: exposureKeys.sboms(vendorId), queryFn: () => fetchSboms(vendorId) });
export const useSbomChanges = (vendorId: string, sbomId: string | null) =>
  useQuery({
    queryKey: exposureKeys.sbomChanges(vendorId, sbomId ?? ''),
    queryFn: () => fetchSbomChanges(vendorId, sbomId ?? ''),
    enabled: sbomId !== null,
  });
export const useComponents = (vendorId: string, filter: ComponentFilter) =>
  useQuery({
    queryKey: exposureKeys.components(vendorId, filter),
    queryFn: () => fetchComponents(vendorId, filter),
    placeholderData: keepPreviousData,
  });
export const useFindings = (filter: FindingFilter) =>
  useQuery({
    queryKey: exposureKeys.findings(filter),
    queryFn: () => fetchFindings(filter),
    placeholderData: keepPreviousData,
  });
export const useFinding = (id: string) =>
  useQuery({ queryKey: exposureKeys.finding(id), queryFn: () => fetchFinding(id) });
export const usePortfolio = () =>
  useQuery({ queryKey: exposureKeys.portfolio, queryFn: fetchPortfolio });
export const useTrend = (days: number) =>
  useQuery({ queryKey: exposureKeys.trend(days), queryFn: () => fetchTrend(days) });
export const useAlerts = (limit = 20) =>
  useQuery({
    queryKey: [...exposureKeys.alerts, limit],
    queryFn: () => fetchAlerts({ unacknowledged: true, limit }),
  });
export const useImports = (enabled = true) =>
  useQuery({ queryKey: exposureKeys.imports, queryFn: fetchImports, enabled });

// Mutation hooks: each refreshes exposure once the server has answered.
const useExposureMutation = <Input, Output>(mutationFn: (input: Input) => Promise<Output>) =>
  useRefreshingMutation(exposureKeys.all, mutationFn);

export const useUploadSbom = (vendorId: string) =>
  useExposureMutation(({ file, integrationId }: { file: File; integrationId: string | null }) =>
    uploadSbom(vendorId, file, integrationId),
  );
export const useDeclareProduct = (vendorId: string) =>
  useExposureMutation((input: DeclaredProduct) => declareProduct(vendorId, input));
export const useRemoveProduct = (vendorId: string) =>
  useExposureMutation((componentId: string) => removeProduct(vendorId, componentId));
export const useUploadVex = (vendorId: string) =>
  useExposureMutation((file: File) => uploadVex(vendorId, file));
export const useSetFindingStatus = (findingId: string) =>
  useExposureMutation((change: FindingStatusChange) => setFindingStatus(findingId, change));
export const useAcknowledgeAlert = () => useExposureMutation(acknowledgeAlert);
export const useImportAdvisories = () =>
  useExposureMutation(({ kind, file }: { kind: AdvisoryKind; file: File }) =>
    importAdvisories(kind, file),
  );
