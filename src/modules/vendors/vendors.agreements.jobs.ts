import { z } from 'zod';
import type { JobQueue } from '../../jobs/jobs.queue.js';
import type { JobRegistry } from '../../jobs/jobs.registry.js';
import { systemContext } from '../../lib/principal.js';
import type { VendorsModule } from './vendors.module.js';

export const AGREEMENT_EXPIRY_JOB = 'vendors.agreements.expiry';

/**
 * Daily, early in the European morning. Idempotent: each agreement records the expiry date it
 * was alerted for, so a duplicate or retried run sends nothing new.
 */
export async function registerAgreementJobs(
  registry: JobRegistry,
  queue: Pick<JobQueue, 'upsertSchedule'>,
  vendors: Pick<VendorsModule, 'agreements'>,
): Promise<void> {
  registry.register(AGREEMENT_EXPIRY_JOB, {
    schema: z.object({}),
    handle: async () => {
      await vendors.agreements.alertExpiring(systemContext(AGREEMENT_EXPIRY_JOB));
    },
  });
  await queue.upsertSchedule({
    name: AGREEMENT_EXPIRY_JOB,
    cron: '30 5 * * *',
    jobName: AGREEMENT_EXPIRY_JOB,
    payload: {},
  });
}
