import type { JobPage, JobStatusDto, JobSummary } from '@contracts/jobs.js';
import { api } from './client.js';

export type { JobPage, JobSummary };

export function fetchJobs(
  status: JobStatusDto,
  before?: string | null,
  limit = 50,
): Promise<JobPage> {
  return api.get('/api/v1/jobs', { status, before, limit });
}

export function retryJob(id: string): Promise<JobSummary> {
  return api.post(`/api/v1/jobs/${encodeURIComponent(id)}/retry`);
}
