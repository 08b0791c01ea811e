import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParams, okResponse } from '../../contracts/common.js';
import {
  action,
  actionInput,
  actionList,
  actionTypeParams,
  endpointInput,
  endpointList,
  endpointSaved,
} from '../../contracts/incidents.js';
import { ACCESS } from './incidents.access.js';
import type { IncidentsModule } from './incidents.module.js';

const ADMIN = { role: 'admin', scope: 'admin' } as const;

/** Containment actions on an incident, and where each kind of action is sent. */
export async function incidentActionRoutes(
  root: FastifyInstance,
  { incidents: module }: { incidents: IncidentsModule },
): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['incidents'];
  const { actions } = module;

  app.get(
    '/api/v1/incidents/:id/actions',
    {
      config: { auth: ACCESS.read },
      schema: { tags, params: idParams, response: { 200: actionList } },
    },
    async (request) => ({ items: await actions.list(request.ctx, request.params.id) }),
  );

  app.post(
    '/api/v1/incidents/:id/actions',
    {
      config: { auth: ACCESS.write },
      schema: {
        tags,
        summary:
          'Ask the shop to revoke credentials, reset passwords or block sources (signed webhooks, retried)',
        params: idParams,
        body: actionInput,
        response: { 202: action },
      },
    },
    async (request, reply) =>
      reply.code(202).send(await actions.request(request.ctx, request.params.id, request.body)),
  );

  app.get(
    '/api/v1/incident-action-endpoints',
    { config: { auth: ADMIN }, schema: { tags, response: { 200: endpointList } } },
    async (request) => ({ items: await actions.endpoints(request.ctx) }),
  );

  app.put(
    '/api/v1/incident-action-endpoints/:actionType',
    {
      config: { auth: ADMIN },
      schema: {
        tags,
        summary: 'Set the receiver for an action type; answers with a new signing secret, once',
        params: actionTypeParams,
        body: endpointInput,
        response: { 200: endpointSaved },
      },
    },
    async (request) =>
      actions.saveEndpoint(request.ctx, request.params.actionType, request.body.url),
  );

  app.delete(
    '/api/v1/incident-action-endpoints/:actionType',
    {
      config: { auth: ADMIN },
      schema: { tags, params: actionTypeParams, response: { 200: okResponse } },
    },
    async (request) => {
      await actions.removeEndpoint(request.ctx, request.params.actionType);
      return { ok: true as const };
    },
  );
}
