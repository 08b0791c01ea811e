import { z } from 'zod';
import type { JobQueue } from '../../jobs/jobs.queue.js';
import type { JobRegistry } from '../../jobs/jobs.registry.js';
import type { IncidentsModule } from './incidents.module.js';

export const TASK_REMINDER_JOB = 'incidents.tasks.remind';

/**
 * Every minute: open tasks past their deadline are chased once. Idempotent: the reminder is
 * recorded on the task, and its mail is keyed by task and deadline.
 */
export async function registerIncidentJobs(
  registry: JobRegistry,
  queue: Pick<JobQueue, 'upsertSchedule'>,
  incidents: IncidentsModule,
): Promise<void> {
  registry.register(TASK_REMINDER_JOB, {
    schema: z.object({}),
    handle: async () => {
      await incidents.tasks.remindOverdue();
    },
  });
  await queue.upsertSchedule({
    name: TASK_REMINDER_JOB,
    cron: '* * * * *',
    jobName: TASK_REMINDER_JOB,
    payload: {},
  });
}
