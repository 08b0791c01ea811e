import type { FastifyInstance } from 'fastify';
import { createIncidentAccess } from './incidents.access.js';
import type { IncidentDeps } from './incidents.deps.js';
import { createLinkService } from './incidents.links.service.js';
import { incidentRoutes } from './incidents.routes.js';
import { createIncidentService } from './incidents.service.js';
import { createIncidentStore } from './incidents.store.js';
import { createTimeline } from './incidents.timeline.js';
import { createTimelineService } from './incidents.timeline.service.js';

/** Incident response: incidents, trigger times, members, links and the hash-chained timeline. */
export function createIncidentsModule(deps: IncidentDeps) {
  const store = createIncidentStore(deps.db);
  const shared = {
    ...deps,
    store,
    timeline: createTimeline({ db: deps.db, store }),
    access: createIncidentAccess(store),
  };
  const incidents = createIncidentService(shared);
  const links = createLinkService({ ...shared, incidents });
  return {
    incidents,
    timeline: createTimelineService({ ...shared, incidents }),
    links,
    /** The hook detection calls to open an incident from an alert. */
    opener: links.opener,
  };
}

export type IncidentsModule = ReturnType<typeof createIncidentsModule>;

export async function incidentsModuleRoutes(
  app: FastifyInstance,
  options: { incidents: IncidentsModule },
): Promise<void> {
  await app.register(incidentRoutes, options);
}
