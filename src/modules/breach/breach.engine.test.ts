import { describe, expect, it } from 'vitest';
import type { Decision, Obligation } from '../../contracts/breach.js';
import { computeObligations, type BreachFacts } from './breach.engine.js';
import { builtinRules, catalogue, group } from './breach.test-fixtures.js';

const { book, calendars } = builtinRules();
const aware = '2026-03-12T08:00:00.000Z';
const now = new Date('2026-03-13T08:00:00Z');

function facts(overrides: Partial<BreachFacts> = {}): BreachFacts {
  return {
    snapshot: {
      id: 'snap',
      takenAt: aware,
      customers: 2_000,
      groups: [
        group('DE', 1_000, ['email', 'order_history']),
        group('US-CA', 600, [], 'account_takeover'),
        group('US-CA', 400, ['email', 'password_hash']),
      ],
    },
    triggers: { aware, discovered: aware, determined: aware },
    catalogue,
    encryption: new Map(),
    decisions: [],
    ...overrides,
  };
}
const find = (report: { obligations: Obligation[] }, key: string) =>
  report.obligations.find((o) => o.key === key)!;
let seq = 0;
function decided(
  kind: Decision['kind'],
  obligationKey: string,
  details: Record<string, unknown>,
): Decision {
  seq++;
  return {
    id: `d${seq}`,
    incidentId: 'i',
    obligationKey,
    kind,
    details,
    justification: `decision number ${seq}`,
    decidedBy: 'u',
    decidedAt: `2026-03-13T0${seq % 10}:00:00.000Z`,
    withdrawnBy: null,
    withdrawnAt: null,
    timelineSeq: seq,
  };
}

describe('breach obligations', () => {
  it('adds up disjoint groups and says what reached whom, with the citation', () => {
    const ca = find(computeObligations(book, calendars, facts(), now), 'us-ca.residents');
    // 600 taken over, 400 whose email and password hash reached a vendor.
    expect(ca.affected).toBe(1_000);
    expect(ca.reasons[0]).toContain('Applies because 1,000 California residents had');
    expect(ca.reasons[0]).toContain('login credentials (account taken over) (600)');
    expect(ca.reasons[0]).toContain('Email address, Password hash (400)');
    expect(ca.reasons[0]).toContain('1798.82(h)');
    const ag = find(computeObligations(book, calendars, facts(), now), 'us-ca.attorney-general');
    expect(ag.considered.find((c) => c.kind === 'threshold')?.outcome).toBe('met');
  });

  it('leaves out data encrypted with a safe key, but never a taken-over login', () => {
    const report = computeObligations(
      book,
      calendars,
      facts({ encryption: new Map([['password_hash', 'encrypted']]) }),
      now,
    );
    const ca = find(report, 'us-ca.residents');
    expect(ca.affected).toBe(600);
    expect(ca.considered.find((c) => c.kind === 'safe_harbour')?.outcome).toBe('400 sheltered');
    // 600 is still more than 500.
    expect(find(report, 'us-ca.attorney-general').status).toBe('due');
    const compromised = computeObligations(
      book,
      calendars,
      facts({ encryption: new Map([['password_hash', 'key_compromised']]) }),
      now,
    );
    expect(find(compromised, 'us-ca.residents').affected).toBe(1_000);
  });

  it('applies the version in force on the trigger date', () => {
    const before = computeObligations(
      book,
      calendars,
      facts({ triggers: { discovered: '2019-06-01T00:00:00.000Z' } }),
      now,
    );
    const ca = find(before, 'us-ca.residents');
    expect(ca.version).toBe('2003-07-01');
    expect(ca.due).toBeNull();
    expect(find(before, 'us-tx.attorney-general').reasons[0]).toContain('Not in force');
  });

  it('follows documented decisions: an unlikely risk exempts, a likely one brings a conditional duty', () => {
    const report = computeObligations(
      book,
      calendars,
      facts({
        decisions: [
          decided('risk_assessment', 'eu-gdpr.art33:DE', { conclusion: 'unlikely' }),
          decided('risk_assessment', 'eu-gdpr.art34', { conclusion: 'likely' }),
        ],
      }),
      now,
    );
    expect(find(report, 'eu-gdpr.art33:DE').status).toBe('exempt');
    expect(find(report, 'eu-gdpr.art33:DE').due).toBeNull();
    expect(find(report, 'eu-gdpr.art34')).toMatchObject({ status: 'due', due: null });
    const withdrawn = decided('not_applicable', 'us-sec.form-8k', {});
    const kept = computeObligations(
      book,
      calendars,
      facts({ decisions: [{ ...withdrawn, withdrawnAt: aware }] }),
      now,
    );
    expect(find(kept, 'us-sec.form-8k').status).toBe('waiting_for_trigger');
  });

  it('holds the clock for a law-enforcement delay, then moves the deadline by its length', () => {
    const ongoing = computeObligations(
      book,
      calendars,
      facts({
        decisions: [
          decided('law_enforcement_delay', 'us-ca.residents', {
            from: aware,
            until: null,
            agency: 'FBI',
          }),
        ],
      }),
      now,
    );
    expect(find(ongoing, 'us-ca.residents')).toMatchObject({ status: 'paused', due: null });
    const ended = computeObligations(
      book,
      calendars,
      facts({
        decisions: [
          decided('law_enforcement_delay', 'us-ca.residents', {
            from: aware,
            until: '2026-03-22T08:00:00.000Z',
            agency: 'FBI',
          }),
        ],
      }),
      now,
    );
    expect(find(ended, 'us-ca.residents')).toMatchObject({
      status: 'due',
      due: '2026-04-21T08:00:00.000Z',
      pausedHours: 240,
    });
  });

  it('counts a duty that follows another from when that one was done, and says when it was late', () => {
    const report = computeObligations(
      book,
      calendars,
      facts({
        decisions: [
          decided('notice_given', 'us-ca.residents', {
            at: '2026-04-20T00:00:00.000Z',
            reference: 'campaign 1',
          }),
        ],
      }),
      new Date('2026-05-01T00:00:00Z'),
    );
    const residents = find(report, 'us-ca.residents');
    expect(residents).toMatchObject({
      status: 'done',
      late: true,
      doneAt: '2026-04-20T00:00:00.000Z',
    });
    const ag = find(report, 'us-ca.attorney-general');
    expect(ag.starts).toMatchObject({ projected: false, at: '2026-04-20T00:00:00.000Z' });
    expect(ag).toMatchObject({ due: '2026-05-05T00:00:00.000Z', late: false });
  });

  it('lists customers of no known jurisdiction apart, with a warning', () => {
    const base = facts();
    const report = computeObligations(
      book,
      calendars,
      facts({
        snapshot: {
          ...base.snapshot!,
          groups: [
            ...base.snapshot!.groups,
            {
              country: null,
              region: null,
              known: false,
              categories: ['email'],
              via: 'vendor',
              customers: 7,
            },
          ],
        },
      }),
      now,
    );
    expect(report.unknownJurisdiction?.customers).toBe(7);
    expect(report.unknownJurisdiction?.warning).toContain('no known jurisdiction');
    // Nobody unknown is counted under a residents' law.
    expect(find(report, 'us-ca.residents').affected).toBe(1_000);
  });

  it('without a scope, works out only what follows the shop and says so', () => {
    const report = computeObligations(book, calendars, facts({ snapshot: null }), now);
    expect(report.warnings[0]).toContain('No scope snapshot');
    expect(report.obligations.filter((o) => o.status !== 'not_required').map((o) => o.key)).toEqual(
      ['us-sec.form-8k'],
    );
  });
});
