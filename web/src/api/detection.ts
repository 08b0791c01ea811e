import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AlertSeverity,
  alertList,
  AlertStatus,
  alertStatusInput,
  alertSubjects,
  blocklistQuery,
  DetectionAlert,
  DetectionOverview,
  DetectionSettings,
  DetectorName,
  overviewQuery,
  ResetList,
  SUBJECT_ROLES,
  Suppression,
  suppressionInput,
} from '@contracts/detection.js';
import { OPEN_ALERT_STATUSES } from '@contracts/detection.js';
import { useRefreshingMutation } from './mutations.js';
import { api, withQuery } from './client.js';

export type {
  AlertSeverity,
  AlertStatus,
  DetectionAlert,
  DetectionOverview,
  DetectionSettings,
  DetectorName,
  ResetList,
  Suppression,
};
export type AlertList = z.infer<typeof alertList>;
export type AlertSubjects = z.infer<typeof alertSubjects>;
export type AlertStatusChange = z.input<typeof alertStatusInput>;
export type SuppressionInput = z.input<typeof suppressionInput>;
export type DetectionStream = z.output<typeof overviewQuery>['stream'];
export type BlocklistFormat = z.output<typeof blocklistQuery>['format'];
export type SubjectRole = (typeof SUBJECT_ROLES)[number];

export interface AlertFilter {
  /** One status, or several comma-separated. */
  status?: string | undefined;
  detector?: DetectorName | undefined;
  severity?: AlertSeverity | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit?: number;
  offset?: number;
}
export interface SubjectPage {
  role: SubjectRole;
  limit?: number;
  offset?: number;
}

/**
 * Query keys: everything about detection sits under `['detection']`, so one invalidation after
 * a triage or a settings change refreshes the overview, the lists and any open alert.
 */
export const detectionKeys = {
  all: ['detection'] as const,
  overview: (stream: DetectionStream) => ['detection', 'overview', stream] as const,
  alerts: (filter: AlertFilter) => ['detection', 'alerts', filter] as const,
  openAlerts: (limit: number) => ['detection', 'alerts', 'open', limit] as const,
  alert: (id: string) => ['detection', 'alert', id] as const,
  subjects: (id: string, page: SubjectPage) =>
    ['detection', 'alert', id, 'subjects', page] as const,
  settings: ['detection', 'settings'] as const,
  suppressions: ['detection', 'suppressions'] as const,
  resets: ['detection', 'password-resets'] as const,
};

const enc = encodeURIComponent;
const alertPath = (id: string) => `/api/v1/detection/alerts/${enc(id)}`;

// Overview and alerts
export const fetchOverview = (stream: DetectionStream): Promise<DetectionOverview> =>
  api.get('/api/v1/detection/overview', { stream });
export const fetchAlerts = (filter: AlertFilter): Promise<AlertList> =>
  api.get('/api/v1/detection/alerts', { ...filter });
/** New and acknowledged alerts together, the most recently active first. */
export const fetchOpenAlerts = (limit: number): Promise<AlertList> =>
  fetchAlerts({ status: OPEN_ALERT_STATUSES.join(','), limit });
export const fetchAlert = (id: string): Promise<DetectionAlert> => api.get(alertPath(id));
export const setAlertStatus = (id: string, change: AlertStatusChange): Promise<DetectionAlert> =>
  api.patch(alertPath(id), change);
export const fetchAlertSubjects = (id: string, page: SubjectPage): Promise<AlertSubjects> =>
  api.get(`${alertPath(id)}/subjects`, { ...page });
export const openIncident = (id: string): Promise<DetectionAlert> =>
  api.post(`${alertPath(id)}/incident`);

// Settings and suppressions
export const fetchSettings = (): Promise<DetectionSettings> =>
  api.get('/api/v1/detection/settings');
export const saveSettings = (settings: DetectionSettings): Promise<DetectionSettings> =>
  api.put('/api/v1/detection/settings', settings);
export const fetchSuppressions = (): Promise<{ items: Suppression[] }> =>
  api.get('/api/v1/detection/suppressions');
export const addSuppression = (input: SuppressionInput): Promise<Suppression> =>
  api.post('/api/v1/detection/suppressions', input);
export const removeSuppression = (id: string): Promise<{ ok: true }> =>
  api.delete(`/api/v1/detection/suppressions/${enc(id)}`);

// Outputs
/** A plain link: the browser downloads it with the session cookie. */
export const blocklistUrl = (format: BlocklistFormat) =>
  withQuery('/api/v1/detection/blocklist', { format });
/** The first page: the list can name every account an attack tried. */
export const fetchPasswordResets = (): Promise<ResetList> =>
  api.get('/api/v1/detection/password-resets', { limit: 200 });

// Query hooks
export const useOverview = (stream: DetectionStream) =>
  useQuery({
    queryKey: detectionKeys.overview(stream),
    queryFn: () => fetchOverview(stream),
    placeholderData: keepPreviousData,
  });
export const useDetectionAlerts = (filter: AlertFilter) =>
  useQuery({
    queryKey: detectionKeys.alerts(filter),
    queryFn: () => fetchAlerts(filter),
    placeholderData: keepPreviousData,
  });
export const useOpenAlerts = (limit = 50) =>
  useQuery({ queryKey: detectionKeys.openAlerts(limit), queryFn: () => fetchOpenAlerts(limit) });
export const useDetectionAlert = (id: string) =>
  useQuery({ queryKey: detectionKeys.alert(id), queryFn: () => fetchAlert(id) });
export const useAlertSubjects = (id: string, page: SubjectPage) =>
  useQuery({
    queryKey: detectionKeys.subjects(id, page),
    queryFn: () => fetchAlertSubjects(id, page),
    placeholderData: keepPreviousData,
  });
export const useDetectionSettings = () =>
  useQuery({ queryKey: detectionKeys.settings, queryFn: fetchSettings });
export const useSuppressions = () =>
  useQuery({ queryKey: detectionKeys.suppressions, queryFn: fetchSuppressions });
export const usePasswordResets = (enabled = true) =>
  useQuery({ queryKey: detectionKeys.resets, queryFn: fetchPasswordResets, enabled });

// Mutation hooks: each refreshes detection once the server has answered.
const useDetectionMutation = <Input, Output>(mutationFn: (input: Input) => Promise<Output>) =>
  useRefreshingMutation(detectionKeys.all, mutationFn);

export const useSetAlertStatus = (alertId: string) =>
  useDetectionMutation((change: AlertStatusChange) => setAlertStatus(alertId, change));
export const useOpenIncident = (alertId: string) =>
  useDetectionMutation(() => openIncident(alertId));
export const useSaveSettings = () => useDetectionMutation(saveSettings);
export const useAddSuppression = () => useDetectionMutation(addSuppression);
export const useRemoveSuppression = () => useDetectionMutation(removeSuppression);
