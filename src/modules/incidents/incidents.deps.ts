import type { Db } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import type { JobQueue } from '../../jobs/jobs.queue.js';
import type { Config } from '../../lib/config.js';
import type { AuditService } from '../audit/audit.service.js';
import type { MailSender } from '../identity/identity.deps.js';

export interface AlertResponses {
  /** The accounts the alerts name, taken over first, with the shop's customer id if known. */
  accounts(
    alertIds: string[],
  ): Promise<{ account: string | null; customerId: string | null; reason: string }[]>;
  /** The sources the alerts name, aggregated into CIDR ranges. */
  sources(alertIds: string[]): Promise<string[]>;
}

/** What the incidents module needs from the rest of Cordon. */
export interface IncidentDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  config: Pick<Config, 'publicUrl' | 'containmentTimeoutSeconds'>;
  masterKey: Buffer;
  mail: MailSender;
  /** Containment messages are sent by jobs, queued once their action is committed. */
  jobs: Pick<JobQueue, 'enqueue'>;
  /** What detection alerts name, for containment: detection implements it. */
  alerts: AlertResponses;
  /** Tells the security team something needs their attention (once per idempotency key). */
  notify(
    message: { subject: string; text: string },
    options?: { idempotencyKey?: string },
  ): Promise<void>;
}
