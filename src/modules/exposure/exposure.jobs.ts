import { z } from 'zod';
import type { JobQueue } from '../../jobs/jobs.queue.js';
import type { JobRegistry } from '../../jobs/jobs.registry.js';
import type { Config } from '../../lib/config.js';
import { syncFeeds } from './exposure.feeds.js';
import type { ExposureModule } from './exposure.module.js';

export const EXPOSURE_DAILY_JOB = 'exposure.daily';
export const EXPOSURE_SYNC_JOB = 'exposure.feeds.sync';
export const EXPOSURE_NOTIFY_JOB = 'exposure.alerts.notify';

/**
 * Daily: risk acceptances past their date reopen. Every five minutes: alerts that were raised
 * but not mailed (the process stopped after the commit, or mail was down) are mailed. On the configured cron, when feeds are
 * configured: fetch and import them, which raises alerts for what they add (a newer KEV
 * catalog listing a CVE a vendor runs, say) with nobody doing anything. Both are idempotent:
 * an import of unchanged data changes nothing, and each alert is raised once.
 */
export async function registerExposureJobs(
  registry: JobRegistry,
  queue: Pick<JobQueue, 'upsertSchedule'>,
  exposure: ExposureModule,
  config: Pick<Config, 'exposureFeeds' | 'exposureSyncCron' | 'exposureMaxExpandedBytes'>,
): Promise<void> {
  registry.register(EXPOSURE_DAILY_JOB, {
    schema: z.object({}),
    handle: async () => {
      await exposure.reopenExpiredAcceptances();
    },
  });
  registry.register(EXPOSURE_NOTIFY_JOB, {
    schema: z.object({}),
    handle: async () => {
      await exposure.notifyPendingAlerts();
    },
  });
  registry.register(EXPOSURE_SYNC_JOB, {
    schema: z.object({}),
    handle: async () => {
      await syncFeeds(exposure, config);
    },
  });
  await queue.upsertSchedule({
    name: EXPOSURE_DAILY_JOB,
    cron: '23 5 * * *',
    jobName: EXPOSURE_DAILY_JOB,
    payload: {},
  });
  await queue.upsertSchedule({
    name: EXPOSURE_NOTIFY_JOB,
    cron: '*/5 * * * *',
    jobName: EXPOSURE_NOTIFY_JOB,
    payload: {},
  });
  await queue.upsertSchedule({
    name: EXPOSURE_SYNC_JOB,
    cron: config.exposureSyncCron,
    jobName: EXPOSURE_SYNC_JOB,
    payload: {},
    enabled: config.exposureFeeds.length > 0,
  });
}
