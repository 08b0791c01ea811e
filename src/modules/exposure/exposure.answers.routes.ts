import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { assessmentParams } from '../../contracts/assessments.js';
import { declaredFromAnswers } from '../../contracts/exposure.js';
import type { AssessmentsModule } from '../assessments/assessments.module.js';
import { productsNamedIn } from './exposure.identifiers.js';
import type { ExposureModule } from './exposure.module.js';
import { ACCESS } from './exposure.types.js';

/**
 * Declared products taken from a vendor's questionnaire answers: every CPE name or package
 * URL (with a version) in its text answers becomes a declared product of the assessed vendor
 * and integration. The assessment is read through its own service, with the caller's rights.
 */
export async function exposureAnswerRoutes(
  root: FastifyInstance,
  options: { exposure: ExposureModule; assessments: AssessmentsModule },
): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.post(
    '/api/v1/assessments/:id/declared-products',
    {
      config: { auth: ACCESS.write },
      schema: {
        tags: ['exposure'],
        summary: 'Declare the products named (by CPE or package URL) in the answers',
        params: assessmentParams,
        response: { 200: declaredFromAnswers },
      },
    },
    async (request) => {
      const assessment = await options.assessments.assessments.get(request.ctx, request.params.id);
      const texts = Object.values(assessment.answers).flatMap((answer) =>
        typeof answer === 'string' ? [answer] : Array.isArray(answer) ? answer : [],
      );
      const named = texts.flatMap(productsNamedIn);
      const result = await options.exposure.products.declareNamed(
        request.ctx,
        { vendorId: assessment.vendorId, integrationId: assessment.integrationId },
        named,
      );
      return { named: named.length, ...result };
    },
  );
}
