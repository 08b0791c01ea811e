import type { AuditService } from '../audit/audit.service.js';
import type { DataCategory } from '../../contracts/datamap.js';
import type { Incident, IncidentSummary, ScopeSnapshot } from '../../contracts/incidents.js';
import type { Db, Executor } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import type { Config } from '../../lib/config.js';
import type { CallContext } from '../../lib/principal.js';
import type { MailSender } from '../identity/identity.deps.js';
import type { IncidentService } from '../incidents/incidents.service.js';
import type { JobQueue } from '../../jobs/jobs.queue.js';
import type { SecretBox } from '../../lib/crypto.js';
import type { CustomerContact } from '../datamap/datamap.customers.service.js';
import type { ScopeMember } from '../incidents/incidents.scope.service.js';
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
  /** Who exactly is in a snapshot, a page at a time, from the `from`-th member on. */
  members(
    ctx: CallContext,
    id: string,
    snapshotId: string,
    options?: { from?: number; pageSize?: number },
  ): AsyncIterable<ScopeMember[]>;
}

export interface BreachDeps {
  db: Db;
  clock: Clock;
  config: Pick<
    Config,
    'publicUrl' | 'mailFrom' | 'shopName' | 'shopContactEmail' | 'supportHelpline'
  >;
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
  /** Customers' contact details, opened for one purpose at a time (datamap implements it). */
  contacts: {
    open(
      ctx: CallContext,
      purpose: { objectType: string; objectId: string },
    ): Promise<{ read(refs: readonly string[]): Promise<Map<string, CustomerContact>> }>;
    /** The keyed hash an address is known by, so a list can hold it without the address. */
    emailIndex(ctx: CallContext, email: string): Promise<string>;
  };
  /** The active members of the security team, who alone may receive a test letter. */
  team: { active(): Promise<{ id: string; email: string }[]> };
  jobs: Pick<JobQueue, 'enqueue'>;
  /** Seals what the outbox must keep secret (credit-monitoring codes). */
  secretBox: SecretBox;
}
