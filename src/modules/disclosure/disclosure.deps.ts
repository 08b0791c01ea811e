import type { Db } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import type { Config } from '../../lib/config.js';
import type { SecretBox } from '../../lib/crypto.js';
import type { CallContext } from '../../lib/principal.js';
import type { AuditService } from '../audit/audit.service.js';
import type { MailSender } from '../identity/identity.deps.js';

/** Who can own a report and who is escalated to; read from identity at call time. */
export interface DisclosureTeam {
  /** An active analyst or admin by id, or null. */
  member(userId: string): Promise<{ id: string; email: string } | null>;
  admins(): Promise<{ id: string; email: string }[]>;
}

export interface DisclosureDeps {
  db: Db;
  clock: Clock;
  config: Pick<Config, 'publicUrl' | 'shopName'>;
  audit: Pick<AuditService, 'record'>;
  /** Seals settings secrets (the signing key) and researchers' contact details. */
  secretBox: SecretBox;
  /** Signs proof-of-work challenges. */
  proofKey: Buffer;
  mail: MailSender;
  /** Mails the security team (admins and analysts). */
  notify(
    message: { subject: string; text: string },
    options?: { idempotencyKey?: string },
  ): Promise<void>;
  team: DisclosureTeam;
  /** A report may link only an incident its caller can see. */
  incidents: { get(ctx: CallContext, id: string): Promise<unknown> };
}

export const ANALYST = { role: 'analyst', scope: 'write' } as const;
export const VIEWER = { role: 'viewer', scope: 'read' } as const;
export const ADMIN = { role: 'admin', scope: 'admin' } as const;
