import { weaknesses } from '@secvisogram/csaf-validator-lib/cwe.js';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { advisory, advisoryInput, advisoryParams } from '../../contracts/advisories.js';
import { idParams } from '../../contracts/common.js';
import { ANALYST, VIEWER } from './disclosure.deps.js';
import type { DisclosureModule } from './disclosure.module.js';

const cweQuery = z.strictObject({ q: z.string().max(100).default('') });

/** The team's advisories: drafts, publication, and the CWE list the forms pick from. */
export async function disclosureAdvisoryRoutes(
  root: FastifyInstance,
  { disclosure }: { disclosure: DisclosureModule },
): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { advisories } = disclosure;
  const tags = ['advisories'];
  const one = { 200: advisory };

  app.get(
    '/api/v1/disclosure/cwes',
    {
      config: { auth: VIEWER },
      schema: {
        tags,
        summary: 'Search the CWE list by id or name (at most 20 matches)',
        querystring: cweQuery,
        response: { 200: z.array(z.object({ id: z.string(), name: z.string() })) },
      },
    },
    async (request) => {
      const q = request.query.q.trim().toLowerCase();
      return weaknesses
        .filter(
          (w) =>
            q === '' || w.id.toLowerCase() === q || `${w.id} ${w.name}`.toLowerCase().includes(q),
        )
        .slice(0, 20);
    },
  );

  app.get(
    '/api/v1/disclosure/advisories',
    { config: { auth: VIEWER }, schema: { tags, response: { 200: z.array(advisory) } } },
    async (request) => advisories.list(request.ctx),
  );

  app.post(
    '/api/v1/disclosure/advisories',
    {
      config: { auth: ANALYST },
      schema: { tags, body: advisoryInput, response: { 201: advisory } },
    },
    async (request, reply) =>
      reply.status(201).send(await advisories.create(request.ctx, request.body)),
  );

  app.post(
    '/api/v1/disclosure/reports/:id/advisory',
    {
      config: { auth: ANALYST },
      schema: {
        tags,
        summary: 'Draft the advisory of a report from its triage',
        params: idParams,
        response: { 201: advisory },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await advisories.draftFromReport(request.ctx, request.params.id)),
  );

  app.get(
    '/api/v1/disclosure/advisories/:id',
    { config: { auth: VIEWER }, schema: { tags, params: advisoryParams, response: one } },
    async (request) => advisories.get(request.ctx, request.params.id),
  );

  app.put(
    '/api/v1/disclosure/advisories/:id',
    {
      config: { auth: ANALYST },
      schema: {
        tags,
        summary: 'Edit an advisory; a published one gets a new revision',
        params: advisoryParams,
        body: advisoryInput,
        response: one,
      },
    },
    async (request) => advisories.update(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/api/v1/disclosure/advisories/:id/publish',
    { config: { auth: ANALYST }, schema: { tags, params: advisoryParams, response: one } },
    async (request) => advisories.publish(request.ctx, request.params.id),
  );
}
