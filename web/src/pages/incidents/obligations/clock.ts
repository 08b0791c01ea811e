import type { Obligation } from '../../../api/breach.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Beyond four days, hours stop being easy to read: "29 d 23 h" rather than "719 h". */
const DAYS_FROM = 96 * HOUR;

export type ClockLevel = 'early' | 'halfway' | 'urgent' | 'overdue';

export interface ClockReading {
  /** "61 h 20 min left", "overdue by 5 h". */
  text: string;
  level: ClockLevel;
  /** Share of the time from the clock's start to the due time already gone, 0–100; null without a start. */
  percentGone: number | null;
}

export const clockColors: Record<ClockLevel, string> = {
  early: 'teal',
  halfway: 'yellow',
  urgent: 'red',
  overdue: 'red',
};

/** What the colour means, in words, for readers who cannot tell the colours apart. */
export const clockLevelLabels: Record<ClockLevel, string> = {
  early: 'under half the time gone',
  halfway: 'over half the time gone',
  urgent: 'over 80% of the time gone',
  overdue: 'overdue',
};

/** A span of time as people say it: "61 h 20 min", "45 min", "12 d 4 h". */
export function formatSpan(ms: number): string {
  const minutes = Math.floor(ms / MINUTE);
  if (ms >= DAYS_FROM) {
    const hours = Math.floor(ms / HOUR);
    const days = Math.floor(hours / 24);
    const rest = hours % 24;
    return rest ? `${days} d ${rest} h` : `${days} d`;
  }
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  return rest ? `${hours} h ${rest} min` : `${hours} h`;
}

/**
 * How an obligation's clock stands at `now`: time left (or how late), and a level from the
 * share of time gone between the clock's start and its due time (the same 50% and 80% marks
 * the alert mails use). Null when the obligation has no due time.
 */
export function readClock(obligation: Obligation, now: number): ClockReading | null {
  if (obligation.due === null) return null;
  const due = Date.parse(obligation.due);
  const start = obligation.starts.at === null ? null : Date.parse(obligation.starts.at);
  const left = due - now;
  const percentGone =
    start !== null && due > start
      ? Math.min(100, Math.max(0, Math.round(((now - start) / (due - start)) * 100)))
      : null;
  if (left <= 0 || obligation.late)
    return { text: `overdue by ${formatSpan(Math.max(0, -left))}`, level: 'overdue', percentGone };
  const share = percentGone ?? 0;
  const level: ClockLevel = share >= 80 ? 'urgent' : share >= 50 ? 'halfway' : 'early';
  return { text: `${formatSpan(left)} left`, level, percentGone };
}

/** Owed obligations with a due time, soonest first. */
export function soonestDue(obligations: readonly Obligation[]): Obligation[] {
  return obligations
    .filter((obligation) => obligation.due !== null)
    .sort((a, b) => Date.parse(a.due ?? '') - Date.parse(b.due ?? ''));
}
