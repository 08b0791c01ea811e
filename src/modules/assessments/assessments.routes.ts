import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  assessment,
  assessmentDetail,
  assessmentPage,
  assessmentParams,
  createAssessmentInput,
  decisionInput,
  finding,
  findingInput,
  findingParams,
  findingStatusInput,
  heatMap,
  listAssessmentsQuery,
  residualRisk,
  scheduleEntry,
  sentLink,
} from '../../contracts/assessments.js';
import { id, idParams, longText } from '../../contracts/common.js';
import { sendAsAttachment } from '../../server/uploads.js';
import type { AssessmentsModule } from './assessments.module.js';

const VIEWER = { role: 'viewer', scope: 'read' } as const;
const ANALYST = { role: 'analyst', scope: 'write' } as const;

/** The security team's assessment routes: send, follow, review, decide, and residual risk. */
export async function assessmentRoutes(
  root: FastifyInstance,
  { assessments: module }: { assessments: AssessmentsModule },
): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { assessments, review, residual } = module;
  const tags = ['assessments'];

  app.get(
    '/api/v1/assessments',
    {
      config: { auth: VIEWER },
      schema: { tags, querystring: listAssessmentsQuery, response: { 200: assessmentPage } },
    },
    async (request) => assessments.list(request.ctx, request.query),
  );

  app.post(
    '/api/v1/vendors/:id/assessments',
    {
      config: { auth: ANALYST },
      schema: {
        tags,
        summary: 'Create an assessment (a draft) for the vendor or one of its integrations',
        params: idParams,
        body: createAssessmentInput,
        response: { 201: assessment },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await assessments.create(request.ctx, request.params.id, request.body)),
  );

  app.get(
    '/api/v1/assessments/schedule',
    {
      config: { auth: VIEWER },
      schema: {
        tags,
        summary:
          'Vendors needing an assessment: overdue, then due soon, then never assessed (at most 500)',
        response: { 200: z.array(scheduleEntry) },
      },
    },
    async (request) => module.monitor.schedule(request.ctx),
  );

  app.get(
    '/api/v1/assessments/:id',
    {
      config: { auth: VIEWER },
      schema: { tags, params: assessmentParams, response: { 200: assessmentDetail } },
    },
    async (request) => assessments.get(request.ctx, request.params.id),
  );

  app.post(
    '/api/v1/assessments/:id/send',
    {
      config: { auth: ANALYST },
      schema: {
        tags,
        summary: 'Email the vendor a new capability link (earlier links stop working)',
        params: assessmentParams,
        response: { 200: sentLink },
      },
    },
    async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      return assessments.send(request.ctx, request.params.id);
    },
  );

  app.post(
    '/api/v1/assessments/:id/revoke-links',
    {
      config: { auth: ANALYST },
      schema: {
        tags,
        params: assessmentParams,
        response: { 200: z.object({ revoked: z.number().int() }) },
      },
    },
    async (request) => assessments.revokeLinks(request.ctx, request.params.id),
  );

  app.post(
    '/api/v1/assessments/:id/cancel',
    {
      config: { auth: ANALYST },
      schema: {
        tags,
        params: assessmentParams,
        body: z.strictObject({ reason: longText(2000) }),
        response: { 200: assessment },
      },
    },
    async (request) => assessments.cancel(request.ctx, request.params.id, request.body.reason),
  );

  app.get(
    '/api/v1/assessments/:id/evidence/:evidenceId',
    {
      config: { auth: VIEWER },
      schema: { tags, params: z.strictObject({ id, evidenceId: id }) },
    },
    async (request, reply) =>
      sendAsAttachment(
        reply,
        await assessments.evidenceFile(request.ctx, request.params.id, request.params.evidenceId),
      ),
  );

  app.post(
    '/api/v1/assessments/:id/findings',
    {
      config: { auth: ANALYST },
      schema: { tags, params: assessmentParams, body: findingInput, response: { 201: finding } },
    },
    async (request, reply) =>
      reply.status(201).send(await review.addFinding(request.ctx, request.params.id, request.body)),
  );

  app.put(
    '/api/v1/assessments/:id/findings/:findingId/status',
    {
      config: { auth: ANALYST },
      schema: {
        tags,
        summary: 'Move a finding on (accepting one is for admins)',
        params: findingParams,
        body: findingStatusInput,
        response: { 200: finding },
      },
    },
    async (request) =>
      review.setFindingStatus(
        request.ctx,
        request.params.id,
        request.params.findingId,
        request.body,
      ),
  );

  app.post(
    '/api/v1/assessments/:id/decisions',
    {
      config: { auth: ANALYST },
      schema: {
        tags,
        summary: 'Decide: approve, approve with conditions, reject, or accept the risk (admins)',
        params: assessmentParams,
        body: decisionInput,
        response: { 201: assessmentDetail },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await review.decide(request.ctx, request.params.id, request.body)),
  );

  app.post(
    '/api/v1/assessments/:id/decisions/:decisionId/conditions/:conditionId/met',
    {
      config: { auth: ANALYST },
      schema: {
        tags,
        params: z.strictObject({ id, decisionId: id, conditionId: id }),
        response: { 200: assessmentDetail },
      },
    },
    async (request) => {
      const { id: assessmentId, decisionId, conditionId } = request.params;
      return review.markConditionMet(request.ctx, assessmentId, decisionId, conditionId);
    },
  );

  app.get(
    '/api/v1/vendors/:id/residual-risk',
    {
      config: { auth: VIEWER },
      schema: { tags, params: idParams, response: { 200: residualRisk } },
    },
    async (request) => residual.forVendor(request.ctx, request.params.id),
  );

  app.get(
    '/api/v1/residual-risk/heat-map',
    { config: { auth: VIEWER }, schema: { tags, response: { 200: heatMap } } },
    async (request) => residual.heatMap(request.ctx),
  );

  app.get(
    '/api/v1/vendors/:vendorId/integrations/:integrationId/go-live',
    {
      config: { auth: VIEWER },
      schema: {
        tags,
        summary: 'Whether the integration may become active, and why',
        params: z.strictObject({ vendorId: id, integrationId: id }),
        response: {
          200: z.object({ allowed: z.boolean(), reason: z.string(), decisionId: id.nullable() }),
        },
      },
    },
    async (request) =>
      assessments.goLive(request.ctx, request.params.vendorId, request.params.integrationId),
  );
}
