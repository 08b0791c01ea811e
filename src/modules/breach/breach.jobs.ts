import { z } from 'zod';
import type { JobQueue } from '../../jobs/jobs.queue.js';
import type { JobRegistry } from '../../jobs/jobs.registry.js';
import type { BulkMailer } from '../../lib/mailer.js';
import { CAMPAIGN_DELIVER_JOB, CAMPAIGN_PREPARE_JOB } from './breach.campaigns.service.js';
import type { BreachModule } from './breach.module.js';

export const CLOCK_ALERT_JOB = 'breach.clocks.alert';
const campaignPayload = z.strictObject({ campaignId: z.uuid() });

/**
 * Every minute: tell people of notification clocks at 50%, 80% and past their deadline. And
 * the campaigns' two jobs: working out recipients, and sending (one run per start or resume,
 * retried with backoff while the mail server is unavailable).
 */
export async function registerBreachJobs(
  registry: JobRegistry,
  queue: Pick<JobQueue, 'upsertSchedule'>,
  breach: BreachModule,
  bulkMailer: BulkMailer,
): Promise<void> {
  registry.register(CLOCK_ALERT_JOB, {
    schema: z.object({}),
    handle: async () => {
      await breach.alerts.run();
    },
  });
  await queue.upsertSchedule({
    name: CLOCK_ALERT_JOB,
    cron: '* * * * *',
    jobName: CLOCK_ALERT_JOB,
    payload: {},
  });
  registry.register(CAMPAIGN_PREPARE_JOB, {
    schema: campaignPayload,
    handle: async ({ campaignId }) => {
      await breach.delivery.prepare(campaignId);
    },
  });
  registry.register(CAMPAIGN_DELIVER_JOB, {
    schema: campaignPayload,
    maxAttempts: 30,
    backoff: { baseMs: 30_000, maxMs: 30 * 60_000 },
    handle: async ({ campaignId }, { signal }) => {
      await breach.delivery.send(campaignId, bulkMailer, signal);
      // Stopped by a worker shutting down (or losing its lease): the run must go on elsewhere.
      signal.throwIfAborted();
    },
  });
}
