import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
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
import { UnsupportedMediaType, ValidationError } from '../../lib/errors.js';
import type { UploadedFile } from './vendors.agreements.documents.js';
import type { VendorsModule } from './vendors.module.js';

const VIEWER = { role: 'viewer', scope: 'read' } as const;
const ANALYST = { role: 'analyst', scope: 'write' } as const;
const ADMIN = { role: 'admin', scope: 'admin' } as const;

const MAX_DOCUMENT_BYTES = 25 * 1024 * 1024;

/** One file and nothing else of size: the whole file is held in memory, so it is bounded. */
const UPLOAD_LIMITS = {
  files: 1,
  fileSize: MAX_DOCUMENT_BYTES,
  fields: 5,
  fieldSize: 1024,
  parts: 6,
  headerPairs: 20,
};

/** The one file in form field "file"; the parser's limits refuse a second file or a big one. */
async function readUpload(request: FastifyRequest): Promise<UploadedFile> {
  if (!request.isMultipart())
    throw new UnsupportedMediaType(request.headers['content-type'] ?? '(none)');
  let upload: UploadedFile | undefined;
  for await (const part of request.parts()) {
    if (part.type !== 'file') continue;
    if (part.fieldname !== 'file') {
      part.file.resume();
      throw ValidationError.forField(`body.${part.fieldname}`, 'send the document as "file"');
    }
    upload = { fileName: part.filename, bytes: await part.toBuffer() };
  }
  if (!upload) throw ValidationError.forField('body.file', 'is required');
  return upload;
}

/** RFC 6266 with an RFC 5987 UTF-8 name, plus a plain ASCII fallback for old clients. */
function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

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
      // Always a download, never rendered in our origin: an uploaded file is untrusted content.
      return reply
        .header('content-type', document.mediaType)
        .header('content-disposition', attachment(document.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(document.content);
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
