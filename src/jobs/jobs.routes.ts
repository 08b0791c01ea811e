import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParams } from '../contracts/common.js';
import { jobPage, jobSummary, listJobsQuery } from '../contracts/jobs.js';
import type { JobService } from './jobs.service.js';

const admin = { auth: { role: 'admin', scope: 'admin' } } as const;

/** The dead-letter screen's API. The service re-checks rights on every call (DESIGN §6). */
export async function jobsRoutes(app: FastifyInstance, opts: { jobs: JobService }): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get(
    '/api/v1/jobs',
    {
      config: admin,
      schema: {
        tags: ['jobs'],
        summary: 'List background jobs, newest first',
        querystring: listJobsQuery,
        response: { 200: jobPage },
      },
    },
    (request) => opts.jobs.list(request.ctx, request.query),
  );

  routes.post(
    '/api/v1/jobs/:id/retry',
    {
      config: admin,
      schema: {
        tags: ['jobs'],
        summary: 'Queue a dead job again with a fresh set of attempts',
        params: idParams,
        response: { 200: jobSummary },
      },
    },
    (request) => opts.jobs.retry(request.ctx, request.params.id),
  );
}
