import type { DetectionOverview } from '../../api/detection.js';

export interface OverviewPoint {
  time: number;
  attempts: number;
  failures: number;
  /** Null where nobody tried to log in: there is no ratio to draw. */
  ratio: number | null;
}

/** Filling in empty steps stops here; beyond it the points are drawn as they come. */
const MAX_STEPS = 2_000;

/**
 * The overview as chart points on its time grid. The server sends only the steps that saw
 * logins; a step without any had none, so it is filled in as zero rather than drawn as a line
 * between its neighbours. The server's window reaches back two days from the newest data; where
 * the data starts later, the chart starts a step before it instead of drawing an empty day.
 */
export function chartPoints(overview: DetectionOverview): {
  start: number;
  end: number;
  points: OverviewPoint[];
} {
  const step = overview.bucketMinutes * 60_000;
  const from = Date.parse(overview.from);
  const end = Date.parse(overview.to);
  const sent: OverviewPoint[] = overview.points.map((point) => ({
    time: Date.parse(point.at),
    attempts: point.attempts,
    failures: point.failures,
    ratio: point.ratio,
  }));
  const times = [
    ...sent.map((point) => point.time),
    ...overview.alerts.map((a) => Date.parse(a.at)),
  ];
  const first = times.length > 0 ? Math.min(...times) : from;
  const start = Math.max(from, Math.floor(first / step) * step - step);
  if ((end - start) / step > MAX_STEPS) return { start, end, points: sent };

  const byTime = new Map(sent.map((point) => [point.time, point]));
  const points: OverviewPoint[] = [];
  for (let time = Math.ceil(start / step) * step; time < end; time += step)
    points.push(byTime.get(time) ?? { time, attempts: 0, failures: 0, ratio: null });
  return { start, end, points };
}
