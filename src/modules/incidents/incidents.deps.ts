import type { Db } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import type { Config } from '../../lib/config.js';
import type { AuditService } from '../audit/audit.service.js';
import type { MailSender } from '../identity/identity.deps.js';

/** What the incidents module needs from the rest of Cordon. */
export interface IncidentDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  config: Pick<Config, 'publicUrl'>;
  mail: MailSender;
  /** Tells the security team something needs their attention (once per idempotency key). */
  notify(
    message: { subject: string; text: string },
    options?: { idempotencyKey?: string },
  ): Promise<void>;
}
