import type { BreachRuleVersion } from '../../contracts/breach-rules.js';
import type { BusinessCalendar } from '../../lib/business-calendar.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * When a deadline falls, counted from its start. Hours and calendar days are counted as
 * elapsed time from the instant (a day is 24 hours), so no zone is needed and a change of
 * clocks cannot move a deadline later; business days are the same local time on the n-th
 * working day of the rule's calendar. Null where the law sets no fixed time.
 */
export function deadlineFrom(
  start: Date,
  deadline: BreachRuleVersion['deadline'],
  calendars: ReadonlyMap<string, BusinessCalendar>,
): Date | null {
  switch (deadline.kind) {
    case 'hours':
      return new Date(start.getTime() + deadline.amount * HOUR);
    case 'calendar_days':
      return new Date(start.getTime() + deadline.amount * DAY);
    case 'business_days': {
      const calendar = calendars.get(deadline.calendar);
      // The rule book refuses a rule naming an unknown calendar, so this cannot happen.
      if (!calendar) throw new Error(`no business calendar ${deadline.calendar}`);
      return calendar.addBusinessDays(start, deadline.amount);
    }
    case 'no_fixed_time':
      return null;
  }
}

export interface Pause {
  from: Date;
  /** Null while it lasts. */
  until: Date | null;
}

/**
 * A law-enforcement delay holds the clock: the deadline moves by the time it lasted. While it
 * lasts there is no deadline at all, which is why the clock never counts from "now".
 */
export function pausedDeadline(
  due: Date | null,
  pauses: readonly Pause[],
): { due: Date | null; pausedMs: number; ongoing: boolean } {
  const ongoing = pauses.some((pause) => pause.until === null);
  const pausedMs = pauses.reduce(
    (sum, pause) =>
      sum + (pause.until ? Math.max(0, pause.until.getTime() - pause.from.getTime()) : 0),
    0,
  );
  if (ongoing || due === null) return { due: null, pausedMs, ongoing };
  return { due: new Date(due.getTime() + pausedMs), pausedMs, ongoing };
}

/** How far through its time a clock is (0 at the start, 1 at the deadline), for alerts. */
export function elapsedShare(start: Date, due: Date, now: Date): number {
  const span = due.getTime() - start.getTime();
  if (span <= 0) return 1;
  return (now.getTime() - start.getTime()) / span;
}
