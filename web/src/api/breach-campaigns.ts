import {
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { z } from 'zod';
import type {
  Campaign,
  campaignCommand,
  CampaignStatus,
  campaignInput,
  campaignList,
  campaignRecipient,
  RecipientStatus,
  recipientPage,
  suppression,
  suppressionInput,
  suppressionList,
  SuppressionReason,
} from '@contracts/breach-campaigns.js';
import { api } from './client.js';
import { incidentKeys } from './incidents.js';
import { useRefreshingMutation } from './mutations.js';

export type { Campaign, CampaignStatus, RecipientStatus, SuppressionReason };
export type CampaignInput = z.input<typeof campaignInput>;
export type CampaignList = z.infer<typeof campaignList>;
export type CampaignRecipient = z.infer<typeof campaignRecipient>;
export type RecipientPage = z.infer<typeof recipientPage>;
export type CampaignCommand = z.infer<typeof campaignCommand>;
export type BreachSuppression = z.infer<typeof suppression>;
export type BreachSuppressionInput = z.input<typeof suppressionInput>;
export type BreachSuppressionList = z.infer<typeof suppressionList>;

/**
 * Query keys. An incident's campaigns sit under the incident's key, so every incident change
 * (a decision, a snapshot) refreshes them too. The suppression list is shop-wide.
 */
export const campaignKeys = {
  campaigns: (id: string) => [...incidentKeys.incident(id), 'campaigns'] as const,
  campaign: (id: string, campaignId: string) =>
    [...incidentKeys.incident(id), 'campaigns', campaignId] as const,
  /**
   * `expected` is how many recipients of that status the campaign counts: when a letter fails
   * while sending, the count moves and the list is read again, without polling it on its own.
   */
  recipients: (id: string, campaignId: string, status: RecipientStatus, expected: number) =>
    [
      ...incidentKeys.incident(id),
      'campaigns',
      campaignId,
      'recipients',
      status,
      expected,
    ] as const,
  suppressions: ['breach', 'suppressions'] as const,
};

/** Statuses a job is working on: the figures move by themselves, so the page re-reads them. */
const BUSY_STATUSES: readonly CampaignStatus[] = ['preparing', 'sending'];
export const isBusy = (campaign: Campaign) => BUSY_STATUSES.includes(campaign.status);
/** Statuses a campaign can still be paused, resumed or cancelled from. */
export const OPEN_STATUSES: readonly CampaignStatus[] = ['preparing', 'ready', 'sending', 'paused'];
const pollMs = 2000;
/** The server's largest page of recipients. */
const recipientPageSize = 500;

const enc = encodeURIComponent;
const campaignsPath = (id: string) => `/api/v1/incidents/${enc(id)}/campaigns`;
const campaignPath = (id: string, campaignId: string) => `${campaignsPath(id)}/${enc(campaignId)}`;

export const fetchCampaigns = (id: string): Promise<CampaignList> => api.get(campaignsPath(id));
export const fetchCampaign = (id: string, campaignId: string): Promise<Campaign> =>
  api.get(campaignPath(id, campaignId));
export const fetchCampaignRecipients = (
  id: string,
  campaignId: string,
  status: RecipientStatus,
  after: number,
): Promise<RecipientPage> =>
  api.get(`${campaignPath(id, campaignId)}/recipients`, {
    status,
    after,
    limit: recipientPageSize,
  });
export const createCampaign = (id: string, input: CampaignInput): Promise<Campaign> =>
  api.post(campaignsPath(id), input);
/** Without addresses the server sends the test letter to the caller. */
export const sendTestLetter = (id: string, campaignId: string, to?: string[]): Promise<Campaign> =>
  api.post(`${campaignPath(id, campaignId)}/test`, to ? { to } : {});
/** Commands have no body: the server refuses an empty one claiming to be JSON. */
/** Assigns credit-monitoring codes, in order, to the letters still without one. */
export const addCampaignCodes = (
  id: string,
  campaignId: string,
  codes: string[],
): Promise<Campaign> =>
  api
    .post<{ assigned: number; campaign: Campaign }>(`${campaignPath(id, campaignId)}/codes`, {
      codes,
    })
    .then((result) => result.campaign);
export const runCampaignCommand = (
  id: string,
  campaignId: string,
  command: CampaignCommand,
): Promise<Campaign> => api.post(`${campaignPath(id, campaignId)}/${command}`);
export const fetchBreachSuppressions = (): Promise<BreachSuppressionList> =>
  api.get('/api/v1/breach/suppressions');
export const addBreachSuppression = (input: BreachSuppressionInput): Promise<BreachSuppression> =>
  api.post('/api/v1/breach/suppressions', input);
export const removeBreachSuppression = (suppressionId: string): Promise<void> =>
  api.delete(`/api/v1/breach/suppressions/${enc(suppressionId)}`);

// Query hooks

/**
 * The incident's campaigns, newest first; re-read every 2 s while one is being prepared or
 * sent. When a job finishes one, the rest of the incident is refreshed: completing a
 * campaign records the notice, which settles the obligation and adds timeline entries.
 */
export function useCampaigns(id: string) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: campaignKeys.campaigns(id),
    queryFn: () => fetchCampaigns(id),
    refetchInterval: (current) => (current.state.data?.items.some(isBusy) ? pollMs : false),
  });
  useRefreshWhenFinished(queryClient, id, query.data?.items);
  return query;
}

/** One campaign, re-read every 2 s while a job works on it. */
export function useCampaign(id: string, campaignId: string) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: campaignKeys.campaign(id, campaignId),
    queryFn: () => fetchCampaign(id, campaignId),
    refetchInterval: (current) =>
      current.state.data && isBusy(current.state.data) ? pollMs : false,
  });
  useRefreshWhenFinished(queryClient, id, query.data ? [query.data] : undefined);
  return query;
}

/** Recipients of one status, a page at a time (keyset paging on `next`). */
export const useCampaignRecipients = (
  id: string,
  campaignId: string,
  status: RecipientStatus,
  expected: number,
  enabled = true,
) =>
  useInfiniteQuery({
    queryKey: campaignKeys.recipients(id, campaignId, status, expected),
    queryFn: ({ pageParam }) => fetchCampaignRecipients(id, campaignId, status, pageParam),
    initialPageParam: 0,
    getNextPageParam: (last) => last.next ?? undefined,
    enabled,
  });

export const useBreachSuppressions = () =>
  useQuery({ queryKey: campaignKeys.suppressions, queryFn: fetchBreachSuppressions });

/**
 * Refreshes the incident once a campaign it had seen open is completed or cancelled by a job
 * (or by someone else): the obligation, its decisions and the timeline changed on the server.
 */
function useRefreshWhenFinished(
  queryClient: QueryClient,
  id: string,
  campaigns: readonly Campaign[] | undefined,
) {
  const seen = useRef(new Map<string, CampaignStatus>());
  useEffect(() => {
    if (!campaigns) return;
    let finished = false;
    for (const campaign of campaigns) {
      const before = seen.current.get(campaign.id);
      if (before && OPEN_STATUSES.includes(before) && !OPEN_STATUSES.includes(campaign.status))
        finished = true;
      seen.current.set(campaign.id, campaign.status);
    }
    if (finished) void queryClient.invalidateQueries({ queryKey: incidentKeys.incident(id) });
  }, [campaigns, id, queryClient]);
}

// Mutation hooks

/**
 * Each command answers with the campaign as it now is: it goes into the cache at once (the
 * poll starts from it), then the whole incident is refreshed, since every command writes a
 * timeline entry.
 */
function useCampaignMutation<Input>(id: string, mutationFn: (input: Input) => Promise<Campaign>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: (campaign) => {
      queryClient.setQueryData<CampaignList>(campaignKeys.campaigns(id), (list) =>
        list ? { items: upsert(list.items, campaign) } : { items: [campaign] },
      );
      queryClient.setQueryData(campaignKeys.campaign(id, campaign.id), campaign);
      return queryClient.invalidateQueries({ queryKey: incidentKeys.incident(id) });
    },
  });
}

/** The list with `campaign` in its place, or first when it is new (the list is newest first). */
function upsert(items: readonly Campaign[], campaign: Campaign): Campaign[] {
  return items.some((item) => item.id === campaign.id)
    ? items.map((item) => (item.id === campaign.id ? campaign : item))
    : [campaign, ...items];
}

export const useCreateCampaign = (id: string) =>
  useCampaignMutation(id, (input: CampaignInput) => createCampaign(id, input));
export const useSendTestLetter = (id: string) =>
  useCampaignMutation(id, ({ campaignId, to }: { campaignId: string; to?: string[] }) =>
    sendTestLetter(id, campaignId, to),
  );
export const useAddCampaignCodes = (id: string) =>
  useCampaignMutation(id, ({ campaignId, codes }: { campaignId: string; codes: string[] }) =>
    addCampaignCodes(id, campaignId, codes),
  );
export const useCampaignCommand = (id: string) =>
  useCampaignMutation(
    id,
    ({ campaignId, command }: { campaignId: string; command: CampaignCommand }) =>
      runCampaignCommand(id, campaignId, command),
  );

/** The suppression list is shop-wide: a change moves no incident until its next campaign. */
export const useAddBreachSuppression = () =>
  useRefreshingMutation(campaignKeys.suppressions, addBreachSuppression);
export const useRemoveBreachSuppression = () =>
  useRefreshingMutation(campaignKeys.suppressions, removeBreachSuppression);
