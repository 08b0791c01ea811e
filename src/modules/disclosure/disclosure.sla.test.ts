import { describe, expect, it } from 'vitest';
import { slaTargets } from '../../contracts/disclosure.js';
import { createBusinessCalendar } from '../../lib/business-calendar.js';
import { clocksOf, outcomeOf, quarterOf, type SlaFacts } from './disclosure.sla.js';

const targets = slaTargets.parse({});
const calendar = createBusinessCalendar({
  id: 'disclosure',
  name: 'Disclosure programme',
  timezone: 'UTC',
  weekend: [6, 7],
  extra: [],
  removed: [],
});
// Monday 2 February 2026, the day ShopCo's researcher reported the IDOR.
const received = '2026-02-02T09:00:00.000Z';
const open: SlaFacts = {
  status: 'new',
  severity: null,
  receivedAt: received,
  firstResponseAt: null,
  triagedAt: null,
  fixedAt: null,
  closedAt: null,
};

describe('SLA clocks', () => {
  it('counts first response and triage in business days from receipt', () => {
    const [first, triage] = clocksOf(open, targets, calendar, new Date('2026-02-03T09:00:00Z'));
    expect(first).toMatchObject({ dueAt: '2026-02-05T09:00:00.000Z', state: 'running' });
    // Ten business days skip two weekends.
    expect(triage).toMatchObject({ dueAt: '2026-02-16T09:00:00.000Z', state: 'running' });
    expect(first!.percentUsed).toBe(33.3);
  });

  it('stops a clock when its event is recorded, and judges it against the due time', () => {
    const answered = { ...open, firstResponseAt: '2026-02-03T08:00:00.000Z' };
    const [first] = clocksOf(answered, targets, calendar, new Date('2026-03-01T00:00:00Z'));
    expect(first).toMatchObject({ state: 'met', stoppedAt: '2026-02-03T08:00:00.000Z' });
    const late = { ...open, firstResponseAt: '2026-02-06T08:00:00.000Z' };
    expect(clocksOf(late, targets, calendar, new Date('2026-03-01'))[0]!.state).toBe('breached');
  });

  it('runs the fix clock from triage in calendar days by severity', () => {
    const triaged = {
      ...open,
      status: 'accepted' as const,
      severity: 'high' as const,
      firstResponseAt: '2026-02-02T12:00:00.000Z',
      triagedAt: '2026-02-03T09:00:00.000Z',
    };
    const clocks = clocksOf(triaged, targets, calendar, new Date('2026-03-06T09:00:00Z'));
    expect(clocks[2]).toMatchObject({
      clock: 'fix',
      dueAt: '2026-03-05T09:00:00.000Z',
      state: 'overdue',
    });
    expect(outcomeOf(clocks)).toBe('missed');
    const fixed = { ...triaged, fixedAt: '2026-02-20T10:00:00.000Z' };
    expect(outcomeOf(clocksOf(fixed, targets, calendar, new Date('2026-03-06')))).toBe('within');
  });

  it('has no fix clock without a severity that needs one, and a verdict stops the rest', () => {
    const spam = { ...open, status: 'spam' as const, closedAt: '2026-02-02T10:00:00.000Z' };
    const clocks = clocksOf(spam, targets, calendar, new Date('2026-06-01'));
    expect(clocks.map((c) => [c.clock, c.state])).toEqual([
      ['first_response', 'met'],
      ['triage', 'met'],
    ]);
    expect(outcomeOf(clocksOf(open, targets, calendar, new Date(received)))).toBe('pending');
  });

  it('names quarters in UTC', () => {
    expect(quarterOf('2026-03-31T23:59:59Z')).toBe('2026-Q1');
    expect(quarterOf('2026-04-01T00:00:00Z')).toBe('2026-Q2');
  });
});
