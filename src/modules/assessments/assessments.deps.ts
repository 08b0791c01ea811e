import type { Config } from '../../lib/config.js';
import type { Db } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import type { MailSender } from '../identity/identity.deps.js';
import type { AuditService } from '../audit/audit.service.js';
import type { VendorsModule } from '../vendors/vendors.module.js';

/** What the assessments module needs from the rest of Cordon. */
export interface AssessmentDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  config: Pick<Config, 'publicUrl' | 'reassessmentMonths'>;
  mail: MailSender;
  /** Vendors and integrations are looked up through their service, with the caller's rights. */
  vendors: Pick<VendorsModule, 'vendors' | 'integrations'>;
  /** Tells the security team something needs their attention (once per idempotency key). */
  notify(
    message: { subject: string; text: string },
    options?: { idempotencyKey?: string },
  ): Promise<void>;
}
