import type { AuditService } from '../audit/audit.service.js';
import type { DataCategory } from '../../contracts/datamap.js';
import type { Incident, IncidentSummary, ScopeSnapshot } from '../../contracts/incidents.js';
import type { Db, Executor } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import type { Config } from '../../lib/config.js';
import type { CallContext } from '../../lib/principal.js';
import type { MailSender } from '../identity/identity.deps.js';
import type { IncidentService } from '../incidents/incidents.service.js';
import type { RuleBook } from './breach.rules.load.js';

/** What breach notification needs from incidents: the record, its scope, and its changes. */
export interface IncidentSource {
  get(ctx: CallContext, id: string): Promise<Incident>;
  list(
    ctx: CallContext,
    query: { limit: number; offset: number },
  ): Promise<{ items: IncidentSummary[]; total: number }>;
  snapshots(ctx: CallContext, id: string): Promise<ScopeSnapshot[]>;
  /** One transaction holding the change, its timeline entry and its audit event. */
  changeReturning: IncidentService['changeReturning'];
  /** The seq the change's timeline entry will get, inside that transaction. */
  nextTimelineSeq(trx: Executor, id: string): Promise<number>;
}

export interface BreachDeps {
  db: Db;
  clock: Clock;
  config: Pick<Config, 'publicUrl' | 'mailFrom' | 'shopName' | 'shopContactEmail'>;
  audit: Pick<AuditService, 'record'>;
  mail: MailSender;
  /** Tells the security team something needs their attention (once per idempotency key). */
  notify(
    message: { subject: string; text: string },
    options?: { idempotencyKey?: string },
  ): Promise<void>;
  rules: RuleBook;
  incidents: IncidentSource;
  categories: { list(ctx: CallContext): Promise<DataCategory[]> };
}
