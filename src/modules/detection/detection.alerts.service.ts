import type {
  AlertStatus,
  DetectionAlert,
  DetectorName,
  alertListQuery,
  alertStatusInput,
  alertSubjectsQuery,
} from '../../contracts/detection.js';
import type { z } from 'zod';
import { Conflict, NotFound } from '../../lib/errors.js';
import { authorize, principalUserId, type CallContext } from '../../lib/principal.js';
import type { AlertRow, AlertStore, SubjectCounts } from './detection.alerts.store.js';
import type { DetectionDeps } from './detection.deps.js';
import type { Executor } from '../../db/database.js';
import { ACCESS } from './detection.access.js';

/**
 * What an incident needs from an alert to open one; the incidents module implements it. It
 * calls `claim` inside its own transaction, so an incident is never left without its alert.
 */
export interface IncidentOpener {
  openFromAlert(
    ctx: CallContext,
    alert: DetectionAlert,
    claim: (incidentId: string, trx: Executor) => Promise<void>,
  ): Promise<{ incidentId: string }>;
  /** Which of these incidents the caller may see: a restricted one's id stays hidden. */
  visible(ctx: CallContext, incidentIds: string[]): Promise<ReadonlySet<string>>;
}

/** Alert triage: list, read, change status, read the sources and accounts an alert names. */
export function createAlertService(
  deps: Pick<DetectionDeps, 'db' | 'clock' | 'audit'> & {
    store: AlertStore;
    incidents?: Pick<IncidentOpener, 'visible'> | undefined;
  },
) {
  const { store } = deps;

  async function load(id: string): Promise<AlertRow> {
    const row = await store.get(id);
    if (!row) throw new NotFound('Alert', id);
    return row;
  }

  /** Alerts as the caller may see them: the counts in one query, incident ids only if seen. */
  async function present(ctx: CallContext, rows: AlertRow[]): Promise<DetectionAlert[]> {
    const counts = await store.subjectCounts(rows.map((row) => row.id));
    const linked = rows.flatMap((row) => (row.incident_id ? [row.incident_id] : []));
    const shown =
      linked.length > 0 && deps.incidents
        ? await deps.incidents.visible(ctx, linked)
        : new Set(linked);
    return rows.map((row) => toAlert(row, counts.get(row.id)!, shown));
  }
  const presentOne = async (ctx: CallContext, row: AlertRow) => (await present(ctx, [row]))[0]!;

  return {
    async list(ctx: CallContext, query: z.output<typeof alertListQuery>) {
      authorize(ctx, ACCESS.read);
      const { rows, total } = await store.list(query, query.limit, query.offset);
      return { items: await present(ctx, rows), total };
    },

    async get(ctx: CallContext, id: string): Promise<DetectionAlert> {
      authorize(ctx, ACCESS.read);
      return presentOne(ctx, await load(id));
    },

    async setStatus(ctx: CallContext, id: string, input: z.output<typeof alertStatusInput>) {
      const principal = authorize(ctx, ACCESS.write);
      const row = await load(id);
      if (row.status === input.status) return presentOne(ctx, row);
      const now = deps.clock.now().toISOString();
      const patch = {
        status: input.status,
        status_reason: input.reason ?? null,
        status_changed_by: principalUserId(principal),
        status_changed_at: now,
        updated_at: now,
      };
      await deps.db.kysely.transaction().execute(async (trx) => {
        await store.update(id, patch, trx);
        await deps.audit.record(
          ctx,
          {
            action: 'detection.alert.status',
            objectType: 'detection_alert',
            objectId: id,
            details: { from: row.status, to: input.status },
          },
          trx,
        );
      });
      return presentOne(ctx, { ...row, ...patch });
    },

    async subjects(ctx: CallContext, id: string, query: z.output<typeof alertSubjectsQuery>) {
      authorize(ctx, ACCESS.read);
      await load(id);
      const [rows, counts] = await Promise.all([
        store.subjects(id, query.role, query.limit, query.offset),
        store.subjectCounts([id]),
      ]);
      const customers =
        query.role === 'source'
          ? new Map<string, string>()
          : await store.customerIds(rows.map((r) => r.value));
      return {
        items: rows.map((row) => ({
          value: row.value,
          customerId: customers.get(row.value) ?? null,
          firstSeenAt: row.first_seen_at,
          lastSeenAt: row.last_seen_at,
        })),
        total: counts.get(id)![query.role],
      };
    },

    /** Hands the alert and its evidence to incident response (when that module is present). */
    async openIncident(ctx: CallContext, id: string, opener: IncidentOpener | undefined) {
      authorize(ctx, ACCESS.write);
      const row = await load(id);
      if (!opener) throw new Conflict('Incident response is not available in this deployment');
      const alert = await presentOne(ctx, row);
      if (row.incident_id)
        throw new Conflict(
          alert.incidentId
            ? `Alert '${id}' already belongs to incident '${alert.incidentId}'`
            : `Alert '${id}' already belongs to an incident`,
        );
      const { incidentId } = await opener.openFromAlert(ctx, alert, async (incidentId, trx) => {
        // Two analysts clicking at once: only the first link counts, and the other's
        // incident is rolled back with it.
        if (!(await store.linkIncident(id, incidentId, deps.clock.now().toISOString(), trx)))
          throw new Conflict(`Alert '${id}' was linked to an incident meanwhile`);
        await deps.audit.record(
          ctx,
          {
            action: 'detection.alert.incident',
            objectType: 'detection_alert',
            objectId: id,
            details: { incidentId },
          },
          trx,
        );
      });
      return { ...alert, incidentId };
    },
  };
}

function toAlert(
  row: AlertRow,
  counts: SubjectCounts,
  shownIncidents: ReadonlySet<string>,
): DetectionAlert {
  const evidence = JSON.parse(row.evidence) as Pick<
    DetectionAlert,
    'measures' | 'counts' | 'topSources' | 'topAccounts' | 'categories'
  >;
  return {
    id: row.id,
    detector: row.detector as DetectorName,
    stream: row.stream,
    severity: row.severity as DetectionAlert['severity'],
    status: row.status as AlertStatus,
    title: row.title,
    reason: row.reason,
    measures: evidence.measures,
    counts: evidence.counts,
    topSources: evidence.topSources,
    topAccounts: evidence.topAccounts,
    categories: evidence.categories ?? [],
    series: JSON.parse(row.series) as [string, number][],
    signals: row.signals,
    integrationId: row.integration_id,
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
    statusReason: row.status_reason,
    statusChangedAt: row.status_changed_at,
    incidentId: row.incident_id && shownIncidents.has(row.incident_id) ? row.incident_id : null,
    subjects: { sources: counts.source, targets: counts.target, takenOver: counts.taken_over },
  };
}
