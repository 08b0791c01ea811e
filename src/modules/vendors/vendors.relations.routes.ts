import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { okResponse } from '../../contracts/common.js';
import {
  integration,
  integrationInput,
  subprocessorInput,
  subprocessorLink,
  vendorChildParams,
  vendorIdParams,
} from '../../contracts/vendors.js';
import { vendorAgreementRoutes } from './vendors.agreements.routes.js';
import type { VendorsModule } from './vendors.module.js';

const VIEWER = { role: 'viewer', scope: 'read' } as const;
const ANALYST = { role: 'analyst', scope: 'write' } as const;
const ADMIN = { role: 'admin', scope: 'admin' } as const;

/** Integrations and subprocessor links; agreements and their documents register beside them. */
export async function vendorRelationRoutes(
  root: FastifyInstance,
  { vendors }: { vendors: VendorsModule },
): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { integrations, subprocessors } = vendors;
  const tags = ['vendors'];
  const ok = { ok: true as const };

  app.get(
    '/api/v1/integrations',
    { config: { auth: VIEWER }, schema: { tags, response: { 200: z.array(integration) } } },
    async (request) => integrations.listAll(request.ctx),
  );

  app.get(
    '/api/v1/vendors/:vendorId/integrations',
    {
      config: { auth: VIEWER },
      schema: { tags, params: vendorIdParams, response: { 200: z.array(integration) } },
    },
    async (request) => integrations.list(request.ctx, request.params.vendorId),
  );

  app.post(
    '/api/v1/vendors/:vendorId/integrations',
    {
      config: { auth: ANALYST },
      schema: {
        tags,
        params: vendorIdParams,
        body: integrationInput,
        response: { 201: integration },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await integrations.create(request.ctx, request.params.vendorId, request.body)),
  );

  app.get(
    '/api/v1/vendors/:vendorId/integrations/:id',
    {
      config: { auth: VIEWER },
      schema: { tags, params: vendorChildParams, response: { 200: integration } },
    },
    async (request) => integrations.get(request.ctx, request.params.vendorId, request.params.id),
  );

  app.put(
    '/api/v1/vendors/:vendorId/integrations/:id',
    {
      config: { auth: ANALYST },
      schema: {
        tags,
        params: vendorChildParams,
        body: integrationInput,
        response: { 200: integration },
      },
    },
    async (request) =>
      integrations.update(request.ctx, request.params.vendorId, request.params.id, request.body),
  );

  app.delete(
    '/api/v1/vendors/:vendorId/integrations/:id',
    {
      config: { auth: ADMIN },
      schema: {
        tags,
        summary: 'Delete an integration that never shared data (otherwise retire it)',
        params: vendorChildParams,
        response: { 200: okResponse },
      },
    },
    async (request) => {
      await integrations.remove(request.ctx, request.params.vendorId, request.params.id);
      return ok;
    },
  );

  app.get(
    '/api/v1/vendors/:vendorId/subprocessors',
    {
      config: { auth: VIEWER },
      schema: {
        tags,
        summary: "The vendor's own subprocessors",
        params: vendorIdParams,
        response: { 200: z.array(subprocessorLink) },
      },
    },
    async (request) => subprocessors.list(request.ctx, request.params.vendorId),
  );

  app.get(
    '/api/v1/vendors/:vendorId/used-by',
    {
      config: { auth: VIEWER },
      schema: {
        tags,
        summary: 'The vendors that use this vendor as a subprocessor',
        params: vendorIdParams,
        response: { 200: z.array(subprocessorLink) },
      },
    },
    async (request) => subprocessors.usedBy(request.ctx, request.params.vendorId),
  );

  app.post(
    '/api/v1/vendors/:vendorId/subprocessors',
    {
      config: { auth: ANALYST },
      schema: {
        tags,
        params: vendorIdParams,
        body: subprocessorInput,
        response: { 201: subprocessorLink },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await subprocessors.link(request.ctx, request.params.vendorId, request.body)),
  );

  app.delete(
    '/api/v1/vendors/:vendorId/subprocessors/:id',
    {
      config: { auth: ANALYST },
      schema: { tags, params: vendorChildParams, response: { 200: okResponse } },
    },
    async (request) => {
      await subprocessors.unlink(request.ctx, request.params.vendorId, request.params.id);
      return ok;
    },
  );

  await root.register(vendorAgreementRoutes, { vendors });
}
