import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParams } from '../../contracts/common.js';
import {
  campaign,
  campaignCommandParams,
  campaignInput,
  campaignList,
  campaignParams,
  codesInput,
  codesResult,
  recipientPage,
  recipientQuery,
  suppression,
  suppressionInput,
  suppressionList,
  suppressionParams,
  testSendInput,
} from '../../contracts/breach-campaigns.js';
import type { BreachModule } from './breach.module.js';
import { BREACH_ACCESS } from './breach.access.js';

/** Notification campaigns of an incident's obligations, and the shop's suppression list. */
export async function breachCampaignRoutes(
  root: FastifyInstance,
  { breach }: { breach: BreachModule },
): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['breach'];
  const { campaigns, suppressions } = breach;

  app.get(
    '/api/v1/incidents/:id/campaigns',
    {
      config: { auth: BREACH_ACCESS.read },
      schema: { tags, params: idParams, response: { 200: campaignList } },
    },
    async (request) => ({ items: await campaigns.list(request.ctx, request.params.id) }),
  );

  app.post(
    '/api/v1/incidents/:id/campaigns',
    {
      config: { auth: BREACH_ACCESS.write },
      schema: {
        tags,
        summary:
          'Prepare the letters of an obligation owed to people: its recipients are worked out from the scope snapshot',
        params: idParams,
        body: campaignInput,
        response: { 201: campaign },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await campaigns.create(request.ctx, request.params.id, request.body)),
  );

  app.get(
    '/api/v1/incidents/:id/campaigns/:campaignId',
    {
      config: { auth: BREACH_ACCESS.read },
      schema: { tags, params: campaignParams, response: { 200: campaign } },
    },
    async (request) => campaigns.get(request.ctx, request.params.id, request.params.campaignId),
  );

  app.get(
    '/api/v1/incidents/:id/campaigns/:campaignId/recipients',
    {
      config: { auth: BREACH_ACCESS.read },
      schema: {
        tags,
        summary: 'Recipients by customer id (never the address), with status and any reason',
        params: campaignParams,
        querystring: recipientQuery,
        response: { 200: recipientPage },
      },
    },
    async (request) =>
      campaigns.recipients(
        request.ctx,
        request.params.id,
        request.params.campaignId,
        request.query,
      ),
  );

  app.post(
    '/api/v1/incidents/:id/campaigns/:campaignId/test',
    {
      config: { auth: BREACH_ACCESS.write },
      schema: {
        tags,
        summary: 'Send the letter, for a sample recipient, to members of the team',
        params: campaignParams,
        body: testSendInput,
        response: { 200: campaign },
      },
    },
    async (request) =>
      campaigns.testSend(
        request.ctx,
        request.params.id,
        request.params.campaignId,
        request.body.to,
      ),
  );

  app.post(
    '/api/v1/incidents/:id/campaigns/:campaignId/codes',
    {
      config: { auth: BREACH_ACCESS.write },
      schema: {
        tags,
        summary:
          "Assign the credit-monitoring provider's codes, one per letter in order, before the start",
        params: campaignParams,
        body: codesInput,
        response: { 200: codesResult },
      },
    },
    async (request) =>
      campaigns.addCodes(
        request.ctx,
        request.params.id,
        request.params.campaignId,
        request.body.codes,
      ),
  );

  app.post(
    '/api/v1/incidents/:id/campaigns/:campaignId/:command',
    {
      config: { auth: BREACH_ACCESS.write },
      schema: {
        tags,
        summary: 'Start (after a test letter), pause, resume or cancel the campaign',
        params: campaignCommandParams,
        response: { 200: campaign },
      },
    },
    async (request) => {
      const { id, campaignId, command } = request.params;
      return campaigns[command](request.ctx, id, campaignId);
    },
  );

  app.get(
    '/api/v1/breach/suppressions',
    {
      config: { auth: BREACH_ACCESS.read },
      schema: { tags, response: { 200: suppressionList } },
    },
    async (request) => ({ items: await suppressions.list(request.ctx) }),
  );

  app.post(
    '/api/v1/breach/suppressions',
    {
      config: { auth: BREACH_ACCESS.write },
      schema: {
        tags,
        summary: 'Add an address no campaign will write to (kept as a keyed hash)',
        body: suppressionInput,
        response: { 201: suppression },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await suppressions.add(request.ctx, request.body)),
  );

  app.delete(
    '/api/v1/breach/suppressions/:id',
    {
      config: { auth: BREACH_ACCESS.write },
      schema: { tags, params: suppressionParams },
    },
    async (request, reply) => {
      await suppressions.remove(request.ctx, request.params.id);
      return reply.code(204).send();
    },
  );
}
