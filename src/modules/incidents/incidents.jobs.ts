import { z } from 'zod';
import type { JobQueue } from '../../jobs/jobs.queue.js';
import type { JobRegistry } from '../../jobs/jobs.registry.js';
import { ACTION_SEND_JOB } from './incidents.actions.service.js';
import type { IncidentsModule } from './incidents.module.js';

export const TASK_REMINDER_JOB = 'incidents.tasks.remind';
export const ACTION_REQUEUE_JOB = 'incidents.actions.requeue';
/** About 4 hours of retries: 30 s, 1, 2, 4, … minutes, capped at an hour. */
const ACTION_ATTEMPTS = 8;

/**
 * Every minute: open tasks past their deadline are chased once (the reminder is recorded on
 * the task, its mail keyed by task and deadline). Each containment message is one job, retried
 * with backoff; every five minutes messages whose job was never queued are queued.
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
  registry.register(ACTION_SEND_JOB, {
    schema: z.object({ messageId: z.string().min(1).max(100) }),
    maxAttempts: ACTION_ATTEMPTS,
    backoff: { baseMs: 30_000, maxMs: 60 * 60_000 },
    handle: async ({ messageId }, context) => {
      await incidents.delivery.deliver(messageId, context.attempt, ACTION_ATTEMPTS);
    },
  });
  registry.register(ACTION_REQUEUE_JOB, {
    schema: z.object({}),
    handle: async () => {
      await incidents.delivery.requeueStale();
    },
  });
  await queue.upsertSchedule({
    name: ACTION_REQUEUE_JOB,
    cron: '*/5 * * * *',
    jobName: ACTION_REQUEUE_JOB,
    payload: {},
  });
  await queue.upsertSchedule({
    name: TASK_REMINDER_JOB,
    cron: '* * * * *',
    jobName: TASK_REMINDER_JOB,
    payload: {},
  });
}
