import { z } from 'zod';
import type { JobQueue } from '../../jobs/jobs.queue.js';
import type { JobRegistry } from '../../jobs/jobs.registry.js';
import { systemContext } from '../../lib/principal.js';
import type { DisclosureModule } from './disclosure.module.js';

export const SECURITYTXT_RENEW_JOB = 'disclosure.securitytxt.renew';
export const SLA_ESCALATE_JOB = 'disclosure.sla.escalate';

/**
 * Daily: security.txt's Expires moves forward before it lapses (RFC 9116 § 2.5.5).
 * Every 15 minutes: reports' SLA clocks are checked and escalations sent.
 */
export async function registerDisclosureJobs(
  registry: JobRegistry,
  queue: Pick<JobQueue, 'upsertSchedule'>,
  disclosure: DisclosureModule,
): Promise<void> {
  registry.register(SECURITYTXT_RENEW_JOB, {
    schema: z.object({}),
    handle: async () => {
      await disclosure.securityTxt.renew(systemContext(SECURITYTXT_RENEW_JOB));
    },
  });
  await queue.upsertSchedule({
    name: SECURITYTXT_RENEW_JOB,
    cron: '17 3 * * *',
    jobName: SECURITYTXT_RENEW_JOB,
    payload: {},
  });
  registry.register(SLA_ESCALATE_JOB, {
    schema: z.object({}),
    handle: async () => {
      await disclosure.sla.escalateDue();
    },
  });
  await queue.upsertSchedule({
    name: SLA_ESCALATE_JOB,
    cron: '*/15 * * * *',
    jobName: SLA_ESCALATE_JOB,
    payload: {},
  });
}
