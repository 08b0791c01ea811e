import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams } from '../../contracts/common.js';
import {
  questionKey,
  template,
  templateDefinition,
  templateExport,
  templateExportOutput,
  templateInput,
  templateSummary,
  templateVersionParams,
} from '../../contracts/questionnaires.js';
import { attachment } from '../../server/uploads.js';
import type { AssessmentsModule } from './assessments.module.js';

const VIEWER = { role: 'viewer', scope: 'read' } as const;
const ANALYST = { role: 'analyst', scope: 'write' } as const;

/** Questionnaire templates: list, read any version, edit (a new version), copy, JSON in and out. */
export async function questionnaireRoutes(
  root: FastifyInstance,
  { assessments }: { assessments: AssessmentsModule },
): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { templates } = assessments;
  const tags = ['assessments'];

  app.get(
    '/api/v1/questionnaires',
    { config: { auth: VIEWER }, schema: { tags, response: { 200: z.array(templateSummary) } } },
    async (request) => templates.list(request.ctx),
  );

  app.post(
    '/api/v1/questionnaires',
    {
      config: { auth: ANALYST },
      schema: { tags, body: templateInput, response: { 201: template } },
    },
    async (request, reply) =>
      reply.status(201).send(await templates.create(request.ctx, request.body)),
  );

  app.post(
    '/api/v1/questionnaires/import',
    {
      config: { auth: ANALYST },
      schema: {
        tags,
        summary: 'Import an exported template: a new key creates one, a known key adds a version',
        body: templateExport,
        response: { 201: template },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await templates.importTemplate(request.ctx, request.body)),
  );

  app.get(
    '/api/v1/questionnaires/:id',
    { config: { auth: VIEWER }, schema: { tags, params: idParams, response: { 200: template } } },
    async (request) => templates.get(request.ctx, request.params.id),
  );

  app.get(
    '/api/v1/questionnaires/:id/versions/:version',
    {
      config: { auth: VIEWER },
      schema: { tags, params: templateVersionParams, response: { 200: template } },
    },
    async (request) => templates.get(request.ctx, request.params.id, request.params.version),
  );

  app.put(
    '/api/v1/questionnaires/:id',
    {
      config: { auth: ANALYST },
      schema: {
        tags,
        summary: 'Save an edit as the next version (refused if the template moved on meanwhile)',
        params: idParams,
        body: z.strictObject({
          baseVersion: z.number().int().min(1),
          definition: templateDefinition,
        }),
        response: { 200: template },
      },
    },
    async (request) => templates.update(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/api/v1/questionnaires/:id/copy',
    {
      config: { auth: ANALYST },
      schema: {
        tags,
        params: idParams,
        body: z.strictObject({ key: questionKey }),
        response: { 201: template },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await templates.copy(request.ctx, request.params.id, request.body.key)),
  );

  app.get(
    '/api/v1/questionnaires/:id/export',
    {
      config: { auth: VIEWER },
      schema: { tags, params: idParams, response: { 200: templateExportOutput } },
    },
    async (request, reply) => {
      const exported = await templates.exportTemplate(request.ctx, request.params.id);
      return reply
        .header('content-disposition', attachment(`${exported.key}-v${exported.version}.json`))
        .send(exported);
    },
  );
}
