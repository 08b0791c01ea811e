import type { Db } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import type { JobQueue } from '../../jobs/jobs.queue.js';
import type { Config } from '../../lib/config.js';
import type { CallContext } from '../../lib/principal.js';
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

/** Who an incident reaches, from the data map's blast radius: the data map implements it. */
export interface ScopeSource {
  scope(
    ctx: CallContext,
    targets: { vendorIds: string[]; integrationIds: string[] },
    window: { from: string; to: string },
  ): Promise<{
    paths: { integrationId: string; integrationName: string; vendorName: string }[];
    customers: number;
    unknownCustomers: number;
    byCategory: { key: string; name: string; customers: number }[];
    byJurisdiction: { country: string | null; region: string | null; customers: number }[];
    groups: {
      country: string | null;
      region: string | null;
      known: boolean;
      categories: string[];
      customers: number;
    }[];
    /** Every affected customer ref, a page at a time. */
    refs(): AsyncIterable<string[]>;
    /** The categories that reached the targets of each of some customers it reached. */
    categoriesOf(refs: readonly string[]): Promise<ReadonlyMap<string, string[]>>;
  }>;
  /** Where each known customer among `refs` lives. */
  jurisdictionsOf(
    ctx: CallContext,
    refs: string[],
  ): Promise<ReadonlyMap<string, { country: string | null; region: string | null }>>;
}

/** A vendor software finding, as incidents open from one: exposure implements it. */
export interface FindingSource {
  get(
    ctx: CallContext,
    findingId: string,
  ): Promise<{
    id: string;
    vendorId: string;
    vendorName: string;
    integrationId: string | null;
    componentName: string;
    componentVersion: string | null;
    advisoryId: string;
    summary: string | null;
    severity: string;
    knownExploited: boolean;
    firstSeenAt: string;
  }>;
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
  scope: ScopeSource;
  findings: FindingSource;
  /** Tells the security team something needs their attention (once per idempotency key). */
  notify(
    message: { subject: string; text: string },
    options?: { idempotencyKey?: string },
  ): Promise<void>;
}
