import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { limit } from '../../contracts/common.js';
import {
  advisoryIdParams,
  advisoryImpact,
  advisoryView,
  importList,
  importQuery,
  importResult,
} from '../../contracts/exposure.js';
import { readUpload, UPLOAD_LIMITS } from '../../server/uploads.js';
import type { ExposureModule } from './exposure.module.js';
import { ACCESS } from './exposure.types.js';

/**
 * Feed files are bigger than documents (osv.dev's per-ecosystem zips run to hundreds of MB);
 * they are still held in memory whole, so this is the bound. The expanded size has its own
 * limit (CORDON_EXPOSURE_MAX_EXPANDED_BYTES). Larger feeds go through `cordon exposure import`.
 */
export const FEED_UPLOAD_BYTES = 256 * 1024 * 1024;

/** Advisory feeds: import a file, list what was imported, read one advisory. */
export async function exposureFeedRoutes(
  root: FastifyInstance,
  { exposure }: { exposure: ExposureModule },
): Promise<void> {
  await root.register(multipart, { limits: { ...UPLOAD_LIMITS, fileSize: FEED_UPLOAD_BYTES } });
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['exposure'];
  const { advisories } = exposure;

  app.post(
    '/api/v1/exposure/advisories/import',
    {
      config: { auth: ACCESS.feeds },
      bodyLimit: FEED_UPLOAD_BYTES,
      schema: {
        tags,
        summary:
          'Import an advisory file (kind=osv: JSON, NDJSON, .gz or .zip; kind=kev: the CISA KEV catalog; kind=nvd: NVD CVE JSON 2.0); all records or none',
        consumes: ['multipart/form-data'],
        querystring: importQuery,
        response: { 201: importResult },
      },
    },
    async (request, reply) => {
      const file = await readUpload(request);
      return reply
        .status(201)
        .send(await advisories.importFile(request.ctx, request.query.kind, file));
    },
  );

  app.get(
    '/api/v1/exposure/imports',
    {
      config: { auth: ACCESS.read },
      schema: { tags, querystring: z.strictObject({ limit }), response: { 200: importList } },
    },
    async (request) => ({ items: await advisories.imports(request.ctx, request.query.limit) }),
  );

  app.get(
    '/api/v1/exposure/advisories/:advisoryId',
    {
      config: { auth: ACCESS.read },
      schema: { tags, params: advisoryIdParams, response: { 200: advisoryView } },
    },
    async (request) => advisories.advisory(request.ctx, request.params.advisoryId),
  );

  app.get(
    '/api/v1/exposure/advisories/:advisoryId/affected',
    {
      config: { auth: ACCESS.read },
      schema: {
        tags,
        summary: 'Which vendors run a component this advisory affects, right now',
        params: advisoryIdParams,
        response: { 200: advisoryImpact },
      },
    },
    async (request) => advisories.impact(request.ctx, request.params.advisoryId),
  );
}
