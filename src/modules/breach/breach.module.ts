import type { BreachDeps } from './breach.deps.js';
import { createBreachService } from './breach.service.js';
import { createBreachStore } from './breach.store.js';
import { createClockAlerts } from './breach.alerts.js';
import { createTemplateService } from './breach.templates.service.js';
import { createTemplateStore } from './breach.templates.store.js';

/** Breach notification: the rules, an incident's obligations, their clocks and decisions. */
export function createBreachModule(deps: BreachDeps) {
  const store = createBreachStore(deps.db);
  const service = createBreachService({ ...deps, store });
  return {
    service,
    templates: createTemplateService({ ...deps, templates: createTemplateStore(deps.db), service }),
    alerts: createClockAlerts({ ...deps, store, service }),
  };
}

export type BreachModule = ReturnType<typeof createBreachModule>;
