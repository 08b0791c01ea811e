import { formatDateTime } from '../../lib/format.js';

/** Charts here put time on a numeric axis (epoch ms), so gaps in time show as gaps. */
const tickFormat = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** A short local date and time for axis ticks. */
export function formatTick(value: number): string {
  return Number.isFinite(value) ? tickFormat.format(new Date(value)) : '';
}

/** The tooltip's label: the full instant in the reader's zone (recharts may pass nothing). */
export function formatInstant(value: unknown): string {
  const ms = typeof value === 'number' ? value : Number(value);
  return value === undefined || value === null || !Number.isFinite(ms)
    ? ''
    : formatDateTime(new Date(ms).toISOString());
}

/** XAxis props for a time axis over `domain` (epoch ms, or recharts' data bounds). */
export function timeAxisProps(domain: [number | string, number | string]) {
  return {
    type: 'number' as const,
    scale: 'time' as const,
    domain,
    tickFormatter: formatTick,
  };
}
