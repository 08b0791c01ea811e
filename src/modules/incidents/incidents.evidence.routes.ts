import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams, text } from '../../contracts/common.js';
import {
  custodyEvent,
  custodyInput,
  custodyList,
  evidence,
  evidenceFields,
  evidenceList,
  evidenceParams,
  evidencePatch,
} from '../../contracts/incidents.js';
import { ValidationError } from '../../lib/errors.js';
import { readUploadWithFields, sendAsAttachment, UPLOAD_LIMITS } from '../../server/uploads.js';
import { ACCESS } from './incidents.access.js';
import type { IncidentsModule } from './incidents.module.js';

/** A file and the few text fields that describe where it came from. */
const EVIDENCE_LIMITS = { ...UPLOAD_LIMITS, fields: 8, fieldSize: 8192, parts: 9 };
const downloadQuery = z.strictObject({ purpose: text(300).default('review') });

/** Evidence files (multipart upload, verified download), labels and chain of custody. */
export async function incidentEvidenceRoutes(
  root: FastifyInstance,
  { incidents: module }: { incidents: IncidentsModule },
): Promise<void> {
  // Registered here only, so no other incident route accepts multipart bodies.
  await root.register(multipart, { limits: EVIDENCE_LIMITS });
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['incidents'];
  const { evidence: service } = module;

  app.get(
    '/api/v1/incidents/:id/evidence',
    {
      config: { auth: ACCESS.read },
      schema: { tags, params: idParams, response: { 200: evidenceList } },
    },
    async (request) => ({ items: await service.list(request.ctx, request.params.id) }),
  );

  app.post(
    '/api/v1/incidents/:id/evidence',
    {
      config: { auth: ACCESS.write },
      schema: {
        tags,
        summary:
          'Add an evidence file (multipart: "file", at most 25 MB, with acquiredFrom, acquiredAt, description, purpose, location)',
        consumes: ['multipart/form-data'],
        params: idParams,
        response: { 201: evidence },
      },
    },
    async (request, reply) => {
      const { file, fields } = await readUploadWithFields(request);
      const parsed = evidenceFields.safeParse(fields);
      if (!parsed.success)
        throw ValidationError.fromIssues('Invalid evidence details', 'body', parsed.error.issues);
      return reply
        .code(201)
        .send(await service.add(request.ctx, request.params.id, file, parsed.data));
    },
  );

  app.get(
    '/api/v1/incidents/:id/evidence/:evidenceId/content',
    {
      config: { auth: ACCESS.write },
      schema: {
        tags,
        summary: 'Download the file, re-verified against its SHA-256; recorded as custody',
        params: evidenceParams,
        querystring: downloadQuery,
      },
    },
    async (request, reply) => {
      const { id, evidenceId } = request.params;
      const file = await service.download(request.ctx, id, evidenceId, request.query.purpose);
      void reply.header('x-content-sha256', file.sha256);
      return sendAsAttachment(reply, file);
    },
  );

  app.patch(
    '/api/v1/incidents/:id/evidence/:evidenceId',
    {
      config: { auth: ACCESS.write },
      schema: { tags, params: evidenceParams, body: evidencePatch, response: { 200: evidence } },
    },
    async (request) =>
      service.update(request.ctx, request.params.id, request.params.evidenceId, request.body),
  );

  app.get(
    '/api/v1/incidents/:id/evidence/:evidenceId/custody',
    {
      config: { auth: ACCESS.read },
      schema: { tags, params: evidenceParams, response: { 200: custodyList } },
    },
    async (request) => ({
      items: await service.custodyLog(request.ctx, request.params.id, request.params.evidenceId),
    }),
  );

  app.post(
    '/api/v1/incidents/:id/evidence/:evidenceId/custody',
    {
      config: { auth: ACCESS.write },
      schema: {
        tags,
        summary: 'Record a custody event: handed over, stored, returned or exported',
        params: evidenceParams,
        body: custodyInput,
        response: { 201: custodyEvent },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await service.recordCustody(
            request.ctx,
            request.params.id,
            request.params.evidenceId,
            request.body,
          ),
        ),
  );
}
