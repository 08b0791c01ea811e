import type { z } from 'zod';
import type {
  assessment,
  assessmentDetail,
  assessmentPage,
  AssessmentStatus,
  createAssessmentInput,
  decisionInput,
  finding,
  findingInput,
  FindingStatus,
  heatMap,
  residualRisk,
  scheduleEntry,
  sentLink,
} from '@contracts/assessments.js';
import type {
  template,
  templateExportOutput,
  templateInput,
  templateSummary,
  TemplateDefinition,
} from '@contracts/questionnaires.js';
import { api } from './client.js';

export type Assessment = z.infer<typeof assessment>;
export type AssessmentDetail = z.infer<typeof assessmentDetail>;
export type AssessmentPage = z.infer<typeof assessmentPage>;
export type CreateAssessmentInput = z.input<typeof createAssessmentInput>;
export type DecisionInput = z.input<typeof decisionInput>;
export type Finding = z.infer<typeof finding>;
export type FindingInput = z.input<typeof findingInput>;
export type HeatMap = z.infer<typeof heatMap>;
export type ResidualRisk = z.infer<typeof residualRisk>;
export type ScheduleEntry = z.infer<typeof scheduleEntry>;
export type SentLink = z.infer<typeof sentLink>;
export type Template = z.infer<typeof template>;
export type TemplateSummary = z.infer<typeof templateSummary>;
export type TemplateInput = z.input<typeof templateInput>;
export type TemplateExport = z.infer<typeof templateExportOutput>;
export type GoLive = { allowed: boolean; reason: string; decisionId: string | null };

/** Query keys: everything about assessments under `['assessments']`, templates apart. */
export const assessmentKeys = {
  all: ['assessments'] as const,
  list: (filter: { vendorId?: string; status?: AssessmentStatus }) =>
    ['assessments', 'list', filter] as const,
  detail: (id: string) => ['assessments', id] as const,
  schedule: ['assessments', 'schedule'] as const,
  heatMap: ['assessments', 'heat-map'] as const,
  residual: (vendorId: string) => ['assessments', 'residual', vendorId] as const,
  goLive: (vendorId: string, integrationId: string) =>
    ['assessments', 'go-live', vendorId, integrationId] as const,
};
export const templateKeys = {
  all: ['questionnaires'] as const,
  detail: (id: string) => ['questionnaires', id] as const,
};

const enc = encodeURIComponent;
const assessmentPath = (id: string) => `/api/v1/assessments/${enc(id)}`;

// Templates
export const fetchTemplates = (): Promise<TemplateSummary[]> => api.get('/api/v1/questionnaires');
export const fetchTemplate = (id: string): Promise<Template> =>
  api.get(`/api/v1/questionnaires/${enc(id)}`);
export const createTemplate = (input: TemplateInput): Promise<Template> =>
  api.post('/api/v1/questionnaires', input);
export const updateTemplate = (
  id: string,
  baseVersion: number,
  definition: TemplateDefinition,
): Promise<Template> => api.put(`/api/v1/questionnaires/${enc(id)}`, { baseVersion, definition });
export const copyTemplate = (id: string, key: string): Promise<Template> =>
  api.post(`/api/v1/questionnaires/${enc(id)}/copy`, { key });
export const exportTemplate = (id: string): Promise<TemplateExport> =>
  api.get(`/api/v1/questionnaires/${enc(id)}/export`);
export const importTemplate = (document: unknown): Promise<Template> =>
  api.post('/api/v1/questionnaires/import', document);

// Assessments
export const fetchAssessments = (filter: {
  vendorId?: string;
  status?: AssessmentStatus;
  limit?: number;
  offset?: number;
}): Promise<AssessmentPage> => api.get('/api/v1/assessments', { ...filter });
export const fetchAssessment = (id: string): Promise<AssessmentDetail> =>
  api.get(assessmentPath(id));
export const createAssessment = (
  vendorId: string,
  input: CreateAssessmentInput,
): Promise<Assessment> => api.post(`/api/v1/vendors/${enc(vendorId)}/assessments`, input);
export const sendAssessment = (id: string): Promise<SentLink> =>
  api.post(`${assessmentPath(id)}/send`);
export const revokeAssessmentLinks = (id: string): Promise<{ revoked: number }> =>
  api.post(`${assessmentPath(id)}/revoke-links`);
export const cancelAssessment = (id: string, reason: string): Promise<Assessment> =>
  api.post(`${assessmentPath(id)}/cancel`, { reason });
export const evidenceUrl = (id: string, evidenceId: string) =>
  `${assessmentPath(id)}/evidence/${enc(evidenceId)}`;
export const addFinding = (id: string, input: FindingInput): Promise<Finding> =>
  api.post(`${assessmentPath(id)}/findings`, input);
export const setFindingStatus = (
  id: string,
  findingId: string,
  status: FindingStatus,
  note = '',
): Promise<Finding> =>
  api.put(`${assessmentPath(id)}/findings/${enc(findingId)}/status`, { status, note });
export const decideAssessment = (id: string, input: DecisionInput): Promise<AssessmentDetail> =>
  api.post(`${assessmentPath(id)}/decisions`, input);
export const markConditionMet = (
  id: string,
  decisionId: string,
  conditionId: string,
): Promise<AssessmentDetail> =>
  api.post(`${assessmentPath(id)}/decisions/${enc(decisionId)}/conditions/${enc(conditionId)}/met`);
export const fetchSchedule = (): Promise<ScheduleEntry[]> =>
  api.get('/api/v1/assessments/schedule');

// Residual risk and the gate
export const fetchResidualRisk = (vendorId: string): Promise<ResidualRisk> =>
  api.get(`/api/v1/vendors/${enc(vendorId)}/residual-risk`);
export const fetchHeatMap = (): Promise<HeatMap> => api.get('/api/v1/residual-risk/heat-map');
export const fetchGoLive = (vendorId: string, integrationId: string): Promise<GoLive> =>
  api.get(`/api/v1/vendors/${enc(vendorId)}/integrations/${enc(integrationId)}/go-live`);
