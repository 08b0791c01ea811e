import type { DetectionOverview, DetectorName, overviewQuery } from '../../contracts/detection.js';
import type { z } from 'zod';
import { authorize, type CallContext } from '../../lib/principal.js';
import type { AlertStore } from './detection.alerts.store.js';
import type { EventStore } from './detection.events.store.js';
import { ACCESS } from './detection.access.js';
import { BUCKET_MS } from './detection.ingest.js';

const HOUR_MS = 3_600_000;
/**
 * Without a range the overview shows the four days up to the newest data: enough ordinary
 * days before an attack of a day or two to see where it began.
 */
const DEFAULT_SPAN_MS = 96 * HOUR_MS;
/** Longer ranges are drawn in hours: a month of 5-minute points is more than a chart shows. */
const FINE_SPAN_MS = 3 * 24 * HOUR_MS;

/** Attempts, failures and failure ratio of a login stream over time, with alert markers. */
export function createOverviewService(deps: { events: EventStore; store: AlertStore }) {
  return {
    async overview(
      ctx: CallContext,
      query: z.output<typeof overviewQuery>,
    ): Promise<DetectionOverview> {
      authorize(ctx, ACCESS.read);
      const series = `login:${query.stream}`;
      const end = query.to
        ? Date.parse(query.to)
        : ((await deps.events.latestBucket(series)) ?? 0) + BUCKET_MS;
      const start = query.from ? Date.parse(query.from) : end - DEFAULT_SPAN_MS;
      const from = new Date(start).toISOString();
      const to = new Date(end).toISOString();
      const bucketMs = end - start > FINE_SPAN_MS ? HOUR_MS : BUCKET_MS;
      const points = new Map<number, { attempts: number; failures: number }>();
      for (const row of await deps.events.series(series, from, to)) {
        const at = Date.parse(row.bucket);
        const key = at - (at % bucketMs);
        const point = points.get(key) ?? { attempts: 0, failures: 0 };
        point.attempts += Number(row.attempts);
        point.failures += Number(row.failures);
        points.set(key, point);
      }
      const alerts = await deps.store.startedBetween(from, to, 200);
      return {
        stream: query.stream,
        from,
        to,
        bucketMinutes: bucketMs / 60_000,
        points: [...points]
          .sort((a, b) => a[0] - b[0])
          .map(([at, p]) => ({
            at: new Date(at).toISOString(),
            attempts: p.attempts,
            failures: p.failures,
            ratio: p.attempts > 0 ? p.failures / p.attempts : 0,
          })),
        alerts: alerts.map((alert) => ({
          id: alert.id,
          detector: alert.detector as DetectorName,
          severity: alert.severity as DetectionOverview['alerts'][number]['severity'],
          title: alert.title,
          at: alert.first_seen_at,
        })),
      };
    },
  };
}
