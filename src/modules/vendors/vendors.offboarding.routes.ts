import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { id } from '../../contracts/common.js';
import {
  offboardingChecklist,
  offboardingStep,
  offboardingStepRequest,
  vendorIdParams,
} from '../../contracts/vendors.js';
import type { VendorsModule } from './vendors.module.js';
import { ACCESS } from './vendors.types.js';

const tags = ['vendors'];
const stepParams = z.strictObject({ vendorId: id, step: offboardingStep });

/** The offboarding checklist: every step, done or not, and marking one done. */
export async function vendorOffboardingRoutes(
  root: FastifyInstance,
  { vendors }: { vendors: VendorsModule },
): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const offboarding = vendors.vendors.offboarding;

  app.get(
    '/api/v1/vendors/:vendorId/offboarding',
    {
      config: { auth: ACCESS.read },
      schema: { tags, params: vendorIdParams, response: { 200: offboardingChecklist } },
    },
    async (request) => offboarding.checklist(request.ctx, request.params.vendorId),
  );

  app.post(
    '/api/v1/vendors/:vendorId/offboarding/:step',
    {
      config: { auth: ACCESS.write },
      schema: {
        tags,
        summary: 'Mark an offboarding step done (only while the vendor is offboarding)',
        params: stepParams,
        body: offboardingStepRequest,
        response: { 200: offboardingChecklist },
      },
    },
    async (request) =>
      offboarding.complete(request.ctx, request.params.vendorId, request.params.step, request.body),
  );
}
