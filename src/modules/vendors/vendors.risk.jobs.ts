import { z } from 'zod';
import type { JobQueue } from '../../jobs/jobs.queue.js';
import type { JobRegistry } from '../../jobs/jobs.registry.js';
import { systemContext } from '../../lib/principal.js';
import type { VendorsModule } from './vendors.module.js';

export const RISK_RECOMPUTE_JOB = 'vendors.risk.recompute';

/**
 * Hourly, because the ledger behind the reach factor grows without any vendor changing.
 * Idempotent: a run stores only results that differ, so a retried or duplicate run is harmless.
 */
export async function registerRiskJobs(
  registry: JobRegistry,
  queue: Pick<JobQueue, 'upsertSchedule'>,
  vendors: Pick<VendorsModule, 'vendors'>,
): Promise<void> {
  registry.register(RISK_RECOMPUTE_JOB, {
    schema: z.object({}),
    handle: async (_payload, { signal }) => {
      await vendors.vendors.risk.recomputeAll(systemContext(RISK_RECOMPUTE_JOB), signal);
    },
  });
  await queue.upsertSchedule({
    name: RISK_RECOMPUTE_JOB,
    cron: '41 * * * *',
    jobName: RISK_RECOMPUTE_JOB,
    payload: {},
  });
}
