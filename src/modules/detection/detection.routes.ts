import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams, okResponse } from '../../contracts/common.js';
import {
  alertList,
  alertListQuery,
  alertStatusInput,
  alertSubjects,
  alertSubjectsQuery,
  blockDecision,
  blocklistQuery,
  detectionAlert,
  detectionOverview,
  detectionSettings,
  overviewQuery,
  resetList,
  resetListQuery,
  suppression,
  suppressionInput,
} from '../../contracts/detection.js';
import { ACCESS } from './detection.access.js';
import type { DetectionModule } from './detection.module.js';

/** Alerts, the overview, settings, suppressions, and the blocklist and reset list outputs. */
export async function detectionRoutes(
  root: FastifyInstance,
  { detection }: { detection: DetectionModule },
): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['detection'];
  const { alerts, settings, outputs } = detection;

  app.get(
    '/api/v1/detection/overview',
    {
      config: { auth: ACCESS.read },
      schema: { tags, querystring: overviewQuery, response: { 200: detectionOverview } },
    },
    async (request) => detection.overview.overview(request.ctx, request.query),
  );

  app.get(
    '/api/v1/detection/alerts',
    {
      config: { auth: ACCESS.read },
      schema: { tags, querystring: alertListQuery, response: { 200: alertList } },
    },
    async (request) => alerts.list(request.ctx, request.query),
  );

  app.get(
    '/api/v1/detection/alerts/:id',
    {
      config: { auth: ACCESS.read },
      schema: { tags, params: idParams, response: { 200: detectionAlert } },
    },
    async (request) => alerts.get(request.ctx, request.params.id),
  );

  app.patch(
    '/api/v1/detection/alerts/:id',
    {
      config: { auth: ACCESS.write },
      schema: {
        tags,
        summary: 'Acknowledge, close or mark an alert a false positive (with a reason)',
        params: idParams,
        body: alertStatusInput,
        response: { 200: detectionAlert },
      },
    },
    async (request) => alerts.setStatus(request.ctx, request.params.id, request.body),
  );

  app.get(
    '/api/v1/detection/alerts/:id/subjects',
    {
      config: { auth: ACCESS.read },
      schema: {
        tags,
        summary: 'The sources, targeted accounts or taken-over accounts an alert names',
        params: idParams,
        querystring: alertSubjectsQuery,
        response: { 200: alertSubjects },
      },
    },
    async (request) => alerts.subjects(request.ctx, request.params.id, request.query),
  );

  app.post(
    '/api/v1/detection/alerts/:id/incident',
    {
      config: { auth: ACCESS.write },
      schema: {
        tags,
        summary: 'Open an incident from an alert, handing over its evidence',
        params: idParams,
        response: { 200: detectionAlert },
      },
    },
    async (request) => alerts.openIncident(request.ctx, request.params.id, detection.incidents),
  );

  app.get(
    '/api/v1/detection/settings',
    { config: { auth: ACCESS.read }, schema: { tags, response: { 200: detectionSettings } } },
    async (request) => settings.get(request.ctx),
  );

  app.put(
    '/api/v1/detection/settings',
    {
      config: { auth: ACCESS.admin },
      schema: { tags, body: detectionSettings, response: { 200: detectionSettings } },
    },
    async (request) => settings.update(request.ctx, request.body),
  );

  app.get(
    '/api/v1/detection/suppressions',
    {
      config: { auth: ACCESS.read },
      schema: { tags, response: { 200: z.object({ items: z.array(suppression) }) } },
    },
    async (request) => ({ items: await settings.suppressions(request.ctx) }),
  );

  app.post(
    '/api/v1/detection/suppressions',
    {
      config: { auth: ACCESS.write },
      schema: { tags, body: suppressionInput, response: { 201: suppression } },
    },
    async (request, reply) =>
      reply.status(201).send(await settings.suppress(request.ctx, request.body)),
  );

  app.delete(
    '/api/v1/detection/suppressions/:id',
    {
      config: { auth: ACCESS.write },
      schema: { tags, params: idParams, response: { 200: okResponse } },
    },
    async (request) => {
      await settings.unsuppress(request.ctx, request.params.id);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/v1/detection/blocklist',
    {
      config: { auth: ACCESS.read },
      schema: {
        tags,
        summary:
          'Attacking sources, CIDR-aggregated, with expiry: plain text, an nftables script, or JSON decisions',
        querystring: blocklistQuery,
        response: { 200: z.union([z.string(), z.array(blockDecision)]) },
      },
    },
    async (request, reply) => {
      const { body, type } = await outputs.blocklist(request.ctx, request.query.format);
      return reply.type(type).send(body);
    },
  );

  app.get(
    '/api/v1/detection/password-resets',
    {
      config: { auth: ACCESS.read },
      schema: {
        tags,
        summary: 'Accounts to force a password reset on: taken over first, then targeted (paged)',
        querystring: resetListQuery,
        response: { 200: resetList },
      },
    },
    async (request) => outputs.resetList(request.ctx, request.query),
  );
}
