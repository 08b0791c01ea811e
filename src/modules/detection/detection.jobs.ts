import { z } from 'zod';
import type { JobQueue } from '../../jobs/jobs.queue.js';
import type { JobRegistry } from '../../jobs/jobs.registry.js';
import type { DetectionModule } from './detection.module.js';

export const DETECTION_NOTIFY_JOB = 'detection.alerts.notify';
export const DETECTION_RETENTION_JOB = 'detection.events.retention';

/**
 * Every minute: alerts whose mail or webhook is owed (the process stopped after the commit,
 * or the receiver was down) are sent. Daily: raw events past retention are deleted. Both are
 * idempotent: what was sent is recorded per alert, and a second prune finds nothing.
 */
export async function registerDetectionJobs(
  registry: JobRegistry,
  queue: Pick<JobQueue, 'upsertSchedule'>,
  detection: DetectionModule,
): Promise<void> {
  registry.register(DETECTION_NOTIFY_JOB, {
    schema: z.object({}),
    handle: async () => {
      await detection.notifyPending();
    },
  });
  registry.register(DETECTION_RETENTION_JOB, {
    schema: z.object({}),
    handle: async () => {
      await detection.pruneEvents();
    },
  });
  await queue.upsertSchedule({
    name: DETECTION_NOTIFY_JOB,
    cron: '* * * * *',
    jobName: DETECTION_NOTIFY_JOB,
    payload: {},
  });
  await queue.upsertSchedule({
    name: DETECTION_RETENTION_JOB,
    cron: '17 4 * * *',
    jobName: DETECTION_RETENTION_JOB,
    payload: {},
  });
}
