import { createAdvisoryService } from './disclosure.advisories.service.js';
import type { DisclosureDeps } from './disclosure.deps.js';
import { createHallOfFame } from './disclosure.halloffame.js';
import { createHistoryImport } from './disclosure.history.js';
import { createReportLinks } from './disclosure.links.js';
import { createProgramService } from './disclosure.program.service.js';
import { createReportStore } from './disclosure.reports.store.js';
import { createResearcherService } from './disclosure.researcher.service.js';
import { createSecurityTxtService } from './disclosure.securitytxt.service.js';
import { validateSecurityTxt } from './disclosure.securitytxt.validate.js';
import { createSlaService } from './disclosure.sla.service.js';
import { createThread } from './disclosure.thread.js';
import { createTriageService } from './disclosure.triage.service.js';

export interface DisclosureModuleDeps extends DisclosureDeps {
  /**
   * Called after what the public sees changes: an advisory or the programme (the trust
   * center re-reads them).
   */
  onPublicChange?: () => Promise<unknown>;
}

/** Vulnerability disclosure: security.txt, the programme, researcher reports, SLAs, advisories. */
export function createDisclosureModule(deps: DisclosureModuleDeps) {
  const store = createReportStore(deps.db.kysely);
  const links = createReportLinks({ store, clock: deps.clock, publicUrl: deps.config.publicUrl });
  const thread = createThread(deps);
  const program = createProgramService({
    ...deps,
    onChanged: async () => {
      await deps.onPublicChange?.();
    },
  });
  const advisories = createAdvisoryService({
    ...deps,
    reports: store,
    onPublished: async () => {
      await deps.onPublicChange?.();
    },
  });
  const researcher = createResearcherService({
    ...deps,
    store,
    links,
    thread,
    program,
    advisoryOf: async (reportId) => {
      const id = await advisories.publishedIdForReport(reportId);
      return id ? { id, url: `/trust/advisories/${id}` } : null;
    },
  });
  const triage = createTriageService({
    ...deps,
    store,
    links,
    thread,
    program,
    mailResearcher: researcher.mailResearcher,
    advisoryIdOf: (reportId) => advisories.idForReport(reportId),
  });
  return {
    securityTxt: createSecurityTxtService(deps),
    validate: (text: string) => validateSecurityTxt(text, { now: deps.clock.now() }),
    program,
    researcher,
    triage,
    sla: createSlaService({ ...deps, store, program }),
    advisories,
    importPast: createHistoryImport({ ...deps, store, thread }),
    hallOfFame: createHallOfFame({
      store,
      advisoryOf: (reportId) => advisories.publishedIdForReport(reportId),
    }),
  };
}

export type DisclosureModule = ReturnType<typeof createDisclosureModule>;
