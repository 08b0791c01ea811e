import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams, okResponse } from '../../contracts/common.js';
import {
  accessRequest,
  accessRequestQuery,
  approveRequestInput,
  documentMetadata,
  measure,
  measureInput,
  measureOrder,
  scheduleSubprocessorInput,
  statusUpdate,
  statusUpdateInput,
  subprocessor,
  subprocessorOverview,
  subscriberCount,
  syncResult,
  trustDocument,
  trustSettings,
  trustSettingsInput,
} from '../../contracts/trust.js';
import { ValidationError } from '../../lib/errors.js';
import { ACCEPTED_UPLOADS } from '../../lib/blob-store.js';
import { readUploadWithFields, UPLOAD_LIMITS } from '../../server/uploads.js';
import type { TrustModule } from './trust.module.js';
import { ACCESS } from './trust.types.js';

const tags = ['trust'];
const ok = { ok: true } as const;
const STAFF = ACCESS.staff;

/** The staff API behind the trust center: everything here ends up on a public page. */
export async function trustRoutes(
  root: FastifyInstance,
  { trust }: { trust: TrustModule },
): Promise<void> {
  // Registered here only, so no other route of this plugin's parent accepts multipart.
  await root.register(multipart, { limits: UPLOAD_LIMITS });
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/v1/trust/settings',
    { config: { auth: STAFF }, schema: { tags, response: { 200: trustSettings } } },
    async (request) => trust.settings.get(request.ctx),
  );
  app.put(
    '/api/v1/trust/settings',
    {
      config: { auth: ACCESS.admin },
      schema: {
        tags,
        summary: 'Theme, notice period and link lifetime',
        body: trustSettingsInput,
        response: { 200: trustSettings },
      },
    },
    async (request) => trust.settings.update(request.ctx, request.body),
  );

  app.get(
    '/api/v1/trust/measures',
    { config: { auth: STAFF }, schema: { tags, response: { 200: z.array(measure) } } },
    async (request) => trust.content.listMeasures(request.ctx),
  );
  app.post(
    '/api/v1/trust/measures',
    { config: { auth: STAFF }, schema: { tags, body: measureInput, response: { 201: measure } } },
    async (request, reply) =>
      reply.status(201).send(await trust.content.createMeasure(request.ctx, request.body)),
  );
  app.put(
    '/api/v1/trust/measures/order',
    {
      config: { auth: STAFF },
      schema: { tags, body: measureOrder, response: { 200: z.array(measure) } },
    },
    async (request) => trust.content.reorder(request.ctx, request.body.ids),
  );
  app.put(
    '/api/v1/trust/measures/:id',
    {
      config: { auth: STAFF },
      schema: { tags, params: idParams, body: measureInput, response: { 200: measure } },
    },
    async (request) => trust.content.updateMeasure(request.ctx, request.params.id, request.body),
  );
  app.delete(
    '/api/v1/trust/measures/:id',
    { config: { auth: STAFF }, schema: { tags, params: idParams, response: { 200: okResponse } } },
    async (request) => {
      await trust.content.removeMeasure(request.ctx, request.params.id);
      return ok;
    },
  );

  app.get(
    '/api/v1/trust/documents',
    { config: { auth: STAFF }, schema: { tags, response: { 200: z.array(trustDocument) } } },
    async (request) => trust.documents.listForStaff(request.ctx),
  );
  app.post(
    '/api/v1/trust/documents',
    {
      config: { auth: STAFF },
      schema: {
        tags,
        summary: `Upload a document (multipart: "file", at most 25 MB, ${ACCEPTED_UPLOADS}; fields title, description, kind, access)`,
        consumes: ['multipart/form-data'],
        response: { 201: trustDocument },
      },
    },
    async (request, reply) => {
      const { file, fields } = await readUploadWithFields(request);
      const metadata = documentMetadata.safeParse(fields);
      if (!metadata.success)
        throw ValidationError.fromIssues(
          'The document details are not valid',
          'body',
          metadata.error.issues,
        );
      return reply.status(201).send(await trust.documents.upload(request.ctx, metadata.data, file));
    },
  );
  app.put(
    '/api/v1/trust/documents/:id',
    {
      config: { auth: STAFF },
      schema: { tags, params: idParams, body: documentMetadata, response: { 200: trustDocument } },
    },
    async (request) => trust.documents.update(request.ctx, request.params.id, request.body),
  );
  app.delete(
    '/api/v1/trust/documents/:id',
    { config: { auth: STAFF }, schema: { tags, params: idParams, response: { 200: okResponse } } },
    async (request) => {
      await trust.documents.remove(request.ctx, request.params.id);
      return ok;
    },
  );

  app.get(
    '/api/v1/trust/document-requests',
    {
      config: { auth: STAFF },
      schema: { tags, querystring: accessRequestQuery, response: { 200: z.array(accessRequest) } },
    },
    async (request) => trust.documents.requests(request.ctx, request.query.status),
  );
  app.post(
    '/api/v1/trust/document-requests/:id/approve',
    {
      config: { auth: STAFF },
      schema: {
        tags,
        summary: 'Approve, and mail the requester a time-limited link',
        params: idParams,
        body: approveRequestInput,
        response: { 200: accessRequest },
      },
    },
    async (request) =>
      trust.documents.approve(request.ctx, request.params.id, request.body.expiresInDays),
  );
  app.post(
    '/api/v1/trust/document-requests/:id/deny',
    {
      config: { auth: STAFF },
      schema: { tags, params: idParams, response: { 200: accessRequest } },
    },
    async (request) => trust.documents.deny(request.ctx, request.params.id),
  );
  app.post(
    '/api/v1/trust/document-requests/:id/revoke',
    {
      config: { auth: STAFF },
      schema: {
        tags,
        summary: 'End an approved link now',
        params: idParams,
        response: { 200: accessRequest },
      },
    },
    async (request) => trust.documents.revoke(request.ctx, request.params.id),
  );

  app.get(
    '/api/v1/trust/subprocessors',
    { config: { auth: STAFF }, schema: { tags, response: { 200: subprocessorOverview } } },
    async (request) => trust.subprocessors.overview(request.ctx),
  );
  app.post(
    '/api/v1/trust/subprocessors',
    {
      config: { auth: STAFF },
      schema: {
        tags,
        summary: 'Announce a vendor as an upcoming subprocessor',
        body: scheduleSubprocessorInput,
        response: { 201: subprocessor },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await trust.subprocessors.schedule(request.ctx, request.body)),
  );
  app.post(
    '/api/v1/trust/subprocessors/:id/withdraw',
    {
      config: { auth: STAFF },
      schema: { tags, params: idParams, response: { 200: subprocessor } },
    },
    async (request) => trust.subprocessors.cancel(request.ctx, request.params.id),
  );
  app.post(
    '/api/v1/trust/subprocessors/sync',
    {
      config: { auth: STAFF },
      schema: {
        tags,
        summary: 'Run the daily job now: go-live dates, then the diff against vendors',
        response: { 200: syncResult },
      },
    },
    async (request) => trust.subprocessors.refresh(request.ctx),
  );

  app.get(
    '/api/v1/trust/updates',
    { config: { auth: STAFF }, schema: { tags, response: { 200: z.array(statusUpdate) } } },
    async (request) => trust.content.listUpdates(request.ctx),
  );
  app.post(
    '/api/v1/trust/updates',
    {
      config: { auth: STAFF },
      schema: {
        tags,
        summary: 'Publish a status update about an incident (public text only)',
        body: statusUpdateInput,
        response: { 201: statusUpdate },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await trust.content.publishUpdate(request.ctx, request.body)),
  );

  app.get(
    '/api/v1/trust/subscribers/count',
    { config: { auth: STAFF }, schema: { tags, response: { 200: subscriberCount } } },
    async (request) => trust.subscribers.counts(request.ctx),
  );
}
