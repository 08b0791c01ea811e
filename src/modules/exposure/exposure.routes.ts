import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { okResponse } from '../../contracts/common.js';
import {
  alertIdParams,
  alertList,
  alertQuery,
  component,
  componentPage,
  componentQuery,
  declaredProductInput,
  finding,
  findingDetail,
  findingIdParams,
  findingPage,
  findingQuery,
  findingStatusInput,
  portfolio,
  productParams,
  sbomChanges,
  sbomParams,
  sbomSummary,
  sbomUploadQuery,
  sbomUploadResult,
  trend,
  trendQuery,
  vexResult,
} from '../../contracts/exposure.js';
import { vendorIdParams } from '../../contracts/vendors.js';
import { readUpload, sendAsAttachment, UPLOAD_LIMITS } from '../../server/uploads.js';
import type { ExposureModule } from './exposure.module.js';
import { ACCESS } from './exposure.types.js';

/** A vendor's software (SBOMs, components, declared products, VEX) and the findings on it. */
export async function exposureRoutes(
  root: FastifyInstance,
  { exposure }: { exposure: ExposureModule },
): Promise<void> {
  // Registered here only, so no other route accepts multipart bodies.
  await root.register(multipart, { limits: UPLOAD_LIMITS });
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['exposure'];
  const { sboms, products, findings, portfolio: portfolioService } = exposure;

  app.get(
    '/api/v1/vendors/:vendorId/sboms',
    {
      config: { auth: ACCESS.read },
      schema: { tags, params: vendorIdParams, response: { 200: z.array(sbomSummary) } },
    },
    async (request) => sboms.list(request.ctx, request.params.vendorId),
  );

  app.post(
    '/api/v1/vendors/:vendorId/sboms',
    {
      config: { auth: ACCESS.write },
      schema: {
        tags,
        summary:
          'Upload an SBOM (CycloneDX 1.2–1.6 or SPDX 2.2/2.3 JSON, multipart field "file", at most 25 MB); it replaces the scope\'s components',
        consumes: ['multipart/form-data'],
        params: vendorIdParams,
        querystring: sbomUploadQuery,
        response: { 201: sbomUploadResult },
      },
    },
    async (request, reply) => {
      const file = await readUpload(request);
      const result = await sboms.upload(
        request.ctx,
        request.params.vendorId,
        request.query.integrationId ?? null,
        file,
      );
      return reply.status(201).send(result);
    },
  );

  app.get(
    '/api/v1/vendors/:vendorId/sboms/:sbomId/changes',
    {
      config: { auth: ACCESS.read },
      schema: {
        tags,
        summary: 'What this upload changed against the one before it',
        params: sbomParams,
        response: { 200: sbomChanges },
      },
    },
    async (request) => sboms.changes(request.ctx, request.params.vendorId, request.params.sbomId),
  );

  app.get(
    '/api/v1/vendors/:vendorId/sboms/:sbomId/file',
    { config: { auth: ACCESS.read }, schema: { tags, params: sbomParams } },
    async (request, reply) =>
      sendAsAttachment(
        reply,
        await sboms.download(request.ctx, request.params.vendorId, request.params.sbomId),
      ),
  );

  app.get(
    '/api/v1/vendors/:vendorId/components',
    {
      config: { auth: ACCESS.read },
      schema: {
        tags,
        params: vendorIdParams,
        querystring: componentQuery,
        response: { 200: componentPage },
      },
    },
    async (request) => products.list(request.ctx, request.params.vendorId, request.query),
  );

  app.post(
    '/api/v1/vendors/:vendorId/products',
    {
      config: { auth: ACCESS.write },
      schema: {
        tags,
        summary: 'Declare a product the vendor runs, by CPE 2.3 name or package URL',
        params: vendorIdParams,
        body: declaredProductInput,
        response: { 201: component },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await products.declare(request.ctx, request.params.vendorId, request.body)),
  );

  app.delete(
    '/api/v1/vendors/:vendorId/products/:componentId',
    {
      config: { auth: ACCESS.write },
      schema: { tags, params: productParams, response: { 200: okResponse } },
    },
    async (request) => {
      await products.remove(request.ctx, request.params.vendorId, request.params.componentId);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/vendors/:vendorId/vex',
    {
      config: { auth: ACCESS.write },
      schema: {
        tags,
        summary: 'Import the vendor\'s CycloneDX VEX (multipart field "file")',
        consumes: ['multipart/form-data'],
        params: vendorIdParams,
        response: { 200: vexResult },
      },
    },
    async (request) =>
      products.importVex(request.ctx, request.params.vendorId, await readUpload(request)),
  );

  app.get(
    '/api/v1/exposure/findings',
    {
      config: { auth: ACCESS.read },
      schema: { tags, querystring: findingQuery, response: { 200: findingPage } },
    },
    async (request) => findings.list(request.ctx, request.query),
  );

  app.get(
    '/api/v1/exposure/findings/:findingId',
    {
      config: { auth: ACCESS.read },
      schema: { tags, params: findingIdParams, response: { 200: findingDetail } },
    },
    async (request) => findings.get(request.ctx, request.params.findingId),
  );

  app.put(
    '/api/v1/exposure/findings/:findingId/status',
    {
      config: { auth: ACCESS.write },
      schema: {
        tags,
        summary: 'Reopen, mark not affected, or accept the risk until a date',
        params: findingIdParams,
        body: findingStatusInput,
        response: { 200: finding },
      },
    },
    async (request) => findings.setStatus(request.ctx, request.params.findingId, request.body),
  );

  app.get(
    '/api/v1/exposure/portfolio',
    { config: { auth: ACCESS.read }, schema: { tags, response: { 200: portfolio } } },
    async (request) => portfolioService.portfolio(request.ctx),
  );

  app.get(
    '/api/v1/exposure/trend',
    {
      config: { auth: ACCESS.read },
      schema: { tags, querystring: trendQuery, response: { 200: trend } },
    },
    async (request) => portfolioService.trend(request.ctx, request.query.days),
  );

  app.get(
    '/api/v1/exposure/alerts',
    {
      config: { auth: ACCESS.read },
      schema: { tags, querystring: alertQuery, response: { 200: alertList } },
    },
    async (request) => portfolioService.alerts(request.ctx, request.query),
  );

  app.post(
    '/api/v1/exposure/alerts/:alertId/acknowledge',
    {
      config: { auth: ACCESS.write },
      schema: { tags, params: alertIdParams, response: { 200: okResponse } },
    },
    async (request) => {
      await portfolioService.acknowledge(request.ctx, request.params.alertId);
      return { ok: true as const };
    },
  );
}
