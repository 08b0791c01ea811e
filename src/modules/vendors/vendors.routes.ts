import type { FastifyInstance } from 'fastify';
import { BadRequest } from '../../lib/errors.js';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { okResponse } from '../../contracts/common.js';
import {
  listVendorsQuery,
  riskAssessment,
  riskOverrideRequest,
  statusChangeRequest,
  vendor,
  vendorIdParams,
  vendorImportResult,
  vendorInput,
  vendorPage,
  vendorSummary,
} from '../../contracts/vendors.js';
import { vendorContactRoutes } from './vendors.contacts.routes.js';
import type { VendorsModule } from './vendors.module.js';
import { vendorOffboardingRoutes } from './vendors.offboarding.routes.js';
import { ACCESS } from './vendors.types.js';

/** Inventory files are small (a few thousand rows), and csv-parse/sync holds one in memory. */
const CSV_BODY_LIMIT = 5 * 1024 * 1024;

const tags = ['vendors'];

/** Vendor profiles, lifecycle, risk and inventory import; contacts and offboarding nest below. */
export async function vendorRoutes(
  root: FastifyInstance,
  { vendors }: { vendors: VendorsModule },
): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const service = vendors.vendors;

  // Only this plugin's routes accept CSV; it arrives as one string for the strict parser.
  // Decoded strictly: a Latin-1 file is refused, not stored as `M�ller`.
  app.addContentTypeParser(
    'text/csv',
    { parseAs: 'buffer', bodyLimit: CSV_BODY_LIMIT },
    (_request, body, done) => {
      try {
        done(null, new TextDecoder('utf-8', { fatal: true }).decode(body as Buffer));
      } catch {
        done(new BadRequest('body: is not valid UTF-8'), undefined);
      }
    },
  );

  app.get(
    '/api/v1/vendors',
    {
      config: { auth: ACCESS.read },
      schema: { tags, querystring: listVendorsQuery, response: { 200: vendorPage } },
    },
    async (request) => service.list(request.ctx, request.query),
  );

  app.get(
    '/api/v1/vendors/tags',
    {
      config: { auth: ACCESS.read },
      schema: { tags, summary: 'Every tag in use, sorted', response: { 200: z.array(z.string()) } },
    },
    async (request) => service.tags(request.ctx),
  );

  app.post(
    '/api/v1/vendors',
    {
      config: { auth: ACCESS.write },
      schema: { tags, body: vendorInput, response: { 201: vendor } },
    },
    async (request, reply) =>
      reply.status(201).send(await service.create(request.ctx, request.body)),
  );

  app.post(
    '/api/v1/vendors/import',
    {
      config: { auth: ACCESS.write },
      schema: {
        tags,
        summary: 'Create or update vendors from a CSV inventory; all rows or none',
        consumes: ['text/csv'],
        body: z.string(),
        response: { 200: vendorImportResult },
      },
    },
    async (request) => service.inventory.importCsv(request.ctx, request.body),
  );

  app.get(
    '/api/v1/vendors/:vendorId',
    {
      config: { auth: ACCESS.read },
      schema: { tags, params: vendorIdParams, response: { 200: vendorSummary } },
    },
    async (request) => service.get(request.ctx, request.params.vendorId),
  );

  app.put(
    '/api/v1/vendors/:vendorId',
    {
      config: { auth: ACCESS.write },
      schema: { tags, params: vendorIdParams, body: vendorInput, response: { 200: vendor } },
    },
    async (request) => service.update(request.ctx, request.params.vendorId, request.body),
  );

  app.delete(
    '/api/v1/vendors/:vendorId',
    {
      config: { auth: ACCESS.admin },
      schema: {
        tags,
        summary: 'Delete a prospect (vendors that were ever used are offboarded instead)',
        params: vendorIdParams,
        response: { 200: okResponse },
      },
    },
    async (request) => {
      await service.remove(request.ctx, request.params.vendorId);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/vendors/:vendorId/status',
    {
      config: { auth: ACCESS.write },
      schema: {
        tags,
        params: vendorIdParams,
        body: statusChangeRequest,
        response: { 200: vendor },
      },
    },
    async (request) => service.changeStatus(request.ctx, request.params.vendorId, request.body),
  );

  app.get(
    '/api/v1/vendors/:vendorId/risk',
    {
      config: { auth: ACCESS.read },
      schema: { tags, params: vendorIdParams, response: { 200: riskAssessment } },
    },
    async (request) => service.risk.get(request.ctx, request.params.vendorId),
  );

  app.put(
    '/api/v1/vendors/:vendorId/risk-override',
    {
      config: { auth: ACCESS.write },
      schema: {
        tags,
        summary: 'Override the computed risk tier with a reason; tier null clears it',
        params: vendorIdParams,
        body: riskOverrideRequest,
        response: { 200: riskAssessment },
      },
    },
    async (request) => service.risk.override(request.ctx, request.params.vendorId, request.body),
  );

  await app.register(vendorContactRoutes, { vendors });
  await app.register(vendorOffboardingRoutes, { vendors });
}
