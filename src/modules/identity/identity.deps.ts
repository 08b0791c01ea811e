import type { Db } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import type { Config } from '../../lib/config.js';
import { createSecretBox, deriveKey } from '../../lib/crypto.js';
import type { AuditService } from '../audit/audit.service.js';
import { createAttemptGate } from './identity.attempts.js';
import { createIdentityStore } from './identity.store.js';
import { createThrottleStore } from './identity.throttle.store.js';
import { createSessionStore } from './identity.sessions.store.js';
import { createTokenStore } from './identity.tokens.store.js';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** The same message as HTML, for mail that has it (breach letters). */
  html?: string;
  /** Extra header fields, e.g. RFC 8058 List-Unsubscribe; see `emailMessage` for what is allowed. */
  headers?: Record<string, string>;
}

/** Where identity hands email; the composition root queues it as a retried job. */
export interface MailSender {
  /** With an idempotency key, sending the same key again queues nothing new. */
  send(message: OutgoingMail, options?: { idempotencyKey?: string }): Promise<void>;
}

export interface IdentityDeps {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'record'>;
  masterKey: Buffer;
  config: Pick<Config, 'sessionIdleMinutes' | 'sessionAbsoluteHours' | 'publicUrl'>;
  mail: MailSender;
}

/** The stores and keys every identity service shares, built once per app. */
export function createIdentityParts(deps: IdentityDeps) {
  return {
    ...deps,
    users: createIdentityStore(deps.db.kysely, deps.db.dialect),
    sessions: createSessionStore(deps.db.kysely),
    tokens: createTokenStore(deps.db.kysely),
    mfaSecrets: createSecretBox(deriveKey(deps.masterKey, 'mfa-secret')),
    attempts: createAttemptGate({
      db: deps.db.kysely,
      clock: deps.clock,
      throttles: createThrottleStore(deps.db.kysely),
      hmacKey: deriveKey(deps.masterKey, 'login-throttle'),
    }),
    throttles: createThrottleStore(deps.db.kysely),
    nowIso: () => deps.clock.now().toISOString(),
    transaction: deps.db.kysely.transaction.bind(deps.db.kysely),
  };
}

export type IdentityParts = ReturnType<typeof createIdentityParts>;

export const SETTING_MFA_REQUIRED = 'security.mfa_required';
export const SETTING_SETUP_TOKEN = 'setup.token_hash';
