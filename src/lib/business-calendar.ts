import Holidays from 'date-holidays';
import { DateTime } from 'luxon';
import type { BreachCalendar } from '../contracts/breach-rules.js';

/** Business days of one jurisdiction: its weekend, its public holidays and the shop's own. */
export interface BusinessCalendar {
  readonly id: string;
  readonly timezone: string;
  /** Whether a local day (YYYY-MM-DD) is a working day. */
  isBusinessDay(day: string): boolean;
  /**
   * The same local time on the `days`-th business day after the one `from` falls on. The day
   * the clock starts never counts, whatever it is; a deadline therefore always lands on a
   * business day.
   */
  addBusinessDays(from: Date, days: number): Date;
}

/**
 * Public holidays come from date-holidays (maintained per country, with substitute days);
 * `extra` adds days it lacks and `removed` takes out ones it has wrongly, so counsel can
 * correct a calendar without code.
 */
export function createBusinessCalendar(calendar: BreachCalendar): BusinessCalendar {
  const library = calendar.publicHolidays
    ? new Holidays(calendar.publicHolidays.country, calendar.publicHolidays.state ?? '')
    : null;
  const extra = new Set(calendar.extra.map((day) => day.date));
  const removed = new Set(calendar.removed);
  const weekend = new Set(calendar.weekend);
  const byYear = new Map<number, Set<string>>();

  function holidaysOf(year: number): Set<string> {
    let days = byYear.get(year);
    if (!days) {
      days = new Set(
        (library?.getHolidays(year) ?? [])
          .filter((holiday) => holiday.type === 'public')
          .map((holiday) => holiday.date.slice(0, 10)),
      );
      byYear.set(year, days);
    }
    return days;
  }

  function isBusinessDay(day: string): boolean {
    const local = DateTime.fromISO(day, { zone: calendar.timezone });
    if (weekend.has(local.weekday)) return false;
    if (extra.has(day)) return false;
    if (removed.has(day)) return true;
    return !holidaysOf(local.year).has(day);
  }

  return {
    id: calendar.id,
    timezone: calendar.timezone,
    isBusinessDay,
    addBusinessDays(from, days) {
      let local = DateTime.fromJSDate(from, { zone: calendar.timezone });
      for (let counted = 0; counted < days;) {
        local = local.plus({ days: 1 });
        if (isBusinessDay(local.toISODate()!)) counted++;
      }
      return local.toJSDate();
    },
  };
}
