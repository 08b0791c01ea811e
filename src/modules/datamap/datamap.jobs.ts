import { z } from 'zod';
import type { JobQueue } from '../../jobs/jobs.queue.js';
import type { JobRegistry } from '../../jobs/jobs.registry.js';
import type { DatamapService } from './datamap.service.js';

export const LEDGER_SETTLE_JOB = 'datamap.ledger.settle';

/**
 * Merges what ingest left pending once traffic goes quiet, so the next read finds nothing to
 * merge. Readers settle first anyway; this only takes that wait off them. Idempotent: a run
 * with nothing pending writes nothing.
 */
export async function registerDatamapJobs(
  registry: JobRegistry,
  queue: Pick<JobQueue, 'upsertSchedule'>,
  datamap: Pick<DatamapService, 'ledger'>,
): Promise<void> {
  registry.register(LEDGER_SETTLE_JOB, {
    schema: z.object({}),
    handle: () => datamap.ledger.settle(),
  });
  await queue.upsertSchedule({
    name: LEDGER_SETTLE_JOB,
    cron: '*/5 * * * *',
    jobName: LEDGER_SETTLE_JOB,
    payload: {},
  });
}
