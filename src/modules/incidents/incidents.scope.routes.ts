import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParams } from '../../contracts/common.js';
import {
  exportQuery,
  review,
  reviewInput,
  scopeSnapshot,
  scopeSnapshotList,
} from '../../contracts/incidents.js';
import { attachment } from '../../server/uploads.js';
import { ACCESS } from './incidents.access.js';
import type { IncidentsModule } from './incidents.module.js';

/**
 * The incident's scope snapshots (who is affected), the legal export bundle, and after the
 * incident its review and printable report.
 */
export async function incidentScopeRoutes(
  root: FastifyInstance,
  { incidents: module }: { incidents: IncidentsModule },
): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['incidents'];

  app.get(
    '/api/v1/incidents/:id/scope',
    {
      config: { auth: ACCESS.read },
      schema: { tags, params: idParams, response: { 200: scopeSnapshotList } },
    },
    async (request) => ({ items: await module.scope.list(request.ctx, request.params.id) }),
  );

  app.post(
    '/api/v1/incidents/:id/scope',
    {
      config: { auth: ACCESS.write },
      schema: {
        tags,
        summary:
          'Take a scope snapshot: the customers the linked vendors and integrations received in the exposure window',
        params: idParams,
        response: { 201: scopeSnapshot },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await module.scope.take(request.ctx, request.params.id)),
  );

  app.get(
    '/api/v1/incidents/:id/export',
    {
      config: { auth: ACCESS.write },
      schema: {
        tags,
        summary:
          'Download the legal export bundle (zip with a manifest of SHA-256s; privileged evidence only when asked)',
        params: idParams,
        querystring: exportQuery,
      },
    },
    async (request, reply) => {
      const bundle = await module.bundle.export(request.ctx, request.params.id, {
        privileged: request.query.privileged === 'include',
      });
      return reply
        .header('content-type', 'application/zip')
        .header('content-disposition', attachment(bundle.fileName))
        .header('cache-control', 'private, no-store')
        .send(bundle.stream);
    },
  );

  app.get(
    '/api/v1/incidents/:id/review',
    {
      config: { auth: ACCESS.read },
      schema: { tags, params: idParams, response: { 200: review } },
    },
    async (request) => module.review.get(request.ctx, request.params.id),
  );

  app.put(
    '/api/v1/incidents/:id/review',
    {
      config: { auth: ACCESS.write },
      schema: { tags, params: idParams, body: reviewInput, response: { 200: review } },
    },
    async (request) => module.review.save(request.ctx, request.params.id, request.body),
  );

  app.get(
    '/api/v1/incidents/:id/report',
    {
      config: { auth: ACCESS.read },
      schema: { tags, summary: 'The printable post-incident report (HTML)', params: idParams },
    },
    async (request, reply) =>
      reply
        .header('content-type', 'text/html; charset=utf-8')
        // A page of people's words: nothing in it may run or load anything.
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
        .header('cache-control', 'private, no-store')
        .send(await module.review.report(request.ctx, request.params.id)),
  );
}
