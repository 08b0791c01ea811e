import { z } from 'zod';
import type { JobQueue } from '../../jobs/jobs.queue.js';
import type { JobRegistry } from '../../jobs/jobs.registry.js';
import { systemContext } from '../../lib/principal.js';
import { ANNOUNCE_JOB } from './trust.announce.js';
import type { TrustModule } from './trust.module.js';

export const TRUST_DAILY_JOB = 'trust.daily';

/**
 * The fan-out of each announcement, and a daily job (idempotent): subprocessors due today go
 * live, the list is diffed against vendors, and advisories not announced yet are.
 */
export async function registerTrustJobs(
  registry: JobRegistry,
  queue: Pick<JobQueue, 'upsertSchedule'>,
  trust: TrustModule,
): Promise<void> {
  registry.register(ANNOUNCE_JOB, {
    schema: z.object({
      kind: z.enum(['update', 'advisory', 'subprocessor_change']),
      itemId: z.string().min(1).max(200),
    }),
    handle: async ({ kind, itemId }) => {
      await trust.announcer.deliver(kind, itemId);
    },
  });
  registry.register(TRUST_DAILY_JOB, {
    schema: z.object({}),
    handle: async () => {
      await trust.subprocessors.refresh(systemContext(TRUST_DAILY_JOB));
      await trust.advisoriesPublished();
    },
  });
  await queue.upsertSchedule({
    name: TRUST_DAILY_JOB,
    cron: '5 0 * * *',
    jobName: TRUST_DAILY_JOB,
    payload: {},
  });
}
