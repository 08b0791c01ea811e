import { describe, expect, it } from 'vitest';
import { createBusinessCalendar } from './business-calendar.js';

const brazil = createBusinessCalendar({
  id: 'BR',
  name: 'Brazil',
  timezone: 'America/Sao_Paulo',
  weekend: [6, 7],
  publicHolidays: { country: 'BR' },
  extra: [],
  removed: [],
});
const federal = createBusinessCalendar({
  id: 'US-FEDERAL',
  name: 'US federal',
  timezone: 'America/New_York',
  weekend: [6, 7],
  publicHolidays: { country: 'US' },
  extra: [{ date: '2026-12-24', name: 'Closed by executive order' }],
  removed: ['2026-11-11'],
});

describe('business-day calendars', () => {
  it('skips weekends and public holidays, keeping the local time', () => {
    // Thursday 2 April 2026, 10:00 in São Paulo; Good Friday is a holiday.
    expect(brazil.addBusinessDays(new Date('2026-04-02T13:00:00Z'), 3).toISOString()).toBe(
      '2026-04-08T13:00:00.000Z',
    );
    // The day before Thanksgiving: Friday, Monday, Tuesday, Wednesday.
    expect(federal.addBusinessDays(new Date('2026-11-25T20:00:00Z'), 4).toISOString()).toBe(
      '2026-12-02T20:00:00.000Z',
    );
  });

  it('keeps the wall-clock time across a change to summer time', () => {
    // Friday 6 March 2026, noon EST; clocks go forward on Sunday 8 March.
    expect(federal.addBusinessDays(new Date('2026-03-06T17:00:00Z'), 4).toISOString()).toBe(
      '2026-03-12T16:00:00.000Z',
    );
  });

  it('takes the shop’s own days off and corrections', () => {
    expect(federal.isBusinessDay('2026-12-24')).toBe(false);
    expect(federal.isBusinessDay('2026-11-11')).toBe(true); // Veterans Day removed
    expect(federal.isBusinessDay('2026-12-25')).toBe(false);
    expect(federal.isBusinessDay('2026-12-26')).toBe(false); // a Saturday
  });
});
