import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { okResponse } from '../../contracts/common.js';
import {
  agreement,
  agreementDocument,
  agreementDocumentParams,
  agreementInput,
  expiringAgreement,
  expiringAgreementsQuery,
  vendorChildParams,
  vendorIdParams,
} from '../../contracts/vendors.js';
import { ACCEPTED_UPLOADS } from '../../lib/blob-store.js';
import { readUpload, sendAsAttachment, UPLOAD_LIMITS } from '../../server/uploads.js';
import type { VendorsModule } from './vendors.module.js';

const VIEWER = { role: 'viewer', scope: 'read' } as const;
const ANALYST = { role: 'analyst', scope: 'write' } as const;
const ADMIN = { role: 'admin', scope: 'admin' } as const;

/** Agreements, their documents (multipart upload, attachment download) and expiry listing. */
export async function vendorAgreementRoutes(
  root: FastifyInstance,
  { vendors }: { vendors: VendorsModule },
): Promise<void> {
  // Registered here only, so no other route accepts multipart bodies.
  await root.register(multipart, { limits: UPLOAD_LIMITS });
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { agreements } = vendors;
  const tags = ['vendors'];
  const ok = { ok: true as const };

  app.get(
    '/api/v1/agreements/expiring',
    {
      config: { auth: VIEWER },
      schema: {
        tags,
        summary: 'Agreements expiring within the given days, or already expired',
        querystring: expiringAgreementsQuery,
        response: { 200: z.array(expiringAgreement) },
      },
    },
    async (request) => agreements.expiring(request.ctx, request.query.days),
  );

  app.get(
    '/api/v1/vendors/:vendorId/agreements',
    {
      config: { auth: VIEWER },
      schema: { tags, params: vendorIdParams, response: { 200: z.array(agreement) } },
    },
    async (request) => agreements.list(request.ctx, request.params.vendorId),
  );

  app.post(
    '/api/v1/vendors/:vendorId/agreements',
    {
      config: { auth: ANALYST },
      schema: { tags, params: vendorIdParams, body: agreementInput, response: { 201: agreement } },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await agreements.create(request.ctx, request.params.vendorId, request.body)),
  );

  app.get(
    '/api/v1/vendors/:vendorId/agreements/:id',
    {
      config: { auth: VIEWER },
      schema: { tags, params: vendorChildParams, response: { 200: agreement } },
    },
    async (request) => agreements.get(request.ctx, request.params.vendorId, request.params.id),
  );

  app.put(
    '/api/v1/vendors/:vendorId/agreements/:id',
    {
      config: { auth: ANALYST },
      schema: {
        tags,
        params: vendorChildParams,
        body: agreementInput,
        response: { 200: agreement },
      },
    },
    async (request) =>
      agreements.update(request.ctx, request.params.vendorId, request.params.id, request.body),
  );

  app.delete(
    '/api/v1/vendors/:vendorId/agreements/:id',
    {
      config: { auth: ADMIN },
      schema: { tags, params: vendorChildParams, response: { 200: okResponse } },
    },
    async (request) => {
      await agreements.remove(request.ctx, request.params.vendorId, request.params.id);
      return ok;
    },
  );

  app.post(
    '/api/v1/vendors/:vendorId/agreements/:id/documents',
    {
      config: { auth: ANALYST },
      schema: {
        tags,
        summary: `Upload a signed copy (multipart field "file", at most 25 MB: ${ACCEPTED_UPLOADS})`,
        consumes: ['multipart/form-data'],
        params: vendorChildParams,
        response: { 201: agreementDocument },
      },
    },
    async (request, reply) => {
      const file = await readUpload(request);
      const { vendorId, id } = request.params;
      return reply
        .status(201)
        .send(await agreements.documents.upload(request.ctx, vendorId, id, file));
    },
  );

  app.get(
    '/api/v1/vendors/:vendorId/agreements/:id/documents/:documentId',
    {
      config: { auth: VIEWER },
      schema: { tags, summary: 'Download the document', params: agreementDocumentParams },
    },
    async (request, reply) => {
      const { vendorId, id, documentId } = request.params;
      const document = await agreements.documents.download(request.ctx, {
        vendorId,
        agreementId: id,
        documentId,
      });
      return sendAsAttachment(reply, document);
    },
  );

  app.delete(
    '/api/v1/vendors/:vendorId/agreements/:id/documents/:documentId',
    {
      config: { auth: ANALYST },
      schema: { tags, params: agreementDocumentParams, response: { 200: okResponse } },
    },
    async (request) => {
      const { vendorId, id, documentId } = request.params;
      await agreements.documents.remove(request.ctx, { vendorId, agreementId: id, documentId });
      return ok;
    },
  );
}
