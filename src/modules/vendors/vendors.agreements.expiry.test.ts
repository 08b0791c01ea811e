import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, expiryMessage, isExpiryDue, noticeDays } from './vendors.agreements.expiry.js';

const terms = (expiresOn: string | null, renewal: number | null = null) => ({
  expiresOn,
  renewalNoticeDays: renewal,
  terminationNoticeDays: null as number | null,
});

describe('agreement expiry', () => {
  it('adds calendar days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-03-12', 30)).toBe('2026-04-11');
    expect(addDays('2026-12-20', 12)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });

  it('uses the longer notice term, and never less than 30 days', () => {
    expect(noticeDays(terms('2026-12-31'))).toBe(30);
    expect(noticeDays(terms('2026-12-31', 10))).toBe(30);
    expect(noticeDays({ ...terms('2026-12-31', 60), terminationNoticeDays: 90 })).toBe(90);
  });

  it('is due inside the notice window and after expiry, never without a date', () => {
    const today = '2026-03-12';
    expect(isExpiryDue(terms('2026-04-11'), today)).toBe(true);
    expect(isExpiryDue(terms('2026-04-12'), today)).toBe(false);
    expect(isExpiryDue(terms('2026-06-01', 90), today), 'renewal notice').toBe(true);
    expect(isExpiryDue(terms('2019-01-01'), today)).toBe(true);
    expect(isExpiryDue(terms(null, 3650), today)).toBe(false);
  });

  it('agrees with day arithmetic on epoch milliseconds', () => {
    const day = fc.integer({ min: 0, max: 40_000 }).map((n) => new Date(n * 86_400_000));
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 3650 }), (start, days) => {
        const expected = new Date(start.getTime() + days * 86_400_000).toISOString().slice(0, 10);
        expect(addDays(start.toISOString().slice(0, 10), days)).toBe(expected);
      }),
    );
  });

  it('summarises every agreement in one message', () => {
    const message = expiryMessage(
      [
        { ...terms('2026-01-31'), vendorName: 'CloudHost Ltd', type: 'SLA', title: 'Hosting SLA' },
        { ...terms('2026-04-01', 60), vendorName: 'Vendor X', type: 'DPA', title: 'DPA' },
      ],
      '2026-03-12',
    );
    expect(message.subject).toBe('2 vendor agreements expiring');
    expect(message.text).toContain('- CloudHost Ltd: SLA "Hosting SLA" expired on 2026-01-31');
    expect(message.text).toContain(
      '- Vendor X: DPA "DPA" expires on 2026-04-01 (notice period 60 days)',
    );
  });
});
