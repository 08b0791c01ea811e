import type { Db } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import type { Config } from '../../lib/config.js';
import type { AuditService } from '../audit/audit.service.js';

/** What the detection module needs from the rest of Cordon. */
export interface DetectionDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  masterKey: Buffer;
  config: Pick<
    Config,
    'publicUrl' | 'detectionWebhookUrl' | 'detectionWebhookSecret' | 'detectionRetentionDays'
  >;
  /** Tells the security team something needs their attention (once per idempotency key). */
  notify(
    message: { subject: string; text: string },
    options?: { idempotencyKey?: string },
  ): Promise<void>;
}
