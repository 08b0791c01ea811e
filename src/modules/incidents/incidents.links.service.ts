import type { DetectionAlert, DetectorName } from '../../contracts/detection.js';
import type { IncidentSeverity, IncidentType, LinkKind } from '../../contracts/incidents.js';
import type { Executor } from '../../db/database.js';
import { ValidationError } from '../../lib/errors.js';
import { principalUserId, type CallContext } from '../../lib/principal.js';
import type { IncidentOpener } from '../detection/detection.alerts.service.js';
import type { IncidentDeps } from './incidents.deps.js';
import type { IncidentService, IncidentServiceDeps } from './incidents.service.js';
import type { TaskStore } from './incidents.tasks.store.js';
import { triggerChange } from './incidents.timeline.service.js';

/** What kind of incident each detector's alert opens. */
const TYPE_OF_DETECTOR: Record<DetectorName, IncidentType> = {
  failed_login_spike: 'credential_stuffing',
  account_brute_force: 'credential_stuffing',
  source_stuffing: 'credential_stuffing',
  distributed_stuffing: 'credential_stuffing',
  password_spraying: 'credential_stuffing',
  account_takeover: 'credential_stuffing',
  vendor_api_volume: 'data_exfiltration',
  vendor_api_scope: 'data_exfiltration',
  sshd_brute_force: 'other',
};

/**
 * Links from an incident to what it concerns (vendors, integrations, alerts, findings), and
 * opening an incident from a detection alert with the alert's evidence carried over.
 */
export function createLinkService(
  deps: IncidentServiceDeps &
    Pick<IncidentDeps, 'findings'> & {
      tasks: TaskStore;
      incidents: Pick<IncidentService, 'change' | 'open' | 'record'>;
    },
) {
  const { store, incidents } = deps;

  return {
    addLink(ctx: CallContext, id: string, kind: LinkKind, targetId: string) {
      return incidents.change(ctx, id, async (_row, principal, trx, now) => {
        if (!(await store.targetExists(kind, targetId, trx)))
          throw ValidationError.forField('targetId', `no ${kind} has the id '${targetId}'`);
        if (
          !(await store.addLink(
            { incidentId: id, kind, targetId, by: principalUserId(principal), at: now },
            trx,
          ))
        )
          throw ValidationError.forField('targetId', `${kind} '${targetId}' is linked already`);
        return {
          action: 'incident.link.added',
          entry: { kind: 'link_change', body: { added: { kind, targetId } } },
          details: { kind, targetId },
        };
      });
    },

    removeLink(ctx: CallContext, id: string, kind: LinkKind, targetId: string) {
      return incidents.change(ctx, id, async (_row, _principal, trx) => {
        if (!(await store.removeLink(id, kind, targetId, trx)))
          throw ValidationError.forField('targetId', `${kind} '${targetId}' is not linked`);
        return {
          action: 'incident.link.removed',
          entry: { kind: 'link_change', body: { removed: { kind, targetId } } },
          details: { kind, targetId },
        };
      });
    },

    /**
     * Opens an incident for a vendor software finding (a flaw that was, or may have been,
     * exploited), with the finding, its vendor and integration linked and its facts kept.
     */
    async openFromFinding(ctx: CallContext, findingId: string): Promise<string> {
      const finding = await deps.findings.get(ctx, findingId);
      const version = finding.componentVersion ? ` ${finding.componentVersion}` : '';
      return deps.db.kysely.transaction().execute(async (trx) => {
        const id = await incidents.open(
          ctx,
          {
            title: `${finding.advisoryId} in ${finding.componentName}${version} at ${finding.vendorName}`,
            type: 'vulnerability_exploited',
            severity: severityOf(finding.severity),
            summary: finding.summary ?? '',
            restricted: false,
            memberIds: [],
          },
          trx,
        );
        const now = deps.clock.now().toISOString();
        const by = principalUserId(ctx.principal);
        const targets: { kind: LinkKind; targetId: string }[] = [
          { kind: 'finding', targetId: finding.id },
          { kind: 'vendor', targetId: finding.vendorId },
          ...(finding.integrationId
            ? [{ kind: 'integration' as const, targetId: finding.integrationId }]
            : []),
        ];
        for (const target of targets)
          await store.addLink({ incidentId: id, ...target, by, at: now }, trx);
        await incidents.record(
          trx,
          ctx,
          id,
          {
            action: 'incident.link.added',
            entry: {
              kind: 'link_change',
              body: { added: targets, finding },
              occurredAt: finding.firstSeenAt,
              occurredSource: `exposure finding ${finding.id}`,
            },
            details: { kind: 'finding', targetId: finding.id },
          },
          now,
        );
        return id;
      });
    },

    /** The detection module's hook: one transaction opens, links and claims the alert. */
    opener: {
      async openFromAlert(ctx, alert, claim) {
        return deps.db.kysely.transaction().execute(async (trx) => {
          const incidentId = await incidents.open(
            ctx,
            {
              title: alert.title,
              type: TYPE_OF_DETECTOR[alert.detector],
              severity: alert.severity,
              summary: alert.reason,
              restricted: false,
              memberIds: [],
            },
            trx,
          );
          await claim(incidentId, trx);
          await linkAlert(ctx, incidentId, alert, trx);
          return { incidentId };
        });
      },

      visible: (ctx, incidentIds) => deps.access.visibleAmong(ctx, incidentIds),
    } satisfies IncidentOpener,
  };

  /**
   * Links the alert (with a snapshot of its evidence in the timeline, as it stood when the
   * incident was opened), the integration and vendor it names, and records detection time.
   */
  async function linkAlert(ctx: CallContext, id: string, alert: DetectionAlert, trx: Executor) {
    const now = deps.clock.now().toISOString();
    const by = principalUserId(ctx.principal);
    const targets: { kind: LinkKind; targetId: string }[] = [{ kind: 'alert', targetId: alert.id }];
    if (alert.integrationId) {
      targets.push({ kind: 'integration', targetId: alert.integrationId });
      const vendorId = await store.vendorOfIntegration(alert.integrationId, trx);
      if (vendorId) targets.push({ kind: 'vendor', targetId: vendorId });
    }
    for (const target of targets)
      await store.addLink({ incidentId: id, ...target, by, at: now }, trx);
    const source = `detection alert ${alert.id}`;
    const { series: _series, ...evidence } = alert;
    await incidents.record(
      trx,
      ctx,
      id,
      {
        action: 'incident.link.added',
        entry: {
          kind: 'link_change',
          body: { added: targets, alert: evidence },
          occurredAt: alert.firstSeenAt,
          occurredSource: source,
        },
        details: { kind: 'alert', targetId: alert.id },
      },
      now,
    );
    const detected = { trigger: 'detected' as const, at: alert.firstSeenAt, source };
    const reason = `The ${alert.detector} alert was first seen then`;
    await incidents.record(
      trx,
      ctx,
      id,
      await triggerChange(deps, trx, id, { ...detected, reason }, by, now),
      now,
    );
  }
}

export type LinkService = ReturnType<typeof createLinkService>;

/** A finding's rating as an incident severity: one without a rating starts as low. */
function severityOf(rating: string): IncidentSeverity {
  return (['critical', 'high', 'medium'] as const).find((level) => level === rating) ?? 'low';
}
