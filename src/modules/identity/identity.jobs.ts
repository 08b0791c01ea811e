import { z } from 'zod';
import type { JobQueue } from '../../jobs/jobs.queue.js';
import type { JobRegistry } from '../../jobs/jobs.registry.js';
import type { IdentityService } from './identity.service.js';

export const PURGE_JOB = 'identity.purge-expired';

/** Hourly housekeeping; idempotent, so a duplicate or retried run does no harm. */
export async function registerIdentityJobs(
  registry: JobRegistry,
  queue: Pick<JobQueue, 'upsertSchedule'>,
  identity: IdentityService,
): Promise<void> {
  registry.register(PURGE_JOB, {
    schema: z.object({}),
    handle: async () => {
      await identity.auth.purgeExpired();
    },
  });
  await queue.upsertSchedule({
    name: PURGE_JOB,
    cron: '17 * * * *',
    jobName: PURGE_JOB,
    payload: {},
  });
}
