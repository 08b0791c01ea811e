import { keepPreviousData, useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  Action,
  actionInput,
  ActionType,
  actionEndpoint,
  CustodyEvent,
  custodyInput,
  endpointSaved,
  Evidence,
  evidencePatch,
  Incident,
  incidentInput,
  incidentList,
  incidentPatch,
  IncidentSeverity,
  IncidentStatus,
  IncidentSummary,
  IncidentType,
  LinkKind,
  Playbook,
  Review,
  reviewInput,
  ScopeSnapshot,
  statusInput,
  Task,
  taskInput,
  taskPatch,
  timelineInput,
  TimelineEntry,
  TimelineKind,
  timelinePage,
  timelineVerification,
  triggerInput,
  TriggerName,
  TriggerSetting,
  VendorNotice,
} from '@contracts/incidents.js';
import { useRefreshingMutation } from './mutations.js';
import { api, withQuery } from './client.js';

export type {
  Action,
  ActionType,
  CustodyEvent,
  Evidence,
  Incident,
  IncidentSeverity,
  IncidentStatus,
  IncidentSummary,
  IncidentType,
  LinkKind,
  Playbook,
  Review,
  ScopeSnapshot,
  Task,
  TimelineEntry,
  TimelineKind,
  TriggerName,
  TriggerSetting,
  VendorNotice,
};
export type IncidentList = z.infer<typeof incidentList>;
export type IncidentInput = z.input<typeof incidentInput>;
export type IncidentPatch = z.input<typeof incidentPatch>;
export type StatusChange = z.input<typeof statusInput>;
export type TriggerInput = z.input<typeof triggerInput>;
export type TimelineInput = z.input<typeof timelineInput>;
export type TimelinePage = z.infer<typeof timelinePage>;
export type TimelineVerification = z.infer<typeof timelineVerification>;
export type IncidentLink = Incident['links'][number];
export type TaskInput = z.input<typeof taskInput>;
export type TaskPatch = z.input<typeof taskPatch>;
export type EvidencePatch = z.input<typeof evidencePatch>;
export type CustodyInput = z.input<typeof custodyInput>;
export type ActionInput = z.input<typeof actionInput>;
export type ActionEndpoint = z.infer<typeof actionEndpoint>;
export type SavedEndpoint = z.infer<typeof endpointSaved>;
export type ReviewInput = z.input<typeof reviewInput>;
/** The text fields sent with an evidence file; purpose and location keep the server's defaults. */
export interface EvidenceUpload {
  file: File;
  acquiredFrom: string;
  acquiredAt?: string | undefined;
  description?: string | undefined;
}

export interface IncidentFilter {
  status?: IncidentStatus | undefined;
  type?: IncidentType | undefined;
  limit?: number;
  offset?: number;
}

/**
 * Query keys: everything about incidents sits under `['incidents']`, so one invalidation after
 * any change refreshes the list, the open incident and its timeline.
 */
export const incidentKeys = {
  all: ['incidents'] as const,
  list: (filter: IncidentFilter) => ['incidents', 'list', filter] as const,
  incident: (id: string) => ['incidents', 'incident', id] as const,
  timeline: (id: string, kind?: TimelineKind) =>
    ['incidents', 'incident', id, 'timeline', kind ?? 'all'] as const,
  tasks: (id: string) => ['incidents', 'incident', id, 'tasks'] as const,
  evidence: (id: string) => ['incidents', 'incident', id, 'evidence'] as const,
  custody: (id: string, evidenceId: string) =>
    ['incidents', 'incident', id, 'evidence', evidenceId, 'custody'] as const,
  actions: (id: string) => ['incidents', 'incident', id, 'actions'] as const,
  scope: (id: string) => ['incidents', 'incident', id, 'scope'] as const,
  review: (id: string) => ['incidents', 'incident', id, 'review'] as const,
  playbooks: ['incidents', 'playbooks'] as const,
  endpoints: ['incidents', 'action-endpoints'] as const,
};

const enc = encodeURIComponent;
const incidentPath = (id: string) => `/api/v1/incidents/${enc(id)}`;
/** The most the server returns in one timeline page. */
const timelinePageSize = 1000;
const evidencePath = (id: string, evidenceId: string) =>
  `${incidentPath(id)}/evidence/${enc(evidenceId)}`;
/** While an action is being sent, its list is read again this often. */
const sendingRefreshMs = 2000;

// Incidents
export const fetchIncidents = (filter: IncidentFilter): Promise<IncidentList> =>
  api.get('/api/v1/incidents', { ...filter });
export const fetchIncident = (id: string): Promise<Incident> => api.get(incidentPath(id));
export const createIncident = (input: IncidentInput): Promise<Incident> =>
  api.post('/api/v1/incidents', input);
/** Opens an incident for a vendor software finding, with its facts. */
export const openIncidentFromFinding = (findingId: string): Promise<Incident> =>
  api.post('/api/v1/incidents/from-finding', { findingId });
export const updateIncident = (id: string, patch: IncidentPatch): Promise<Incident> =>
  api.patch(incidentPath(id), patch);
export const setIncidentStatus = (id: string, change: StatusChange): Promise<Incident> =>
  api.post(`${incidentPath(id)}/status`, change);
export const setTrigger = (id: string, input: TriggerInput): Promise<Incident> =>
  api.post(`${incidentPath(id)}/triggers`, input);

// Members and links
export const addMember = (id: string, userId: string): Promise<Incident> =>
  api.post(`${incidentPath(id)}/members`, { userId });
export const removeMember = (id: string, userId: string): Promise<Incident> =>
  api.delete(`${incidentPath(id)}/members/${enc(userId)}`);
export const addLink = (id: string, kind: LinkKind, targetId: string): Promise<Incident> =>
  api.post(`${incidentPath(id)}/links`, { kind, targetId });
export const removeLink = (id: string, kind: LinkKind, targetId: string): Promise<Incident> =>
  api.delete(`${incidentPath(id)}/links/${enc(kind)}/${enc(targetId)}`);

// Timeline
export const fetchTimeline = (id: string, after = 0, kind?: TimelineKind): Promise<TimelinePage> =>
  api.get(`${incidentPath(id)}/timeline`, { after, limit: timelinePageSize, kind });
export const writeTimelineEntry = (id: string, input: TimelineInput): Promise<Incident> =>
  api.post(`${incidentPath(id)}/timeline`, input);
export const verifyTimeline = (id: string): Promise<TimelineVerification> =>
  api.get(`${incidentPath(id)}/timeline/verify`);

// Playbooks and tasks
export const fetchPlaybooks = (): Promise<{ items: Playbook[] }> =>
  api.get('/api/v1/incident-playbooks');
export const applyPlaybook = (id: string, playbook: string): Promise<{ items: Task[] }> =>
  api.post(`${incidentPath(id)}/playbooks`, { playbook });
export const fetchTasks = (id: string): Promise<{ items: Task[] }> =>
  api.get(`${incidentPath(id)}/tasks`);
export const addTask = (id: string, input: TaskInput): Promise<Task> =>
  api.post(`${incidentPath(id)}/tasks`, input);
export const updateTask = (id: string, taskId: string, patch: TaskPatch): Promise<Task> =>
  api.patch(`${incidentPath(id)}/tasks/${enc(taskId)}`, patch);

// Evidence and its chain of custody
export const fetchEvidence = (id: string): Promise<{ items: Evidence[] }> =>
  api.get(`${incidentPath(id)}/evidence`);
export function uploadEvidence(id: string, upload: EvidenceUpload): Promise<Evidence> {
  const form = new FormData();
  form.append('acquiredFrom', upload.acquiredFrom);
  if (upload.acquiredAt) form.append('acquiredAt', upload.acquiredAt);
  if (upload.description) form.append('description', upload.description);
  form.append('file', upload.file, upload.file.name);
  return api.upload(`${incidentPath(id)}/evidence`, form);
}
export const updateEvidence = (
  id: string,
  evidenceId: string,
  patch: EvidencePatch,
): Promise<Evidence> => api.patch(evidencePath(id, evidenceId), patch);
/** A plain link: the browser downloads it with the session cookie; each download is custody. */
export const evidenceContentUrl = (id: string, evidenceId: string, purpose: string) =>
  withQuery(`${evidencePath(id, evidenceId)}/content`, { purpose });
export const fetchCustody = (id: string, evidenceId: string): Promise<{ items: CustodyEvent[] }> =>
  api.get(`${evidencePath(id, evidenceId)}/custody`);
export const recordCustody = (
  id: string,
  evidenceId: string,
  input: CustodyInput,
): Promise<CustodyEvent> => api.post(`${evidencePath(id, evidenceId)}/custody`, input);

// Containment actions and where they are sent
export const fetchActions = (id: string): Promise<{ items: Action[] }> =>
  api.get(`${incidentPath(id)}/actions`);
export const requestAction = (id: string, input: ActionInput): Promise<Action> =>
  api.post(`${incidentPath(id)}/actions`, input);
export const fetchActionEndpoints = (): Promise<{ items: ActionEndpoint[] }> =>
  api.get('/api/v1/incident-action-endpoints');
/** Stops sending an action type anywhere. */
export const removeActionEndpoint = (actionType: ActionType): Promise<{ ok: true }> =>
  api.delete(`/api/v1/incident-action-endpoints/${encodeURIComponent(actionType)}`);
export const saveActionEndpoint = (actionType: ActionType, url: string): Promise<SavedEndpoint> =>
  api.put(`/api/v1/incident-action-endpoints/${enc(actionType)}`, { url });

// Scope snapshots, the export bundle, the review and its report
export const fetchScopeSnapshots = (id: string): Promise<{ items: ScopeSnapshot[] }> =>
  api.get(`${incidentPath(id)}/scope`);
export const takeScopeSnapshot = (id: string): Promise<ScopeSnapshot> =>
  api.post(`${incidentPath(id)}/scope`);
/** A plain link: the browser downloads the zip with the session cookie; the export is custody. */
export const exportBundleUrl = (id: string, privileged: boolean) =>
  withQuery(`${incidentPath(id)}/export`, { privileged: privileged ? 'include' : undefined });
export const fetchReview = (id: string): Promise<Review> => api.get(`${incidentPath(id)}/review`);
export const saveReview = (id: string, input: ReviewInput): Promise<Review> =>
  api.put(`${incidentPath(id)}/review`, input);
/** A plain link to the printable report (HTML), opened with the session cookie. */
export const reportUrl = (id: string) => `${incidentPath(id)}/report`;

// Query hooks
export const useIncidents = (filter: IncidentFilter) =>
  useQuery({
    queryKey: incidentKeys.list(filter),
    queryFn: () => fetchIncidents(filter),
    placeholderData: keepPreviousData,
  });
export const useIncident = (id: string) =>
  useQuery({ queryKey: incidentKeys.incident(id), queryFn: () => fetchIncident(id) });
/** The whole timeline, or its entries of one kind, a page at a time. */
export const useTimeline = (id: string, kind?: TimelineKind) =>
  useInfiniteQuery({
    queryKey: incidentKeys.timeline(id, kind),
    queryFn: ({ pageParam }) => fetchTimeline(id, pageParam, kind),
    initialPageParam: 0,
    // A full page may have more after it; a short one is the end.
    getNextPageParam: (last) =>
      last.items.length === timelinePageSize ? last.items.at(-1)?.seq : undefined,
  });
export const usePlaybooks = () =>
  useQuery({ queryKey: incidentKeys.playbooks, queryFn: fetchPlaybooks, staleTime: Infinity });
export const useTasks = (id: string) =>
  useQuery({ queryKey: incidentKeys.tasks(id), queryFn: () => fetchTasks(id) });
export const useEvidence = (id: string) =>
  useQuery({ queryKey: incidentKeys.evidence(id), queryFn: () => fetchEvidence(id) });
export const useCustody = (id: string, evidenceId: string) =>
  useQuery({
    queryKey: incidentKeys.custody(id, evidenceId),
    queryFn: () => fetchCustody(id, evidenceId),
  });
/** Re-read every few seconds while a message is still being sent, so outcomes show up. */
export const useActions = (id: string) =>
  useQuery({
    queryKey: incidentKeys.actions(id),
    queryFn: () => fetchActions(id),
    refetchInterval: (query) =>
      query.state.data?.items.some((action) => action.status === 'sending')
        ? sendingRefreshMs
        : false,
  });
export const useScopeSnapshots = (id: string) =>
  useQuery({ queryKey: incidentKeys.scope(id), queryFn: () => fetchScopeSnapshots(id) });
export const useReview = (id: string) =>
  useQuery({ queryKey: incidentKeys.review(id), queryFn: () => fetchReview(id) });
export const useActionEndpoints = () =>
  useQuery({ queryKey: incidentKeys.endpoints, queryFn: fetchActionEndpoints });
/** Verification re-walks the chain on demand, so it runs as an action, never from the cache. */
export const useVerifyTimeline = (id: string) =>
  useMutation({ mutationFn: () => verifyTimeline(id) });

// Mutation hooks: each refreshes incidents once the server has answered.
const useIncidentMutation = <Input, Output>(mutationFn: (input: Input) => Promise<Output>) =>
  useRefreshingMutation(incidentKeys.all, mutationFn);

export const useCreateIncident = () => useIncidentMutation(createIncident);
export const useOpenIncidentFromFinding = () => useIncidentMutation(openIncidentFromFinding);
export const useUpdateIncident = (id: string) =>
  useIncidentMutation((patch: IncidentPatch) => updateIncident(id, patch));
export const useSetIncidentStatus = (id: string) =>
  useIncidentMutation((change: StatusChange) => setIncidentStatus(id, change));
export const useSetTrigger = (id: string) =>
  useIncidentMutation((input: TriggerInput) => setTrigger(id, input));
export const useAddMember = (id: string) =>
  useIncidentMutation((userId: string) => addMember(id, userId));
export const useRemoveMember = (id: string) =>
  useIncidentMutation((userId: string) => removeMember(id, userId));
export const useAddLink = (id: string) =>
  useIncidentMutation(({ kind, targetId }: { kind: LinkKind; targetId: string }) =>
    addLink(id, kind, targetId),
  );
export const useRemoveLink = (id: string) =>
  useIncidentMutation(({ kind, targetId }: { kind: LinkKind; targetId: string }) =>
    removeLink(id, kind, targetId),
  );
export const useWriteTimelineEntry = (id: string) =>
  useIncidentMutation((input: TimelineInput) => writeTimelineEntry(id, input));
export const useApplyPlaybook = (id: string) =>
  useIncidentMutation((playbook: string) => applyPlaybook(id, playbook));
export const useAddTask = (id: string) =>
  useIncidentMutation((input: TaskInput) => addTask(id, input));
export const useUpdateTask = (id: string) =>
  useIncidentMutation(({ taskId, patch }: { taskId: string; patch: TaskPatch }) =>
    updateTask(id, taskId, patch),
  );
export const useUploadEvidence = (id: string) =>
  useIncidentMutation((upload: EvidenceUpload) => uploadEvidence(id, upload));
export const useUpdateEvidence = (id: string) =>
  useIncidentMutation(({ evidenceId, patch }: { evidenceId: string; patch: EvidencePatch }) =>
    updateEvidence(id, evidenceId, patch),
  );
export const useRecordCustody = (id: string, evidenceId: string) =>
  useIncidentMutation((input: CustodyInput) => recordCustody(id, evidenceId, input));
export const useRequestAction = (id: string) =>
  useIncidentMutation((input: ActionInput) => requestAction(id, input));
export const useTakeScopeSnapshot = (id: string) =>
  useIncidentMutation<void, ScopeSnapshot>(() => takeScopeSnapshot(id));
export const useSaveReview = (id: string) =>
  useIncidentMutation((input: ReviewInput) => saveReview(id, input));
export const useRemoveActionEndpoint = () => useIncidentMutation(removeActionEndpoint);
export const useSaveActionEndpoint = () =>
  useIncidentMutation(({ actionType, url }: { actionType: ActionType; url: string }) =>
    saveActionEndpoint(actionType, url),
  );
