import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams } from '../../contracts/common.js';
import {
  decision,
  decisionInput,
  decisionList,
  decisionParams,
  encryptionFact,
  encryptionInput,
  obligationReport,
  ruleList,
  withdrawInput,
} from '../../contracts/breach.js';
import type { BreachModule } from './breach.module.js';
import { BREACH_ACCESS } from './breach.access.js';

/** An incident's notification obligations and the decisions and facts they follow from. */
export async function breachRoutes(
  root: FastifyInstance,
  { breach }: { breach: BreachModule },
): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['breach'];

  app.get(
    '/api/v1/incidents/:id/obligations',
    {
      config: { auth: BREACH_ACCESS.read },
      schema: {
        tags,
        summary: 'Who must be told, by when and why, worked out from the incident and the rules',
        params: idParams,
        response: { 200: obligationReport },
      },
    },
    async (request) => breach.service.report(request.ctx, request.params.id),
  );

  app.get(
    '/api/v1/incidents/:id/obligations/decisions',
    {
      config: { auth: BREACH_ACCESS.read },
      schema: { tags, params: idParams, response: { 200: decisionList } },
    },
    async (request) => ({ items: await breach.service.decisions(request.ctx, request.params.id) }),
  );

  app.post(
    '/api/v1/incidents/:id/obligations/decisions',
    {
      config: { auth: BREACH_ACCESS.write },
      schema: {
        tags,
        summary:
          'Record a decision on an obligation: a risk assessment, not applicable, a law-enforcement delay, a notice given',
        params: idParams,
        body: decisionInput,
        response: { 201: decision },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await breach.service.decide(request.ctx, request.params.id, request.body)),
  );

  app.post(
    '/api/v1/incidents/:id/obligations/decisions/:decisionId/withdraw',
    {
      config: { auth: BREACH_ACCESS.write },
      schema: { tags, params: decisionParams, body: withdrawInput, response: { 200: decision } },
    },
    async (request) =>
      breach.service.withdraw(
        request.ctx,
        request.params.id,
        request.params.decisionId,
        request.body.justification,
      ),
  );

  app.get(
    '/api/v1/incidents/:id/obligations/encryption',
    {
      config: { auth: BREACH_ACCESS.read },
      schema: {
        tags,
        params: idParams,
        response: { 200: z.object({ items: z.array(encryptionFact) }) },
      },
    },
    async (request) => ({ items: await breach.service.encryption(request.ctx, request.params.id) }),
  );

  app.put(
    '/api/v1/incidents/:id/obligations/encryption',
    {
      config: { auth: BREACH_ACCESS.write },
      schema: {
        tags,
        summary:
          'Record whether the exposed data of one category was encrypted (for safe harbours)',
        params: idParams,
        body: encryptionInput,
        response: { 200: encryptionFact },
      },
    },
    async (request) => breach.service.setEncryption(request.ctx, request.params.id, request.body),
  );

  app.get(
    '/api/v1/breach/rules',
    {
      config: { auth: BREACH_ACCESS.read },
      schema: {
        tags,
        summary: 'The notification rules in force, with citations',
        response: { 200: ruleList },
      },
    },
    async (request) => ({ items: breach.service.rules(request.ctx) }),
  );
}
