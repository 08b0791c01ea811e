import type { FastifyInstance } from 'fastify';
import type { Db, Executor } from '../../db/database.js';
import type { ChainVerification } from '../../lib/hash-chain.js';
import type { CallContext } from '../../lib/principal.js';
import { ACCESS, createIncidentAccess } from './incidents.access.js';
import type { IncidentDeps } from './incidents.deps.js';
import { createLinkService } from './incidents.links.service.js';
import { incidentRoutes } from './incidents.routes.js';
import { createIncidentService } from './incidents.service.js';
import { createIncidentStore } from './incidents.store.js';
import { createTimeline } from './incidents.timeline.js';
import { createTimelineService } from './incidents.timeline.service.js';
import { createTaskService } from './incidents.tasks.service.js';
import { createEvidenceService } from './incidents.evidence.service.js';
import { createEvidenceStore } from './incidents.evidence.store.js';
import { incidentEvidenceRoutes } from './incidents.evidence.routes.js';
import { createActionDelivery } from './incidents.actions.delivery.js';
import { incidentActionRoutes } from './incidents.actions.routes.js';
import { createActionService } from './incidents.actions.service.js';
import { createActionStore } from './incidents.actions.store.js';
import { incidentScopeRoutes } from './incidents.scope.routes.js';
import { createScopeService } from './incidents.scope.service.js';
import { createSnapshotStore } from './incidents.scope.store.js';
import { createBundleService } from './incidents.bundle.service.js';
import { createReviewService } from './incidents.review.service.js';
import { createReviewStore } from './incidents.review.store.js';
import { createTaskStore } from './incidents.tasks.store.js';

/** Incident response: incidents, trigger times, members, links, tasks and the timeline. */
export function createIncidentsModule(deps: IncidentDeps) {
  const store = createIncidentStore(deps.db);
  const shared = {
    ...deps,
    store,
    tasks: createTaskStore(deps.db),
    timeline: createTimeline({ db: deps.db, store }),
    access: createIncidentAccess(store),
  };
  const incidents = createIncidentService(shared);
  const actions = createActionStore(deps.db);
  const links = createLinkService({ ...shared, incidents });
  const evidenceStore = createEvidenceStore(deps.db);
  const services = {
    incidents,
    tasks: createTaskService({ ...shared, incidents }),
    evidence: createEvidenceService({ ...shared, evidence: evidenceStore, incidents }),
    actions: createActionService({ ...shared, actions, incidents }),
    scope: createScopeService({ ...shared, snapshots: createSnapshotStore(deps.db), incidents }),
  };
  const timeline = createTimelineService({ ...shared, incidents });
  return {
    ...services,
    timeline,
    review: createReviewService({
      ...shared,
      reviews: createReviewStore(deps.db),
      services: { ...services, timeline },
    }),
    links,
    delivery: createActionDelivery({ ...deps, actions, incidents }),
    bundle: createBundleService({ ...shared, evidenceStore, services }),
    /** The hook detection calls to open an incident from an alert. */
    opener: links.opener,
    /** For modules that record their own changes on an incident's timeline. */
    nextTimelineSeq: (trx: Executor, id: string) => shared.timeline.nextSeq(trx, id),
  };
}

export type IncidentsModule = ReturnType<typeof createIncidentsModule>;

/** Only the timeline check, for the CLI: it needs neither mail nor jobs. */
export function createTimelineCheck(db: Db) {
  const store = createIncidentStore(db);
  const access = createIncidentAccess(store);
  const timeline = createTimeline({ db, store });
  return async (ctx: CallContext, id: string): Promise<ChainVerification> => {
    await access.load(ctx, id, ACCESS.read);
    return timeline.verify(id);
  };
}

export async function incidentsModuleRoutes(
  app: FastifyInstance,
  options: { incidents: IncidentsModule },
): Promise<void> {
  await app.register(incidentRoutes, options);
  await app.register(incidentEvidenceRoutes, options);
  await app.register(incidentActionRoutes, options);
  await app.register(incidentScopeRoutes, options);
}
