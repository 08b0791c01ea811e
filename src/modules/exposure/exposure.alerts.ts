import { randomUUID } from 'node:crypto';
import type { Executor } from '../../db/database.js';
import { sha256Hex } from '../../lib/crypto.js';
import { vendorNames } from '../vendors/vendors.relations.lookup.js';
import { createAlertStore, type AlertRow } from './exposure.alerts.store.js';
import type { ExposureDeps } from './exposure.deps.js';
import type { FindingRow } from './exposure.types.js';

/** How many findings one notification lists; the rest are a click away. */
const LISTED = 20;
/** Alerts mailed per run: a first feed import on a big portfolio is sent in digests. */
const NOTIFY_BATCH = 500;
const LABEL_LENGTH = 120;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Known-exploited or critical; a version nobody could order is a finding to check by hand,
 * not an alarm (it would flag every advisory ever written for the package).
 */
const reasonOf = (finding: FindingRow): AlertRow['reason'] | null => {
  if (finding.version_comparable !== 1) return null;
  if (finding.known_exploited) return 'known_exploited';
  return finding.severity_rating === 'critical' ? 'critical' : null;
};

const clip = (text: string) =>
  text.length > LABEL_LENGTH ? `${text.slice(0, LABEL_LENGTH - 1)}…` : text;
const componentLabel = (finding: FindingRow) =>
  clip(
    `${finding.component_name}${finding.component_version ? ` ${finding.component_version}` : ''}`,
  );

/**
 * Alerts on findings that matter now: open, known-exploited or critical, on a vendor with live
 * access (an active integration). They are written in the transaction that raised the finding,
 * so none is lost; mail goes out after commit and from the notify job, which also picks up any
 * a crash left unsent. Each (finding, reason) alerts once however often feeds are re-imported.
 */
export function createAlerter(
  deps: Pick<ExposureDeps, 'db' | 'clock' | 'mail' | 'notify' | 'config'>,
) {
  const store = createAlertStore(deps.db.kysely);

  async function raise(findings: readonly FindingRow[], trx: Executor): Promise<AlertRow[]> {
    const candidates = findings.filter((f) => f.status === 'open' && reasonOf(f) !== null);
    if (candidates.length === 0) return [];
    const active = await store.activeScopes(
      candidates.map((f) => f.vendor_id),
      trx,
    );
    const activeIntegrations = new Set(active.map((row) => row.id));
    const activeVendors = new Set(active.map((row) => row.vendor_id));
    const live = candidates.filter((f) =>
      f.integration_id ? activeIntegrations.has(f.integration_id) : activeVendors.has(f.vendor_id),
    );
    const names = await vendorNames(
      trx,
      live.map((f) => f.vendor_id),
    );
    const now = deps.clock.now().toISOString();
    return store.raise(
      live.map((finding) => {
        const reason = reasonOf(finding)!;
        const what =
          reason === 'known_exploited'
            ? `Known-exploited ${finding.kev_cve}`
            : `Critical ${finding.advisory_id}`;
        return {
          id: randomUUID(),
          finding_id: finding.id,
          vendor_id: finding.vendor_id,
          reason,
          title: `${clip(what)} in ${componentLabel(finding)} at ${clip(names.get(finding.vendor_id) ?? 'a vendor')}`,
          created_at: now,
          acknowledged_at: null,
          acknowledged_by: null,
          notified_at: null,
        };
      }),
      trx,
    );
  }

  function message(list: { title: string; finding_id: string }[]) {
    const link = (findingId: string) => `${deps.config.publicUrl}/exposure/findings/${findingId}`;
    return {
      subject:
        list.length === 1
          ? `Cordon: ${list[0]!.title}`
          : `Cordon: ${list.length} vendor findings need attention`,
      text: [
        'Software a vendor runs for you is affected by a known-exploited or critical vulnerability.',
        '',
        ...list.slice(0, LISTED).map((alert) => `- ${alert.title}\n  ${link(alert.finding_id)}`),
        ...(list.length > LISTED
          ? [`…and ${list.length - LISTED} more: ${deps.config.publicUrl}/exposure`]
          : []),
      ].join('\n'),
    };
  }

  /** Mails the security team, and each integration's owner, about alerts not yet mailed. */
  async function notifyPending(): Promise<number> {
    let sent = 0;
    for (;;) {
      const pending = await store.unnotified(NOTIFY_BATCH);
      if (pending.length === 0) return sent;
      // Keyed by the alerts it covers: a retry of the same digest is sent once.
      const key = sha256Hex(pending.map((alert) => alert.id).join(','));
      await deps.notify(message(pending), { idempotencyKey: `exposure-alerts:${key}` });
      const owners = await store.ownersOf(
        pending.flatMap((alert) => (alert.integration_id ? [alert.integration_id] : [])),
      );
      const byOwner = new Map<string, typeof pending>();
      for (const alert of pending) {
        const owner = alert.integration_id ? owners.get(alert.integration_id) : null;
        if (owner && EMAIL.test(owner)) byOwner.set(owner, [...(byOwner.get(owner) ?? []), alert]);
      }
      for (const [owner, list] of byOwner)
        await deps.mail.send(
          { to: owner, ...message(list) },
          { idempotencyKey: sha256Hex(`exposure-alerts:${key}\u0000${owner}`) },
        );
      await store.markNotified(
        pending.map((alert) => alert.id),
        deps.clock.now().toISOString(),
      );
      sent += pending.length;
    }
  }

  return {
    raise,
    notifyPending,
    /**
     * After a commit: mail what it raised. A failure here must not fail the request whose data
     * has committed; the notify job retries.
     */
    async notifyAfterCommit(raised: readonly AlertRow[]): Promise<void> {
      if (raised.length === 0) return;
      await notifyPending().catch(() => undefined);
    },
    store,
  };
}

export type Alerter = ReturnType<typeof createAlerter>;
