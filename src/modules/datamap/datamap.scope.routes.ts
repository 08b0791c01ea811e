import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams } from '../../contracts/common.js';
import {
  acknowledgeRequest,
  blastRadius,
  blastRadiusQuery,
  dataMap,
  sharingAlert,
  sharingAlertsQuery,
  sharingSeries,
  sharingSeriesQuery,
} from '../../contracts/datamap.js';
import { vendorIdParams } from '../../contracts/vendors.js';
import type { DatamapService } from './datamap.service.js';

const VIEWER = { role: 'viewer', scope: 'read' } as const;
const ANALYST_READ = { role: 'analyst', scope: 'read' } as const;
const ANALYST_WRITE = { role: 'analyst', scope: 'write' } as const;

/** Blast radius, the data map, sharing over time and out-of-scope sharing alerts. */
export async function datamapScopeRoutes(
  root: FastifyInstance,
  { datamap }: { datamap: DatamapService },
): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['data map'];

  app.get(
    '/api/v1/blast-radius',
    {
      config: { auth: VIEWER },
      schema: { tags, querystring: blastRadiusQuery, response: { 200: blastRadius } },
    },
    async (request) => datamap.blastRadius.compute(request.ctx, request.query),
  );

  app.get(
    '/api/v1/blast-radius/customers.csv',
    {
      config: { auth: ANALYST_READ },
      schema: {
        tags,
        summary: 'Every affected customer, with contact details, as CSV (audited)',
        querystring: blastRadiusQuery,
      },
    },
    async (request, reply) => {
      const csv = await datamap.blastRadius.exportCsv(request.ctx, request.query);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="affected-customers.csv"')
        .header('cache-control', 'no-store')
        .send(csv);
    },
  );

  app.get(
    '/api/v1/data-map',
    { config: { auth: VIEWER }, schema: { tags, response: { 200: dataMap } } },
    async (request) => datamap.graph.map(request.ctx),
  );

  app.get(
    '/api/v1/vendors/:vendorId/sharing',
    {
      config: { auth: VIEWER },
      schema: {
        tags,
        params: vendorIdParams,
        querystring: sharingSeriesQuery,
        response: { 200: sharingSeries },
      },
    },
    async (request) =>
      datamap.graph.series(request.ctx, request.params.vendorId, {
        ...(request.query.from ? { from: request.query.from } : {}),
        ...(request.query.to ? { to: request.query.to } : {}),
      }),
  );

  app.get(
    '/api/v1/sharing-alerts',
    {
      config: { auth: VIEWER },
      schema: { tags, querystring: sharingAlertsQuery, response: { 200: z.array(sharingAlert) } },
    },
    async (request) => datamap.graph.alerts(request.ctx, request.query.status),
  );

  app.post(
    '/api/v1/sharing-alerts/:id/acknowledge',
    {
      config: { auth: ANALYST_WRITE },
      schema: { tags, params: idParams, body: acknowledgeRequest, response: { 200: sharingAlert } },
    },
    async (request) =>
      datamap.graph.acknowledgeAlert(request.ctx, request.params.id, request.body.note),
  );
}
