import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParams } from '../../contracts/common.js';
import {
  applyPlaybookInput,
  fromFindingInput,
  incident,
  incidentInput,
  incidentList,
  incidentListQuery,
  incidentPatch,
  linkInput,
  linkParams,
  memberInput,
  memberParams,
  playbookList,
  statusInput,
  task,
  taskInput,
  taskList,
  taskParams,
  taskPatch,
  timelineInput,
  timelinePage,
  timelineQuery,
  timelineVerification,
  triggerInput,
} from '../../contracts/incidents.js';
import { ACCESS } from './incidents.access.js';
import type { IncidentsModule } from './incidents.module.js';

/** Incidents, their trigger times, members, links and timeline. */
export async function incidentRoutes(
  root: FastifyInstance,
  { incidents: module }: { incidents: IncidentsModule },
): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['incidents'];
  const { incidents, timeline, links, tasks } = module;
  const one = { 200: incident };

  app.get(
    '/api/v1/incidents',
    {
      config: { auth: ACCESS.read },
      schema: { tags, querystring: incidentListQuery, response: { 200: incidentList } },
    },
    async (request) => incidents.list(request.ctx, request.query),
  );

  app.post(
    '/api/v1/incidents',
    {
      config: { auth: ACCESS.write },
      schema: { tags, body: incidentInput, response: { 201: incident } },
    },
    async (request, reply) =>
      reply.code(201).send(await incidents.create(request.ctx, request.body)),
  );

  app.post(
    '/api/v1/incidents/from-finding',
    {
      config: { auth: ACCESS.write },
      schema: {
        tags,
        summary: "Open an incident for a vendor software finding, with the finding's facts",
        body: fromFindingInput,
        response: { 201: incident },
      },
    },
    async (request, reply) => {
      const id = await links.openFromFinding(request.ctx, request.body.findingId);
      return reply.code(201).send(await incidents.get(request.ctx, id));
    },
  );

  app.get(
    '/api/v1/incidents/:id',
    { config: { auth: ACCESS.read }, schema: { tags, params: idParams, response: one } },
    async (request) => incidents.get(request.ctx, request.params.id),
  );

  app.patch(
    '/api/v1/incidents/:id',
    {
      config: { auth: ACCESS.write },
      schema: { tags, params: idParams, body: incidentPatch, response: one },
    },
    async (request) => incidents.update(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/api/v1/incidents/:id/status',
    {
      config: { auth: ACCESS.write },
      schema: {
        tags,
        summary: 'Move the incident through its lifecycle (a reason to go back or to close)',
        params: idParams,
        body: statusInput,
        response: one,
      },
    },
    async (request) => incidents.setStatus(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/api/v1/incidents/:id/triggers',
    {
      config: { auth: ACCESS.write },
      schema: {
        tags,
        summary: 'Set or withdraw a legal trigger time, with its reason and source',
        params: idParams,
        body: triggerInput,
        response: one,
      },
    },
    async (request) => timeline.setTrigger(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/api/v1/incidents/:id/members',
    {
      config: { auth: ACCESS.write },
      schema: { tags, params: idParams, body: memberInput, response: one },
    },
    async (request) => incidents.addMember(request.ctx, request.params.id, request.body.userId),
  );

  app.delete(
    '/api/v1/incidents/:id/members/:userId',
    { config: { auth: ACCESS.write }, schema: { tags, params: memberParams, response: one } },
    async (request) =>
      incidents.removeMember(request.ctx, request.params.id, request.params.userId),
  );

  app.post(
    '/api/v1/incidents/:id/links',
    {
      config: { auth: ACCESS.write },
      schema: { tags, params: idParams, body: linkInput, response: one },
    },
    async (request) =>
      links.addLink(request.ctx, request.params.id, request.body.kind, request.body.targetId),
  );

  app.delete(
    '/api/v1/incidents/:id/links/:kind/:targetId',
    { config: { auth: ACCESS.write }, schema: { tags, params: linkParams, response: one } },
    async (request) =>
      links.removeLink(
        request.ctx,
        request.params.id,
        request.params.kind,
        request.params.targetId,
      ),
  );

  app.get(
    '/api/v1/incidents/:id/timeline',
    {
      config: { auth: ACCESS.read },
      schema: {
        tags,
        params: idParams,
        querystring: timelineQuery,
        response: { 200: timelinePage },
      },
    },
    async (request) => timeline.list(request.ctx, request.params.id, request.query),
  );

  app.post(
    '/api/v1/incidents/:id/timeline',
    {
      config: { auth: ACCESS.write },
      schema: {
        tags,
        summary: 'Add a note, decision or communication (verbatim); `supersedes` corrects an entry',
        params: idParams,
        body: timelineInput,
        response: one,
      },
    },
    async (request) => timeline.write(request.ctx, request.params.id, request.body),
  );

  app.get(
    '/api/v1/incidents/:id/timeline/verify',
    {
      config: { auth: ACCESS.read },
      schema: { tags, params: idParams, response: { 200: timelineVerification } },
    },
    async (request) => timeline.verify(request.ctx, request.params.id),
  );

  app.get(
    '/api/v1/incident-playbooks',
    { config: { auth: ACCESS.read }, schema: { tags, response: { 200: playbookList } } },
    async (request) => ({ items: [...tasks.playbooks(request.ctx)] }),
  );

  app.post(
    '/api/v1/incidents/:id/playbooks',
    {
      config: { auth: ACCESS.write },
      schema: {
        tags,
        summary: 'Apply a playbook: its tasks are added, due relative to the trigger times',
        params: idParams,
        body: applyPlaybookInput,
        response: { 201: taskList },
      },
    },
    async (request, reply) =>
      reply.code(201).send({
        items: await tasks.apply(request.ctx, request.params.id, request.body.playbook),
      }),
  );

  app.get(
    '/api/v1/incidents/:id/tasks',
    {
      config: { auth: ACCESS.read },
      schema: { tags, params: idParams, response: { 200: taskList } },
    },
    async (request) => ({ items: await tasks.list(request.ctx, request.params.id) }),
  );

  app.post(
    '/api/v1/incidents/:id/tasks',
    {
      config: { auth: ACCESS.write },
      schema: { tags, params: idParams, body: taskInput, response: { 201: task } },
    },
    async (request, reply) =>
      reply.code(201).send(await tasks.add(request.ctx, request.params.id, request.body)),
  );

  app.patch(
    '/api/v1/incidents/:id/tasks/:taskId',
    {
      config: { auth: ACCESS.write },
      schema: { tags, params: taskParams, body: taskPatch, response: { 200: task } },
    },
    async (request) =>
      tasks.update(request.ctx, request.params.id, request.params.taskId, request.body),
  );
}
