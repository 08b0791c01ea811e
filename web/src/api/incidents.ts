import { keepPreviousData, useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  Incident,
  incidentInput,
  incidentList,
  incidentPatch,
  IncidentSeverity,
  IncidentStatus,
  IncidentSummary,
  IncidentType,
  LinkKind,
  statusInput,
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
import { api } from './client.js';

export type {
  Incident,
  IncidentSeverity,
  IncidentStatus,
  IncidentSummary,
  IncidentType,
  LinkKind,
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
};

const enc = encodeURIComponent;
const incidentPath = (id: string) => `/api/v1/incidents/${enc(id)}`;
/** The most the server returns in one timeline page. */
const timelinePageSize = 1000;

// Incidents
export const fetchIncidents = (filter: IncidentFilter): Promise<IncidentList> =>
  api.get('/api/v1/incidents', { ...filter });
export const fetchIncident = (id: string): Promise<Incident> => api.get(incidentPath(id));
export const createIncident = (input: IncidentInput): Promise<Incident> =>
  api.post('/api/v1/incidents', input);
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

// Query hooks
export const useIncidents = (filter: IncidentFilter) =>
  useQuery({
    queryKey: incidentKeys.list(filter),
    queryFn: () => fetchIncidents(filter),
    placeholderData: keepPreviousData,
  });
export const useIncident = (id: string) =>
  useQuery({ queryKey: incidentKeys.incident(id), queryFn: () => fetchIncident(id) });
/** The whole timeline, oldest first, a page at a time after the last seq loaded. */
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
/** Verification re-walks the chain on demand, so it runs as an action, never from the cache. */
export const useVerifyTimeline = (id: string) =>
  useMutation({ mutationFn: () => verifyTimeline(id) });

// Mutation hooks: each refreshes incidents once the server has answered.
const useIncidentMutation = <Input, Output>(mutationFn: (input: Input) => Promise<Output>) =>
  useRefreshingMutation(incidentKeys.all, mutationFn);

export const useCreateIncident = () => useIncidentMutation(createIncident);
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
