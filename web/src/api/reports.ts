import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Advisory, AdvisoryInput, PublicAdvisory, Severity } from '@contracts/advisories.js';
import type {
  assessmentInput,
  attachment,
  challenge,
  disclosureDateInput,
  Program,
  ProgramInput,
  ReportInput,
  reportInput,
  reportReceipt,
  ReportState,
  ReportSummary,
  researcherPreferencesInput,
  ResearcherView,
  slaDashboard,
  SlaClock,
  TeamReportView,
  ThreadMessage,
  transitionInput,
} from '@contracts/disclosure.js';
import { api } from './client.js';

/**
 * Researcher reports (vulnerability disclosure): the public form and thread, which need no
 * session, and the team's triage, advisories and SLA dashboard.
 */
export type {
  Advisory,
  AdvisoryInput,
  Program,
  ProgramInput,
  PublicAdvisory,
  ReportState,
  ReportSummary,
  ResearcherView,
  Severity,
  SlaClock,
  TeamReportView,
  ThreadMessage,
};
export type Attachment = z.infer<typeof attachment>;
export type Challenge = z.infer<typeof challenge>;
export type ReportReceipt = z.infer<typeof reportReceipt>;
export type NewReport = z.input<typeof reportInput>;
export type Preferences = z.input<typeof researcherPreferencesInput>;
export type Transition = z.input<typeof transitionInput>;
export type Assessment = z.input<typeof assessmentInput>;
export type DisclosureDate = z.input<typeof disclosureDateInput>;
export type SlaDashboard = z.infer<typeof slaDashboard>;
export type Cwe = { id: string; name: string };
export type { ReportInput };

const enc = encodeURIComponent;

// The researcher's side: public, the token from the link's fragment is the only credential.

const publicBase = '/api/v1/public/disclosure';
const threadBase = (token: string) => `${publicBase}/thread/${enc(token)}`;

export const fetchChallenge = (): Promise<Challenge> => api.get(`${publicBase}/challenge`);
export const submitReport = (input: NewReport): Promise<ReportReceipt> =>
  api.post(`${publicBase}/reports`, input);
export const fetchThread = (token: string): Promise<ResearcherView> => api.get(threadBase(token));
export const replyToThread = (token: string, body: string): Promise<ResearcherView> =>
  api.post(`${threadBase(token)}/messages`, { body });
export const savePreferences = (token: string, input: Preferences): Promise<ResearcherView> =>
  api.put(`${threadBase(token)}/preferences`, input);
export function uploadThreadAttachment(token: string, file: File): Promise<Attachment> {
  const form = new FormData();
  form.append('file', file, file.name);
  return api.upload(`${threadBase(token)}/attachments`, form);
}
export const threadAttachmentUrl = (token: string, attachmentId: string) =>
  `${threadBase(token)}/attachments/${enc(attachmentId)}`;

/** The token in a receipt's link (`…/report/thread#token=…`), for the uploads that follow. */
export function tokenOfLink(link: string): string {
  const hash = link.split('#')[1] ?? '';
  return new URLSearchParams(hash).get('token') ?? '';
}

export const threadKey = (token: string) => ['report-thread', token] as const;

// The team's side.

export const reportKeys = {
  all: ['vuln-reports'] as const,
  list: (status: ReportState | undefined) => ['vuln-reports', 'list', status ?? 'any'] as const,
  report: (id: string) => ['vuln-reports', 'report', id] as const,
  sla: ['vuln-reports', 'sla'] as const,
  cwes: (q: string) => ['vuln-reports', 'cwes', q] as const,
  advisories: ['vuln-reports', 'advisories'] as const,
  advisory: (id: string) => ['vuln-reports', 'advisories', id] as const,
  program: ['vuln-reports', 'program'] as const,
};

const reportPath = (id: string) => `/api/v1/disclosure/reports/${enc(id)}`;
const advisoryPath = (id: string) => `/api/v1/disclosure/advisories/${enc(id)}`;

export const fetchReports = (status?: ReportState): Promise<ReportSummary[]> =>
  api.get('/api/v1/disclosure/reports', { status });
export const fetchReport = (id: string): Promise<TeamReportView> => api.get(reportPath(id));
export const fetchSla = (): Promise<SlaDashboard> => api.get('/api/v1/disclosure/sla');
export const fetchCwes = (q: string): Promise<Cwe[]> => api.get('/api/v1/disclosure/cwes', { q });
export const fetchAdvisories = (): Promise<Advisory[]> => api.get('/api/v1/disclosure/advisories');
export const fetchAdvisory = (id: string): Promise<Advisory> => api.get(advisoryPath(id));
export const fetchProgram = (): Promise<Program> => api.get('/api/v1/disclosure/program');

export const reportAttachmentUrl = (id: string, attachmentId: string) =>
  `${reportPath(id)}/attachments/${enc(attachmentId)}`;

export const useReports = (status?: ReportState) =>
  useQuery({ queryKey: reportKeys.list(status), queryFn: () => fetchReports(status) });
export const useReport = (id: string) =>
  useQuery({ queryKey: reportKeys.report(id), queryFn: () => fetchReport(id) });
export const useSlaDashboard = () => useQuery({ queryKey: reportKeys.sla, queryFn: fetchSla });
export const useCwes = (q: string) =>
  useQuery({ queryKey: reportKeys.cwes(q), queryFn: () => fetchCwes(q), staleTime: 60_000 });
export const useAdvisories = () =>
  useQuery({ queryKey: reportKeys.advisories, queryFn: fetchAdvisories });
export const useAdvisory = (id: string) =>
  useQuery({ queryKey: reportKeys.advisory(id), queryFn: () => fetchAdvisory(id) });
export const useProgram = () => useQuery({ queryKey: reportKeys.program, queryFn: fetchProgram });

/**
 * Every report command answers with the whole report as it now is: it goes into the cache at
 * once, and the lists and dashboard are read again.
 */
function useReportCommand<Input>(
  id: string,
  mutationFn: (input: Input) => Promise<TeamReportView>,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: (view) => {
      queryClient.setQueryData(reportKeys.report(id), view);
      void queryClient.invalidateQueries({ queryKey: reportKeys.all });
    },
  });
}

export const useSendMessage = (id: string) =>
  useReportCommand(id, (input: { body: string; internal: boolean }) =>
    api.post<TeamReportView>(`${reportPath(id)}/messages`, input),
  );
export const useTransition = (id: string) =>
  useReportCommand(id, (input: Transition) =>
    api.post<TeamReportView>(`${reportPath(id)}/status`, input),
  );
export const useAssess = (id: string) =>
  useReportCommand(id, (input: Assessment) =>
    api.put<TeamReportView>(`${reportPath(id)}/assessment`, input),
  );
export const useSetOwner = (id: string) =>
  useReportCommand(id, (ownerId: string | null) =>
    api.put<TeamReportView>(`${reportPath(id)}/owner`, { ownerId }),
  );
export const useLinkIncident = (id: string) =>
  useReportCommand(id, (incidentId: string | null) =>
    api.put<TeamReportView>(`${reportPath(id)}/incident`, { incidentId }),
  );
export const useSetDisclosureDate = (id: string) =>
  useReportCommand(id, (input: DisclosureDate) =>
    api.put<TeamReportView>(`${reportPath(id)}/disclosure-date`, input),
  );

function useReportSideEffect<Input, Output>(
  id: string,
  mutationFn: (input: Input) => Promise<Output>,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: reportKeys.report(id) }),
  });
}

/** `internal`: a team file the researcher never sees. */
export const useUploadReportAttachment = (id: string) =>
  useReportSideEffect(id, ({ file, internal = false }: { file: File; internal?: boolean }) => {
    const form = new FormData();
    form.append('file', file, file.name);
    const query = internal ? '?internal=true' : '';
    return api.upload<Attachment>(`${reportPath(id)}/attachments${query}`, form);
  });
/** No body: the server refuses an empty one claiming to be JSON. */
export const useReissueLink = (id: string) =>
  useReportSideEffect(id, () =>
    api.post<{ link: string; expiresAt: string }>(`${reportPath(id)}/link`),
  );
export const useRevokeLinks = (id: string) =>
  useReportSideEffect(id, () => api.delete<{ revoked: number }>(`${reportPath(id)}/link`));

export function useDraftAdvisory(reportId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<Advisory>(`${reportPath(reportId)}/advisory`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: reportKeys.all }),
  });
}

function useAdvisoryCommand<Input>(id: string, mutationFn: (input: Input) => Promise<Advisory>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: (view) => {
      queryClient.setQueryData(reportKeys.advisory(id), view);
      void queryClient.invalidateQueries({ queryKey: reportKeys.advisories });
    },
  });
}

export const useSaveAdvisory = (id: string) =>
  useAdvisoryCommand(id, (input: AdvisoryInput) => api.put<Advisory>(advisoryPath(id), input));
export const usePublishAdvisory = (id: string) =>
  useAdvisoryCommand<void>(id, () => api.post<Advisory>(`${advisoryPath(id)}/publish`));

export function useSaveProgram() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ProgramInput) => api.put<Program>('/api/v1/disclosure/program', input),
    onSuccess: (view) => queryClient.setQueryData(reportKeys.program, view),
  });
}
