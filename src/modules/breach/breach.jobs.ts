import { z } from 'zod';
import type { JobQueue } from '../../jobs/jobs.queue.js';
import type { JobRegistry } from '../../jobs/jobs.registry.js';
import type { BreachModule } from './breach.module.js';

export const CLOCK_ALERT_JOB = 'breach.clocks.alert';

/** Every minute: tell people of notification clocks at 50%, 80% and past their deadline. */
export async function registerBreachJobs(
  registry: JobRegistry,
  queue: Pick<JobQueue, 'upsertSchedule'>,
  breach: BreachModule,
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
}
