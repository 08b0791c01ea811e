import { z } from 'zod';
import type { JobQueue } from './jobs.queue.js';
import type { JobRegistry } from './jobs.registry.js';

export const PURGE_SUCCEEDED_JOB = 'jobs.purge-succeeded';
/** Long enough to look into last week's deliveries; dead letters are never purged. */
export const SUCCEEDED_RETENTION_DAYS = 14;

export async function registerJobHousekeeping(
  registry: JobRegistry,
  queue: Pick<JobQueue, 'upsertSchedule' | 'purgeSucceeded'>,
): Promise<void> {
  registry.register(PURGE_SUCCEEDED_JOB, {
    schema: z.object({}),
    handle: async () => {
      await queue.purgeSucceeded(SUCCEEDED_RETENTION_DAYS);
    },
  });
  await queue.upsertSchedule({
    name: PURGE_SUCCEEDED_JOB,
    cron: '43 3 * * *',
    jobName: PURGE_SUCCEEDED_JOB,
    payload: {},
  });
}
