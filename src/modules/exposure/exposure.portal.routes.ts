import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { portalParams } from '../../contracts/assessments.js';
import { sbomUploadResult } from '../../contracts/exposure.js';
import { readUpload, UPLOAD_LIMITS } from '../../server/uploads.js';
import type { AssessmentsModule } from '../assessments/assessments.module.js';
import type { ExposureModule } from './exposure.module.js';

/**
 * A vendor uploads its SBOM through its assessment link. The link is the only credential and
 * names exactly one vendor (and the integration assessed, if any): the upload can land nowhere
 * else. Public, so rate-limited per IP like the rest of the portal.
 */
export async function exposurePortalRoutes(
  root: FastifyInstance,
  options: { exposure: ExposureModule; assessments: AssessmentsModule },
): Promise<void> {
  await root.register(multipart, { limits: UPLOAD_LIMITS });
  const app = root.withTypeProvider<ZodTypeProvider>();
  root.addHook('onSend', async (_request, reply) => {
    void reply.header('cache-control', 'no-store');
    void reply.header('referrer-policy', 'no-referrer');
  });

  app.post(
    '/api/v1/portal/:token/sbom',
    {
      config: { auth: 'public', rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags: ['vendor portal'],
        summary: 'Upload the software bill of materials (CycloneDX or SPDX JSON, field "file")',
        consumes: ['multipart/form-data'],
        params: portalParams,
        response: {
          201: sbomUploadResult.pick({ id: true, componentCount: true, uploadedAt: true }),
        },
      },
    },
    async (request, reply) => {
      // The link first: an unknown or expired one gets its 404/410 before any upload is read.
      const target = await options.assessments.portal.subjectOf(request.params.token);
      const file = await readUpload(request);
      const result = await options.exposure.sboms.uploadFromPortal(request.ctx, target, file);
      // The vendor learns the upload landed, not what Cordon found in it.
      return reply.status(201).send({
        id: result.id,
        componentCount: result.componentCount,
        uploadedAt: result.uploadedAt,
      });
    },
  );
}
