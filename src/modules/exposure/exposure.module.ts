import type { FastifyInstance } from 'fastify';
import { systemContext } from '../../lib/principal.js';
import { createAdvisoryService } from './exposure.advisories.service.js';
import { createAdvisoryStore } from './exposure.advisories.store.js';
import { createAlerter } from './exposure.alerts.js';
import { createComponentStore } from './exposure.components.store.js';
import type { ExposureDeps } from './exposure.deps.js';
import { createFindingService } from './exposure.findings.service.js';
import { createFindingStore } from './exposure.findings.store.js';
import { createPortfolioService } from './exposure.portfolio.service.js';
import { createProductService } from './exposure.products.service.js';
import { createRematcher } from './exposure.rematch.js';
import { exposureRoutes } from './exposure.routes.js';
import { exposureFeedRoutes } from './exposure.feeds.routes.js';
import { createSbomService } from './exposure.sboms.service.js';
import { createSbomStore } from './exposure.sboms.store.js';
import { createVexStore } from './exposure.vex.store.js';

/** Vendor software exposure: SBOMs, declared products, advisory feeds, findings, alerts. */
export function createExposureModule(deps: ExposureDeps) {
  const db = deps.db.kysely;
  const stores = {
    advisories: createAdvisoryStore(db),
    components: createComponentStore(db),
    findings: createFindingStore(db),
    vex: createVexStore(db),
  };
  const rematch = createRematcher(stores);
  const alerter = createAlerter(deps);
  const shared = { ...deps, ...stores, rematch, alerter };
  return {
    sboms: createSbomService(shared),
    products: createProductService({ ...shared, sboms: createSbomStore(db) }),
    advisories: createAdvisoryService(shared),
    findings: createFindingService(shared),
    portfolio: createPortfolioService({ ...shared, alerts: alerter.store }),
    /** Reopens risk acceptances past their date; the daily job calls it. */
    async reopenExpiredAcceptances(): Promise<number> {
      const now = deps.clock.now().toISOString();
      return deps.db.kysely.transaction().execute(async (trx) => {
        const reopened = await stores.findings.reopenExpired(now.slice(0, 10), now, trx);
        if (reopened > 0)
          await deps.audit.record(
            systemContext('exposure.daily'),
            { action: 'exposure.finding.acceptance_expired', details: { reopened } },
            trx,
          );
        return reopened;
      });
    },
    /** Mails alerts not yet mailed (after a crash, or a mail queue that was down). */
    notifyPendingAlerts: () => alerter.notifyPending(),
  };
}

export type ExposureModule = ReturnType<typeof createExposureModule>;

export async function exposureModuleRoutes(
  app: FastifyInstance,
  options: { exposure: ExposureModule },
): Promise<void> {
  await app.register(exposureRoutes, options);
  await app.register(exposureFeedRoutes, options);
}
