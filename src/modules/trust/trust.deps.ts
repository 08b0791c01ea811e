import type { PublicAdvisory } from '../../contracts/advisories.js';
import type { Db } from '../../db/database.js';
import type { JobQueue } from '../../jobs/jobs.queue.js';
import type { Clock } from '../../lib/clock.js';
import type { Config } from '../../lib/config.js';
import { createSecretBox, deriveKey, hmacSha256Hex } from '../../lib/crypto.js';
import type { CallContext } from '../../lib/principal.js';
import type { AuditService } from '../audit/audit.service.js';
import type { CategoryIndex } from '../datamap/datamap.categories.js';
import type { MailSender } from '../identity/identity.deps.js';
import type { VendorService } from '../vendors/vendors.service.js';
import type { ProgrammePort } from './trust.programme.pages.js';
import { createTrustStore } from './trust.store.js';
import { createSubprocessorStore } from './trust.subprocessors.store.js';
import { createSubscriberStore } from './trust.subscribers.store.js';
import { createTokenSigner, subscriberLinks } from './trust.tokens.js';

/** The advisories port: published advisories as the public sees them (disclosure provides it). */
export interface AdvisoriesPort {
  published(): Promise<PublicAdvisory[]>;
}

export interface TrustDeps {
  db: Db;
  clock: Clock;
  config: Pick<Config, 'publicUrl' | 'shopName'>;
  audit: Pick<AuditService, 'record'>;
  masterKey: Buffer;
  mail: MailSender;
  jobs: Pick<JobQueue, 'enqueue'>;
  vendors: Pick<VendorService, 'list' | 'get'>;
  categories: { index(): Promise<CategoryIndex> };
  /** Resolves an incident the caller may see; throws NotFound otherwise. */
  incidents: { get(ctx: CallContext, id: string): Promise<unknown> };
  advisories: AdvisoriesPort;
  /** The disclosure programme's policy and hall of fame; without it those pages are 404. */
  programme?: ProgrammePort;
}

/** Stores, keys and the cache hook every trust service shares, built once per app. */
export function createTrustParts(deps: TrustDeps, onChange: () => void) {
  const indexKey = deriveKey(deps.masterKey, 'trust-email-index');
  const signer = createTokenSigner(deriveKey(deps.masterKey, 'trust-links'));
  return {
    ...deps,
    store: createTrustStore(deps.db.kysely),
    subprocessorStore: createSubprocessorStore(deps.db.kysely),
    subscriberStore: createSubscriberStore(deps.db.kysely),
    /** Subscriber addresses and requesters' details, sealed per row. */
    box: createSecretBox(deriveKey(deps.masterKey, 'trust-pii')),
    emailIndex: (email: string) => hmacSha256Hex(indexKey, email.trim().toLowerCase()),
    links: subscriberLinks(signer),
    csrfSigner: createTokenSigner(deriveKey(deps.masterKey, 'trust-csrf')),
    /** Called after a commit that changed public content: this instance's cache drops at once. */
    changed: onChange,
    url: (path: string) => `${deps.config.publicUrl}${path}`,
  };
}

export type TrustParts = ReturnType<typeof createTrustParts>;
