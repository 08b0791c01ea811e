import type { FastifyInstance } from 'fastify';
import type { AssessmentDeps } from './assessments.deps.js';
import type { ApprovalGate } from './assessments.gate.js';
import { createPortalService, type SbomIntake } from './assessments.portal.service.js';
import { assessmentPortalRoutes } from './assessments.portal.routes.js';
import {
  createResidualService,
  NO_EXPOSURE,
  type ExposureSource,
} from './assessments.residual.service.js';
import { createReviewService } from './assessments.review.service.js';
import { assessmentRoutes } from './assessments.routes.js';
import { createAssessmentService } from './assessments.service.js';
import { createTemplateService } from './assessments.templates.service.js';
import { createMonitorService } from './assessments.monitor.service.js';
import { createPortfolioCache } from './assessments.portfolio-cache.js';
import { createVendorStateStore } from './assessments.state.store.js';
import { questionnaireRoutes } from './assessments.templates.routes.js';

/** Vendor due diligence: templates, assessments, the vendor portal, review and residual risk. */
export function createAssessmentsModule(
  deps: AssessmentDeps & {
    gate: ApprovalGate;
    exposure?: ExposureSource;
    sbomIntake?: SbomIntake;
  },
) {
  const templates = createTemplateService(deps);
  const assessments = createAssessmentService({ ...deps, templates });
  const state = createVendorStateStore(deps.db.kysely);
  const exposure = deps.exposure ?? NO_EXPOSURE;
  const cache = createPortfolioCache({
    revision: async () => `${await state.revision()}|${await exposure.revision()}`,
  });
  return {
    templates,
    assessments,
    monitor: createMonitorService({ ...deps, templates, cache }),
    portal: createPortalService({ ...deps, templates }),
    review: createReviewService({ ...deps, assessments }),
    residual: createResidualService({ ...deps, exposure, cache }),
    gate: deps.gate,
  };
}

export type AssessmentsModule = ReturnType<typeof createAssessmentsModule>;

export async function assessmentsModuleRoutes(
  app: FastifyInstance,
  options: { assessments: AssessmentsModule },
): Promise<void> {
  await app.register(questionnaireRoutes, options);
  await app.register(assessmentRoutes, options);
  await app.register(assessmentPortalRoutes, options);
}
