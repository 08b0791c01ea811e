import type { z } from 'zod';
import type { evidenceItem, portalView } from '@contracts/assessments.js';
import { api } from './client.js';

/**
 * The vendor portal's calls. The token comes from the link's fragment and goes only into
 * these API paths; no cookie, no session.
 */
export type PortalView = z.infer<typeof portalView>;
export type PortalEvidence = Omit<z.infer<typeof evidenceItem>, 'uploadedVia'>;
export type AnswerValue = string | number | string[];

export const portalKey = (token: string) => ['portal', token] as const;

const base = (token: string) => `/api/v1/portal/${encodeURIComponent(token)}`;

export const fetchPortal = (token: string): Promise<PortalView> => api.get(base(token));
export const saveAnswers = (
  token: string,
  answers: Record<string, AnswerValue | null>,
): Promise<PortalView> => api.put(`${base(token)}/answers`, { answers });
export function uploadEvidence(
  token: string,
  question: string,
  file: File,
): Promise<PortalEvidence> {
  const form = new FormData();
  form.append('file', file, file.name);
  return api.upload(`${base(token)}/evidence?question=${encodeURIComponent(question)}`, form);
}
export const deleteEvidence = (token: string, evidenceId: string): Promise<{ ok: true }> =>
  api.delete(`${base(token)}/evidence/${encodeURIComponent(evidenceId)}`);
export const evidenceDownloadUrl = (token: string, evidenceId: string) =>
  `${base(token)}/evidence/${encodeURIComponent(evidenceId)}`;
export const submitAnswers = (token: string): Promise<PortalView> =>
  api.post(`${base(token)}/submit`);
export const respondToFinding = (
  token: string,
  findingId: string,
  plan: string,
  dueDate: string,
): Promise<PortalView> =>
  api.post(`${base(token)}/findings/${encodeURIComponent(findingId)}/remediation`, {
    plan,
    dueDate,
  });
