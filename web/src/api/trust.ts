import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AccessRequest,
  DocumentMetadata,
  Measure,
  measureInput,
  ScheduleSubprocessorInput,
  StatusUpdate,
  StatusUpdateInput,
  Subprocessor,
  subprocessorOverview,
  subscriberCount,
  syncResult,
  TrustDocument,
  TrustSettings,
  trustSettingsInput,
} from '@contracts/trust.js';
import { api } from './client.js';
import { useRefreshingMutation } from './mutations.js';

export type {
  AccessRequest,
  DocumentMetadata,
  Measure,
  ScheduleSubprocessorInput,
  StatusUpdate,
  StatusUpdateInput,
  Subprocessor,
  TrustDocument,
  TrustSettings,
};
export type TrustSettingsInput = z.input<typeof trustSettingsInput>;
export type MeasureInput = z.input<typeof measureInput>;
export type SubprocessorOverview = z.infer<typeof subprocessorOverview>;
export type SubscriberCount = z.infer<typeof subscriberCount>;
export type SyncResult = z.infer<typeof syncResult>;

/** Where the public pages live (server-rendered, outside the app). */
export const PUBLIC_TRUST_URL = '/trust';

/**
 * Query keys: everything sits under `['trust']`, so any change refreshes every tab; a change
 * in one part (a scheduled subprocessor, a published update) can move the subscriber counts too.
 */
export const trustKeys = {
  all: ['trust'] as const,
  settings: ['trust', 'settings'] as const,
  measures: ['trust', 'measures'] as const,
  documents: ['trust', 'documents'] as const,
  requests: ['trust', 'document-requests'] as const,
  subprocessors: ['trust', 'subprocessors'] as const,
  updates: ['trust', 'updates'] as const,
  subscribers: ['trust', 'subscribers'] as const,
};

const base = '/api/v1/trust';
const enc = encodeURIComponent;

// Settings
export const fetchTrustSettings = (): Promise<TrustSettings> => api.get(`${base}/settings`);
export const saveTrustSettings = (input: TrustSettingsInput): Promise<TrustSettings> =>
  api.put(`${base}/settings`, input);

// Measures
export const fetchMeasures = (): Promise<Measure[]> => api.get(`${base}/measures`);
export const createMeasure = (input: MeasureInput): Promise<Measure> =>
  api.post(`${base}/measures`, input);
export const updateMeasure = ({ id, ...input }: MeasureInput & { id: string }): Promise<Measure> =>
  api.put(`${base}/measures/${enc(id)}`, input);
export const deleteMeasure = (id: string): Promise<{ ok: true }> =>
  api.delete(`${base}/measures/${enc(id)}`);
/** The new order must name every measure exactly once. */
export const reorderMeasures = (ids: string[]): Promise<Measure[]> =>
  api.put(`${base}/measures/order`, { ids });

// Documents and access requests
export interface DocumentUpload {
  file: File;
  title: string;
  description: string;
  kind: DocumentMetadata['kind'];
  access: DocumentMetadata['access'];
}
export const fetchDocuments = (): Promise<TrustDocument[]> => api.get(`${base}/documents`);
export function uploadDocument(upload: DocumentUpload): Promise<TrustDocument> {
  const form = new FormData();
  form.append('title', upload.title);
  form.append('description', upload.description);
  form.append('kind', upload.kind);
  form.append('access', upload.access);
  // Fields first: the server reads them as the stream arrives, before the file.
  form.append('file', upload.file, upload.file.name);
  return api.upload(`${base}/documents`, form);
}
export const deleteDocument = (id: string): Promise<{ ok: true }> =>
  api.delete(`${base}/documents/${enc(id)}`);
export const fetchAccessRequests = (): Promise<AccessRequest[]> =>
  api.get(`${base}/document-requests`);
export const approveAccessRequest = (id: string): Promise<AccessRequest> =>
  api.post(`${base}/document-requests/${enc(id)}/approve`, {});
/** No body: the server refuses an empty one claiming to be JSON. */
export const denyAccessRequest = (id: string): Promise<AccessRequest> =>
  api.post(`${base}/document-requests/${enc(id)}/deny`);
export const revokeAccessRequest = (id: string): Promise<AccessRequest> =>
  api.post(`${base}/document-requests/${enc(id)}/revoke`);

// Subprocessors
export const fetchSubprocessors = (): Promise<SubprocessorOverview> =>
  api.get(`${base}/subprocessors`);
export const scheduleSubprocessor = (input: ScheduleSubprocessorInput): Promise<Subprocessor> =>
  api.post(`${base}/subprocessors`, input);
export const withdrawSubprocessor = (id: string): Promise<Subprocessor> =>
  api.post(`${base}/subprocessors/${enc(id)}/withdraw`);
export const syncSubprocessors = (): Promise<SyncResult> => api.post(`${base}/subprocessors/sync`);

// Status updates and subscribers
export const fetchStatusUpdates = (): Promise<StatusUpdate[]> => api.get(`${base}/updates`);
export const publishStatusUpdate = (input: StatusUpdateInput): Promise<StatusUpdate> =>
  api.post(`${base}/updates`, input);
export const fetchSubscriberCount = (): Promise<SubscriberCount> =>
  api.get(`${base}/subscribers/count`);

// Query hooks
export const useTrustSettings = () =>
  useQuery({ queryKey: trustKeys.settings, queryFn: fetchTrustSettings });
export const useMeasures = () => useQuery({ queryKey: trustKeys.measures, queryFn: fetchMeasures });
export const useTrustDocuments = () =>
  useQuery({ queryKey: trustKeys.documents, queryFn: fetchDocuments });
export const useAccessRequests = () =>
  useQuery({ queryKey: trustKeys.requests, queryFn: fetchAccessRequests });
export const useTrustSubprocessors = () =>
  useQuery({ queryKey: trustKeys.subprocessors, queryFn: fetchSubprocessors });
export const useStatusUpdates = () =>
  useQuery({ queryKey: trustKeys.updates, queryFn: fetchStatusUpdates });
export const useSubscriberCount = () =>
  useQuery({ queryKey: trustKeys.subscribers, queryFn: fetchSubscriberCount });

// Mutation hooks: each refreshes the whole trust area.
const scope = trustKeys.all;
export const useSaveTrustSettings = () => useRefreshingMutation(scope, saveTrustSettings);
export const useCreateMeasure = () => useRefreshingMutation(scope, createMeasure);
export const useUpdateMeasure = () => useRefreshingMutation(scope, updateMeasure);
export const useDeleteMeasure = () => useRefreshingMutation(scope, deleteMeasure);
export const useReorderMeasures = () => useRefreshingMutation(scope, reorderMeasures);
export const useUploadDocument = () => useRefreshingMutation(scope, uploadDocument);
export const useDeleteDocument = () => useRefreshingMutation(scope, deleteDocument);
export const useApproveAccessRequest = () => useRefreshingMutation(scope, approveAccessRequest);
export const useDenyAccessRequest = () => useRefreshingMutation(scope, denyAccessRequest);
export const useRevokeAccessRequest = () => useRefreshingMutation(scope, revokeAccessRequest);
export const useScheduleSubprocessor = () => useRefreshingMutation(scope, scheduleSubprocessor);
export const useWithdrawSubprocessor = () => useRefreshingMutation(scope, withdrawSubprocessor);
export const useSyncSubprocessors = () =>
  useRefreshingMutation<void, SyncResult>(scope, syncSubprocessors);
export const usePublishStatusUpdate = () => useRefreshingMutation(scope, publishStatusUpdate);
