import { randomUUID } from 'node:crypto';
import type { Executor } from '../../db/database.js';
import { ALERT_SEVERITIES, type AlertSeverity } from '../../contracts/detection.js';
import type { AlertRow, AlertStore } from './detection.alerts.store.js';
import { createSuppressionMatcher } from './detection.suppressions.js';
import type { Signal } from './detection.signals.js';

/** An attack quiet for this long is over; its next signal opens a new alert. */
export const QUIET_GAP_MS = 60 * 60_000;
/** How far back a new source alert looks in stored events for the accounts it tried. */
const BACKFILL_MS = 60 * 60_000;
/** Points kept per alert chart; older points are thinned, never the latest. */
const MAX_POINTS = 400;

export interface FoldResult {
  created: AlertRow[];
  /** Open alerts raised to a higher severity than they had. */
  escalated: AlertRow[];
  updated: number;
  suppressed: number;
}

const rank = (severity: string) => ALERT_SEVERITIES.indexOf(severity as AlertSeverity);

/**
 * Folds detector signals into alerts: one alert per ongoing attack (same key, still open, seen
 * within the quiet gap), updated as the attack goes on, with the sources and accounts it named.
 * Suppression rules drop a signal or strip the subjects they exempt before anything is stored.
 */
export function createAlertFolder(store: AlertStore) {
  return async function fold(signals: Signal[], trx: Executor, now: string): Promise<FoldResult> {
    if (signals.length === 0) return { created: [], escalated: [], updated: 0, suppressed: 0 };
    const matcher = createSuppressionMatcher(await store.suppressions(now, trx));
    const result: FoldResult = { created: [], escalated: [], updated: 0, suppressed: 0 };
    for (const raw of signals) {
      const signal = matcher.apply(raw);
      if (!signal) {
        result.suppressed++;
        continue;
      }
      const at = new Date(signal.at).toISOString();
      const points = [...(signal.earlier ?? []), [signal.at, signal.point]].map(
        ([time, value]): [string, number] => [new Date(time!).toISOString(), value!],
      );
      const since = points[0]![0];
      const quietSince = new Date(Date.parse(since) - QUIET_GAP_MS).toISOString();
      const ongoing = await store.ongoing(signal.key, quietSince, trx);
      const evidence = JSON.stringify({
        measures: signal.measures,
        counts: signal.counts,
        topSources: signal.topSources,
        topAccounts: signal.topAccounts,
        categories: mergedCategories(ongoing, signal),
      });
      let alert: AlertRow;
      if (ongoing) {
        const severity =
          rank(signal.severity) > rank(ongoing.severity) ? signal.severity : ongoing.severity;
        const patch = {
          severity,
          title: signal.title,
          reason: signal.reason,
          evidence,
          series: JSON.stringify(
            appendPoints(JSON.parse(ongoing.series) as [string, number][], points),
          ),
          signals: ongoing.signals + 1,
          last_seen_at: at > ongoing.last_seen_at ? at : ongoing.last_seen_at,
          updated_at: now,
        };
        await store.update(ongoing.id, patch, trx);
        alert = { ...ongoing, ...patch };
        result.updated++;
        if (rank(severity) > rank(ongoing.severity)) result.escalated.push(alert);
      } else {
        alert = {
          id: randomUUID(),
          attack_key: signal.key,
          detector: signal.detector,
          stream: signal.stream,
          severity: signal.severity,
          status: 'new',
          title: signal.title,
          reason: signal.reason,
          evidence,
          series: JSON.stringify(appendPoints([], points)),
          signals: 1,
          integration_id: signal.subjects.integrationId ?? null,
          first_seen_at: since,
          last_seen_at: at,
          status_reason: null,
          status_changed_by: null,
          status_changed_at: null,
          notified_severity: null,
          webhook_severity: null,
          incident_id: null,
          created_at: now,
          updated_at: now,
        };
        await store.insert(alert, trx);
        result.created.push(alert);
        // Shop accounts only: SSH user names (root, admin) are not customers to reset.
        if (signal.primary?.kind === 'ip' && signal.stream === 'web')
          await store.backfillTargets(
            alert.id,
            signal.primary.value,
            new Date(signal.at - BACKFILL_MS).toISOString(),
            at,
            trx,
          );
      }
      await store.addSubjects(alert.id, 'source', signal.subjects.sources, at, trx);
      await store.addSubjects(alert.id, 'target', signal.subjects.targets, at, trx);
      await store.addSubjects(alert.id, 'taken_over', signal.subjects.takenOver, at, trx);
    }
    await store.countSuppressed(matcher.hits, trx);
    return result;
  };
}

function mergedCategories(ongoing: AlertRow | undefined, signal: Signal): string[] {
  const before = ongoing
    ? ((JSON.parse(ongoing.evidence) as { categories?: string[] }).categories ?? [])
    : [];
  return [...new Set([...before, ...(signal.subjects.categories ?? [])])].sort();
}

/**
 * Adds chart points. Past the cap the whole series is re-bucketed at an even, coarser step
 * (keeping each bucket's peak), so a long attack's start stays as detailed as its end.
 */
function appendPoints(points: [string, number][], added: [string, number][]): [string, number][] {
  for (const [at, value] of added) {
    const last = points[points.length - 1];
    if (last && last[0] === at) last[1] = Math.max(last[1], value);
    else points.push([at, value]);
  }
  if (points.length <= MAX_POINTS) return points;
  const first = Date.parse(points[0]![0]);
  const step = (Date.parse(points[points.length - 1]![0]) - first) / (MAX_POINTS / 2) || 1;
  const buckets = new Map<number, [string, number]>();
  for (const [at, value] of points) {
    const bucket = Math.floor((Date.parse(at) - first) / step);
    const kept = buckets.get(bucket);
    if (!kept) buckets.set(bucket, [at, value]);
    else kept[1] = Math.max(kept[1], value);
  }
  return [...buckets.values()];
}
