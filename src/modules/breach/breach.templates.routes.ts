import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  noticePreview,
  noticeTemplate,
  noticeTemplateInput,
  noticeTemplateVersions,
  previewParams,
  templateParams,
  templateQuery,
} from '../../contracts/breach-notices.js';
import type { BreachModule } from './breach.module.js';
import { BREACH_ACCESS } from './breach.access.js';

/** Notice templates per rule and locale, and an incident's notice previewed and checked. */
export async function breachTemplateRoutes(
  root: FastifyInstance,
  { breach }: { breach: BreachModule },
): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['breach'];

  app.get(
    '/api/v1/breach/templates/:ruleId',
    {
      config: { auth: BREACH_ACCESS.read },
      schema: {
        tags,
        summary:
          "The notice template in use for a rule and locale (a draft of the rule's elements before any is saved)",
        params: templateParams,
        querystring: templateQuery,
        response: { 200: noticeTemplate },
      },
    },
    async (request) =>
      breach.templates.get(request.ctx, request.params.ruleId, request.query.locale),
  );

  app.get(
    '/api/v1/breach/templates/:ruleId/versions',
    {
      config: { auth: BREACH_ACCESS.read },
      schema: {
        tags,
        params: templateParams,
        querystring: templateQuery,
        response: { 200: noticeTemplateVersions },
      },
    },
    async (request) => ({
      items: await breach.templates.versions(
        request.ctx,
        request.params.ruleId,
        request.query.locale,
      ),
    }),
  );

  app.put(
    '/api/v1/breach/templates/:ruleId',
    {
      config: { auth: BREACH_ACCESS.write },
      schema: {
        tags,
        summary: 'Save a new version; refused if it does not compile or lacks a required element',
        params: templateParams,
        body: noticeTemplateInput,
        response: { 200: noticeTemplate },
      },
    },
    async (request) => breach.templates.save(request.ctx, request.params.ruleId, request.body),
  );

  app.get(
    '/api/v1/incidents/:id/obligations/:key/notice',
    {
      config: { auth: BREACH_ACCESS.read },
      schema: {
        tags,
        summary: "An obligation's notice rendered for a sample recipient, with its content check",
        params: previewParams,
        querystring: templateQuery,
        response: { 200: noticePreview },
      },
    },
    async (request) =>
      breach.templates.preview(
        request.ctx,
        request.params.id,
        request.params.key,
        request.query.locale,
      ),
  );

  app.get(
    '/api/v1/incidents/:id/obligations/:key/report',
    {
      config: { auth: BREACH_ACCESS.read },
      schema: {
        tags,
        summary:
          'A printable report to an authority (HTML), pre-filled from the incident and the obligation',
        params: previewParams,
        querystring: templateQuery,
        produces: ['text/html'],
      },
    },
    async (request, reply) => {
      const html = await breach.templates.report(
        request.ctx,
        request.params.id,
        request.params.key,
        request.query.locale,
      );
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .header(
          'content-disposition',
          `inline; filename="${request.params.key.replace(/[^a-z0-9.-]/gi, '_')}-report.html"`,
        )
        .send(html);
    },
  );
}
