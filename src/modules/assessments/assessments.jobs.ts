import { z } from 'zod';
import type { JobQueue } from '../../jobs/jobs.queue.js';
import type { JobRegistry } from '../../jobs/jobs.registry.js';
import { systemContext } from '../../lib/principal.js';
import type { AssessmentsModule } from './assessments.module.js';

export const ASSESSMENTS_DAILY_JOB = 'assessments.daily';

/**
 * Once a day: reminders, overdue assessments, conditions and certificates past their dates,
 * reassessments due. Idempotent (each notice is claimed once), so retries are harmless.
 */
export async function registerAssessmentJobs(
  registry: JobRegistry,
  queue: Pick<JobQueue, 'upsertSchedule'>,
  assessments: Pick<AssessmentsModule, 'monitor'>,
): Promise<void> {
  registry.register(ASSESSMENTS_DAILY_JOB, {
    schema: z.object({}),
    handle: async () => {
      await assessments.monitor.runDaily(systemContext(ASSESSMENTS_DAILY_JOB));
    },
  });
  await queue.upsertSchedule({
    name: ASSESSMENTS_DAILY_JOB,
    cron: '17 6 * * *',
    jobName: ASSESSMENTS_DAILY_JOB,
    payload: {},
  });
}
