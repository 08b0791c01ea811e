import { randomUUID } from 'node:crypto';
import { sha256Hex } from '../../lib/crypto.js';
import { vendorNames } from '../vendors/vendors.relations.lookup.js';
import { createAlertStore, type AlertRow } from './exposure.alerts.store.js';
import type { ExposureDeps } from './exposure.deps.js';
import type { FindingRow } from './exposure.types.js';

/** How many findings one notification lists; the rest are a click away. */
const LISTED = 20;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const reasonOf = (finding: FindingRow): AlertRow['reason'] | null =>
  finding.known_exploited
    ? 'known_exploited'
    : finding.severity_rating === 'critical'
      ? 'critical'
      : null;

const componentLabel = (finding: FindingRow) =>
  `${finding.component_name}${finding.component_version ? ` ${finding.component_version}` : ''}`;

/**
 * Alerts on findings that matter now: known-exploited or critical, open, and on a vendor
 * that has live access (an active integration). Called after the change has committed; each
 * (finding, reason) alerts once however often feeds are re-imported, and one digest mail goes
 * to the security team and to each integration owner, keyed so a retry sends nothing twice.
 */
export function createAlerter(
  deps: Pick<ExposureDeps, 'db' | 'clock' | 'mail' | 'notify' | 'config'>,
) {
  const store = createAlertStore(deps.db.kysely);

  return {
    async raise(findings: readonly FindingRow[]): Promise<AlertRow[]> {
      const candidates = findings.filter((f) => f.status === 'open' && reasonOf(f) !== null);
      if (candidates.length === 0) return [];
      const active = await store.activeScopes(candidates.map((f) => f.vendor_id));
      const activeIntegrations = new Map(active.map((row) => [row.id, row]));
      const activeVendors = new Set(active.map((row) => row.vendor_id));
      const live = candidates.filter((f) =>
        f.integration_id
          ? activeIntegrations.has(f.integration_id)
          : activeVendors.has(f.vendor_id),
      );
      const names = await vendorNames(
        deps.db.kysely,
        live.map((f) => f.vendor_id),
      );
      const now = deps.clock.now().toISOString();
      const byId = new Map(live.map((f) => [f.id, f]));
      const fresh = await store.raise(
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
            title: `${what} in ${componentLabel(finding)} at ${names.get(finding.vendor_id) ?? 'a vendor'}`,
            created_at: now,
            acknowledged_at: null,
            acknowledged_by: null,
          };
        }),
      );
      if (fresh.length > 0) await notifyAbout(fresh);
      return fresh;

      async function notifyAbout(alerts: AlertRow[]) {
        const link = (alert: AlertRow) =>
          `${deps.config.publicUrl}/exposure/findings/${alert.finding_id}`;
        const message = (list: AlertRow[]) => ({
          subject:
            list.length === 1
              ? `Cordon: ${list[0]!.title}`
              : `Cordon: ${list.length} vendor findings need attention`,
          text: [
            'Software a vendor runs for you is affected by a known-exploited or critical vulnerability.',
            '',
            ...list.slice(0, LISTED).map((alert) => `- ${alert.title}\n  ${link(alert)}`),
            ...(list.length > LISTED
              ? [`…and ${list.length - LISTED} more: ${deps.config.publicUrl}/exposure`]
              : []),
          ].join('\n'),
        });
        const key = sha256Hex(
          alerts
            .map((alert) => alert.id)
            .sort()
            .join(','),
        );
        await deps.notify(message(alerts), { idempotencyKey: `exposure-alerts:${key}` });
        const byOwner = new Map<string, AlertRow[]>();
        for (const alert of alerts) {
          const finding = byId.get(alert.finding_id);
          const owner = finding?.integration_id
            ? activeIntegrations.get(finding.integration_id)?.owner
            : null;
          if (owner && EMAIL.test(owner))
            byOwner.set(owner, [...(byOwner.get(owner) ?? []), alert]);
        }
        for (const [owner, list] of byOwner)
          await deps.mail.send(
            { to: owner, ...message(list) },
            { idempotencyKey: sha256Hex(`exposure-alerts:${key}\u0000${owner}`) },
          );
      }
    },

    store,
  };
}

export type Alerter = ReturnType<typeof createAlerter>;
