import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  evidenceItem,
  portalEvidenceParams,
  portalFindingParams,
  portalParams,
  portalView,
  remediationInput,
  saveAnswersInput,
} from '../../contracts/assessments.js';
import { okResponse } from '../../contracts/common.js';
import { questionKey } from '../../contracts/questionnaires.js';
import { ACCEPTED_UPLOADS } from '../../lib/blob-store.js';
import { readUpload, sendAsAttachment, UPLOAD_LIMITS } from '../../server/uploads.js';
import type { AssessmentsModule } from './assessments.module.js';

/**
 * Reads are generous (the portal autosaves and re-reads); writes and uploads less so. Per IP,
 * which is what a public endpoint has; the token itself is 256 random bits, so guessing is
 * hopeless anyway and the limits are against abuse of a link that leaked.
 */
const READ_LIMIT = { rateLimit: { max: 120, timeWindow: '1 minute' } };
const WRITE_LIMIT = { rateLimit: { max: 60, timeWindow: '1 minute' } };
const UPLOAD_LIMIT = { rateLimit: { max: 20, timeWindow: '1 minute' } };

/**
 * The vendor portal's API. Public: the capability token in the path is the only credential,
 * and the routes are logged by pattern, so it never reaches the logs.
 */
export async function assessmentPortalRoutes(
  root: FastifyInstance,
  { assessments }: { assessments: AssessmentsModule },
): Promise<void> {
  await root.register(multipart, { limits: UPLOAD_LIMITS });
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { portal } = assessments;
  const tags = ['vendor portal'];
  root.addHook('onSend', async (_request, reply) => {
    void reply.header('cache-control', 'no-store');
    void reply.header('referrer-policy', 'no-referrer');
  });

  app.get(
    '/api/v1/portal/:token',
    {
      config: { auth: 'public', ...READ_LIMIT },
      schema: { tags, params: portalParams, response: { 200: portalView } },
    },
    async (request) => portal.view(request.params.token),
  );

  app.put(
    '/api/v1/portal/:token/answers',
    {
      config: { auth: 'public', ...WRITE_LIMIT },
      schema: {
        tags,
        summary: 'Save draft answers (a patch; null clears an answer)',
        params: portalParams,
        body: saveAnswersInput,
        response: { 200: portalView },
      },
    },
    async (request) => portal.saveAnswers(request.ctx, request.params.token, request.body.answers),
  );

  app.post(
    '/api/v1/portal/:token/evidence',
    {
      config: { auth: 'public', ...UPLOAD_LIMIT },
      schema: {
        tags,
        summary: `Attach evidence to a file question (multipart field "file", at most 25 MB: ${ACCEPTED_UPLOADS})`,
        consumes: ['multipart/form-data'],
        params: portalParams,
        querystring: z.strictObject({ question: questionKey }),
        response: { 201: evidenceItem.omit({ uploadedVia: true }) },
      },
    },
    async (request, reply) => {
      // The link first: an unknown or expired one gets its 404/410 before any upload is read.
      await portal.requireLink(request.params.token);
      const file = await readUpload(request);
      const { uploadedVia: _via, ...item } = await portal.uploadEvidence(
        request.ctx,
        request.params.token,
        request.query.question,
        file,
      );
      return reply.status(201).send(item);
    },
  );

  app.get(
    '/api/v1/portal/:token/evidence/:evidenceId',
    { config: { auth: 'public', ...READ_LIMIT }, schema: { tags, params: portalEvidenceParams } },
    async (request, reply) =>
      sendAsAttachment(
        reply,
        await portal.downloadEvidence(request.params.token, request.params.evidenceId),
      ),
  );

  app.delete(
    '/api/v1/portal/:token/evidence/:evidenceId',
    {
      config: { auth: 'public', ...WRITE_LIMIT },
      schema: { tags, params: portalEvidenceParams, response: { 200: okResponse } },
    },
    async (request) => {
      await portal.deleteEvidence(request.ctx, request.params.token, request.params.evidenceId);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/portal/:token/submit',
    {
      config: { auth: 'public', ...WRITE_LIMIT },
      schema: {
        tags,
        summary: 'Submit the answers: they lock, and the review begins',
        params: portalParams,
        response: { 200: portalView },
      },
    },
    async (request) => portal.submit(request.ctx, request.params.token),
  );

  app.post(
    '/api/v1/portal/:token/findings/:findingId/remediation',
    {
      config: { auth: 'public', ...WRITE_LIMIT },
      schema: {
        tags,
        summary: 'Answer a finding with a remediation plan and date',
        params: portalFindingParams,
        body: remediationInput,
        response: { 200: portalView },
      },
    },
    async (request) =>
      portal.respondToFinding(
        request.ctx,
        request.params.token,
        request.params.findingId,
        request.body,
      ),
  );
}
