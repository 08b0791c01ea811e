import type { FastifyInstance } from 'fastify';
import { createKeyring } from '../../lib/keyring.js';
import { systemContext } from '../../lib/principal.js';
import { EMAIL_INDEX_KEY_PURPOSE } from '../datamap/datamap.customers.pii.js';
import { createAlertFolder } from './detection.alerts.fold.js';
import { createAlertService, type IncidentOpener } from './detection.alerts.service.js';
import { createAlertStore, type AlertRow } from './detection.alerts.store.js';
import type { DetectionDeps } from './detection.deps.js';
import { createEventStore } from './detection.events.store.js';
import { createIngestService } from './detection.ingest.service.js';
import { createAlertNotifier } from './detection.notify.js';
import { createOutputService } from './detection.outputs.service.js';
import { createOverviewService } from './detection.overview.service.js';
import { createDetectionPipeline } from './detection.pipeline.js';
import { detectionIngestRoutes } from './detection.ingest.routes.js';
import { detectionRoutes } from './detection.routes.js';
import { createDetectionSettingsService } from './detection.settings.service.js';
import type { Signal } from './detection.signals.js';

/** Attack detection: event ingest, streaming detectors, alerts, and the response outputs. */
export function createDetectionModule(deps: DetectionDeps & { incidents?: IncidentOpener }) {
  const db = deps.db;
  const events = createEventStore(db);
  const store = createAlertStore(db);
  const keyring = createKeyring({ db, masterKey: deps.masterKey });
  const accountKey = () => keyring.dataKey(EMAIL_INDEX_KEY_PURPOSE);
  const fold = createAlertFolder(store);
  const notifier = createAlertNotifier({ ...deps, store });

  /**
   * Sends what is owed in the background, one run at a time: a slow webhook receiver must not
   * hold up ingest. A run that fails leaves the debt to the next run or the minute job.
   */
  let notifying: Promise<void> | null = null;
  let notifyAgain = false;
  function notifySoon(): void {
    if (notifying) {
      notifyAgain = true;
      return;
    }
    notifying = (async () => {
      do {
        notifyAgain = false;
        await notifier.notifyPending().catch(() => undefined);
      } while (notifyAgain);
      notifying = null;
    })();
  }

  async function foldSignals(signals: Signal[], foldedSeq: number): Promise<void> {
    const now = deps.clock.now().toISOString();
    const raised = await db.kysely.transaction().execute(async (trx) => {
      const result = await fold(signals, trx, now);
      const audited = (action: string, alert: AlertRow, details: Record<string, unknown>) =>
        deps.audit.record(
          systemContext('detection'),
          { action, objectType: 'detection_alert', objectId: alert.id, details },
          trx,
        );
      for (const alert of result.created)
        await audited('detection.alert.raised', alert, {
          detector: alert.detector,
          severity: alert.severity,
        });
      for (const alert of result.escalated)
        await audited('detection.alert.escalated', alert, { severity: alert.severity });
      await events.setFoldedSeq(foldedSeq, trx);
      return result.created.length + result.escalated.length;
    });
    if (raised > 0) notifySoon();
  }

  const pipeline = createDetectionPipeline({
    events,
    settings: () => settings.current(),
    fold: foldSignals,
  });
  const settings = createDetectionSettingsService({
    ...deps,
    store,
    accountKey,
    onSettingsChanged: () => pipeline.reset(),
  });
  return {
    ingest: createIngestService({ ...deps, events, pipeline, accountKey }),
    alerts: createAlertService({ ...deps, store, incidents: deps.incidents }),
    incidents: deps.incidents,
    settings,
    outputs: createOutputService({ ...deps, store, settings: () => settings.current() }),
    overview: createOverviewService({ events, store }),
    pipeline,
    notifyPending: () => notifier.notifyPending(),
    /** Resolves once a background notification run (if any) has finished: for tests. */
    notified: async () => {
      while (notifying) await notifying;
    },
    /** Deletes raw events past the retention period; alerts and series stay. */
    async pruneEvents(): Promise<number> {
      const days = deps.config.detectionRetentionDays;
      const before = new Date(deps.clock.now().getTime() - days * 86_400_000).toISOString();
      const removed = await events.deleteBefore(before);
      if (removed > 0)
        await deps.audit.record(systemContext('detection.retention'), {
          action: 'detection.events.pruned',
          details: { removed, before },
        });
      return removed;
    },
  };
}

export type DetectionModule = ReturnType<typeof createDetectionModule>;

export async function detectionModuleRoutes(
  app: FastifyInstance,
  options: { detection: DetectionModule },
): Promise<void> {
  await app.register(detectionIngestRoutes, options);
  await app.register(detectionRoutes, options);
}
