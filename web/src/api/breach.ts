import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  Decision,
  DecisionKind,
  decisionInput,
  decisionList,
  encryptionInput,
  EncryptionFact,
  Obligation,
  ObligationReport,
  ObligationStatus,
  ruleList,
  withdrawInput,
} from '@contracts/breach.js';
import { api } from './client.js';
import { incidentKeys } from './incidents.js';
import { useRefreshingMutation } from './mutations.js';

export type {
  Decision,
  DecisionKind,
  EncryptionFact,
  Obligation,
  ObligationReport,
  ObligationStatus,
};
export type DecisionInput = z.input<typeof decisionInput>;
export type DecisionList = z.infer<typeof decisionList>;
export type WithdrawInput = z.input<typeof withdrawInput>;
export type EncryptionInput = z.input<typeof encryptionInput>;
export type EncryptionState = EncryptionFact['state'];
export type RuleList = z.infer<typeof ruleList>;

/**
 * Query keys: an incident's obligations sit under the incident's own key. The report is worked
 * out from the incident's triggers and scope snapshots, so any incident change (a trigger set,
 * a snapshot taken) must refresh it too, and it does, through the incidents' invalidation.
 */
export const breachKeys = {
  obligations: (id: string) => [...incidentKeys.incident(id), 'obligations'] as const,
  decisions: (id: string) => [...incidentKeys.incident(id), 'obligations', 'decisions'] as const,
  encryption: (id: string) => [...incidentKeys.incident(id), 'obligations', 'encryption'] as const,
  rules: ['breach', 'rules'] as const,
};

const enc = encodeURIComponent;
const obligationsPath = (id: string) => `/api/v1/incidents/${enc(id)}/obligations`;

export const fetchObligations = (id: string): Promise<ObligationReport> =>
  api.get(obligationsPath(id));
export const fetchDecisions = (id: string): Promise<DecisionList> =>
  api.get(`${obligationsPath(id)}/decisions`);
export const recordDecision = (id: string, input: DecisionInput): Promise<Decision> =>
  api.post(`${obligationsPath(id)}/decisions`, input);
export const withdrawDecision = (
  id: string,
  decisionId: string,
  input: WithdrawInput,
): Promise<Decision> =>
  api.post(`${obligationsPath(id)}/decisions/${enc(decisionId)}/withdraw`, input);
export const fetchEncryption = (id: string): Promise<{ items: EncryptionFact[] }> =>
  api.get(`${obligationsPath(id)}/encryption`);
export const setEncryption = (id: string, input: EncryptionInput): Promise<EncryptionFact> =>
  api.put(`${obligationsPath(id)}/encryption`, input);
export const fetchBreachRules = (): Promise<RuleList> => api.get('/api/v1/breach/rules');

// Query hooks
export const useObligations = (id: string) =>
  useQuery({ queryKey: breachKeys.obligations(id), queryFn: () => fetchObligations(id) });
export const useDecisions = (id: string) =>
  useQuery({ queryKey: breachKeys.decisions(id), queryFn: () => fetchDecisions(id) });
export const useEncryption = (id: string) =>
  useQuery({ queryKey: breachKeys.encryption(id), queryFn: () => fetchEncryption(id) });
/** The rule book changes only when the server restarts. */
export const useBreachRules = () =>
  useQuery({ queryKey: breachKeys.rules, queryFn: fetchBreachRules, staleTime: Infinity });

/**
 * Mutation hooks. Each decision or encryption fact moves the report, adds a timeline entry and
 * a decision row, so the whole incident is refreshed: report, decisions, timeline and header.
 */
const useObligationMutation = <Input, Output>(
  id: string,
  mutationFn: (input: Input) => Promise<Output>,
) => useRefreshingMutation(incidentKeys.incident(id), mutationFn);

export const useRecordDecision = (id: string) =>
  useObligationMutation(id, (input: DecisionInput) => recordDecision(id, input));
export const useWithdrawDecision = (id: string) =>
  useObligationMutation(id, ({ decisionId, input }: { decisionId: string; input: WithdrawInput }) =>
    withdrawDecision(id, decisionId, input),
  );
export const useSetEncryption = (id: string) =>
  useObligationMutation(id, (input: EncryptionInput) => setEncryption(id, input));
