import type { BreachDeps } from './breach.deps.js';
import { createBreachService } from './breach.service.js';
import { createBreachStore } from './breach.store.js';
import { createClockAlerts } from './breach.alerts.js';
import { createCampaignDelivery } from './breach.campaigns.delivery.js';
import { createCampaignService } from './breach.campaigns.service.js';
import { createCampaignStore } from './breach.campaigns.store.js';
import { createSuppressionService } from './breach.suppressions.service.js';
import { createTemplateService } from './breach.templates.service.js';
import { createTemplateStore } from './breach.templates.store.js';

/**
 * Breach notification: the rules, an incident's obligations, their clocks and decisions, the
 * notices, and the campaigns that deliver them.
 */
export function createBreachModule(deps: BreachDeps) {
  const store = createBreachStore(deps.db);
  const templates = createTemplateStore(deps.db);
  const campaigns = createCampaignStore(deps.db);
  const service = createBreachService({ ...deps, store });
  const shared = { ...deps, store, templates, campaigns, service };
  return {
    service,
    templates: createTemplateService(shared),
    alerts: createClockAlerts(shared),
    campaigns: createCampaignService(shared),
    delivery: createCampaignDelivery(shared),
    suppressions: createSuppressionService(shared),
  };
}

export type BreachModule = ReturnType<typeof createBreachModule>;
