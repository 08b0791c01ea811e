import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Obligation } from '../../contracts/breach.js';
import { computeObligations, type BreachFacts } from './breach.engine.js';
import type { ScopeGroup } from './breach.coverage.js';
import { BUILTIN_RULES_DIR } from './breach.rules.load.js';
import { builtinRules, catalogue, group } from './breach.test-fixtures.js';

/**
 * Every seeded rule, one row each: who it concerns, what brings it, and the obligation it must
 * produce from fixed trigger times. A rule file without a row here fails the last test.
 */
const triggers: BreachFacts['triggers'] = {
  suspected: '2026-03-10T02:40:00.000Z',
  aware: '2026-03-12T08:00:00.000Z', // a Thursday
  discovered: '2026-03-12T08:00:00.000Z',
  determined: '2026-03-13T12:00:00.000Z', // a Friday
  materiality_decided: '2026-03-13T15:00:00.000Z', // 11:00 in New York (EDT)
};
const takeover = (place: string, customers: number) =>
  group(place, customers, [], 'account_takeover');
const namedId = (place: string, customers: number) =>
  group(place, customers, ['name', 'government_id']);

interface Row {
  rule: string;
  key?: string;
  scope: (count: number) => ScopeGroup[];
  /** The smallest count that brings the duty (a threshold), else 1. */
  least?: number;
  recipient: Obligation['recipient'];
  status: Obligation['status'];
  due: string | null;
}
const rows: Row[] = [
  {
    rule: 'eu-gdpr.art33',
    key: 'eu-gdpr.art33:DE',
    scope: (c) => [group('DE', c, ['email'])],
    recipient: 'supervisory_authority',
    status: 'due',
    due: '2026-03-15T08:00:00.000Z',
  },
  {
    rule: 'eu-gdpr.art34',
    scope: (c) => [group('FR', c, ['email'])],
    recipient: 'individuals',
    status: 'assessment_needed',
    due: null,
  },
  {
    rule: 'gb-uk-gdpr.art33',
    scope: (c) => [group('GB', c, ['order_history'])],
    recipient: 'supervisory_authority',
    status: 'due',
    due: '2026-03-15T08:00:00.000Z',
  },
  {
    rule: 'gb-uk-gdpr.art34',
    scope: (c) => [group('GB', c, ['email'])],
    recipient: 'individuals',
    status: 'assessment_needed',
    due: null,
  },
  {
    rule: 'us-ca.residents',
    scope: (c) => [takeover('US-CA', c)],
    recipient: 'individuals',
    status: 'due',
    due: '2026-04-11T08:00:00.000Z',
  },
  // Fifteen days after the residents' notice, projected from its deadline until it is given.
  {
    rule: 'us-ca.attorney-general',
    scope: (c) => [takeover('US-CA', c)],
    least: 501,
    recipient: 'attorney_general',
    status: 'due',
    due: '2026-04-26T08:00:00.000Z',
  },
  {
    rule: 'us-co.residents',
    scope: (c) => [namedId('US-CO', c)],
    recipient: 'individuals',
    status: 'due',
    due: '2026-04-12T12:00:00.000Z',
  },
  {
    rule: 'us-co.attorney-general',
    scope: (c) => [namedId('US-CO', c)],
    least: 500,
    recipient: 'attorney_general',
    status: 'due',
    due: '2026-04-12T12:00:00.000Z',
  },
  {
    rule: 'us-co.credit-bureaus',
    scope: (c) => [takeover('US-CO', c)],
    least: 1001,
    recipient: 'credit_bureaus',
    status: 'due',
    due: null,
  },
  {
    rule: 'us-fl.individuals',
    scope: (c) => [takeover('US-FL', c)],
    recipient: 'individuals',
    status: 'due',
    due: '2026-04-12T12:00:00.000Z',
  },
  {
    rule: 'us-fl.department',
    scope: (c) => [takeover('US-FL', c)],
    least: 500,
    recipient: 'attorney_general',
    status: 'due',
    due: '2026-04-12T12:00:00.000Z',
  },
  {
    rule: 'us-fl.credit-bureaus',
    scope: (c) => [namedId('US-FL', c)],
    least: 1001,
    recipient: 'credit_bureaus',
    status: 'due',
    due: null,
  },
  {
    rule: 'us-wa.residents',
    scope: (c) => [takeover('US-WA', c)],
    recipient: 'individuals',
    status: 'due',
    due: '2026-04-11T08:00:00.000Z',
  },
  {
    rule: 'us-wa.attorney-general',
    scope: (c) => [takeover('US-WA', c)],
    least: 501,
    recipient: 'attorney_general',
    status: 'due',
    due: '2026-04-11T08:00:00.000Z',
  },
  {
    rule: 'us-tx.individuals',
    scope: (c) => [namedId('US-TX', c)],
    recipient: 'individuals',
    status: 'due',
    due: '2026-05-12T12:00:00.000Z',
  },
  {
    rule: 'us-tx.attorney-general',
    scope: (c) => [namedId('US-TX', c)],
    least: 250,
    recipient: 'attorney_general',
    status: 'due',
    due: '2026-04-12T12:00:00.000Z',
  },
  {
    rule: 'us-tx.credit-bureaus',
    scope: (c) => [namedId('US-TX', c)],
    least: 10_001,
    recipient: 'credit_bureaus',
    status: 'due',
    due: null,
  },
  {
    rule: 'ca-pipeda.commissioner',
    scope: (c) => [group('CA', c, ['email'])],
    recipient: 'supervisory_authority',
    status: 'assessment_needed',
    due: null,
  },
  {
    rule: 'ca-pipeda.individuals',
    scope: (c) => [group('CA', c, ['email'])],
    recipient: 'individuals',
    status: 'assessment_needed',
    due: null,
  },
  {
    rule: 'au-ndb.assessment',
    scope: (c) => [group('AU', c, ['email'])],
    recipient: 'internal',
    status: 'due',
    due: '2026-04-09T02:40:00.000Z',
  },
  {
    rule: 'au-ndb.commissioner',
    scope: (c) => [group('AU', c, ['email'])],
    recipient: 'supervisory_authority',
    status: 'assessment_needed',
    due: null,
  },
  // Three business days in São Paulo: Friday, Monday, Tuesday.
  {
    rule: 'br-lgpd.anpd',
    scope: (c) => [group('BR', c, ['email'])],
    recipient: 'supervisory_authority',
    status: 'assessment_needed',
    due: '2026-03-17T08:00:00.000Z',
  },
  {
    rule: 'br-lgpd.data-subjects',
    scope: (c) => [group('BR', c, ['email'])],
    recipient: 'individuals',
    status: 'assessment_needed',
    due: '2026-03-17T08:00:00.000Z',
  },
  // Four business days in New York after Friday: Monday to Thursday.
  {
    rule: 'us-sec.form-8k',
    scope: (c) => [group('DE', c, ['email'])],
    recipient: 'securities_regulator',
    status: 'due',
    due: '2026-03-19T15:00:00.000Z',
  },
  {
    rule: 'pci-dss.card-brands',
    scope: (c) => [group('GB', c, ['payment_card_pan'])],
    recipient: 'card_brands',
    status: 'due',
    due: null,
  },
];

const { book, calendars } = builtinRules();
const now = new Date('2026-03-14T00:00:00Z');
function obligation(row: Row, count: number): Obligation {
  const report = computeObligations(
    book,
    calendars,
    {
      snapshot: { id: 's', takenAt: now.toISOString(), customers: count, groups: row.scope(count) },
      triggers,
      catalogue,
      encryption: new Map(),
      decisions: [],
    },
    now,
  );
  const found = report.obligations.find((o) => o.key === (row.key ?? row.rule));
  if (!found) throw new Error(`no obligation ${row.key ?? row.rule}`);
  return found;
}

describe('the seeded breach rules', () => {
  it.each(rows)('$rule gives its duty, deadline and reasons', (row) => {
    const least = row.least ?? 1;
    const owed = obligation(row, least);
    expect(owed).toMatchObject({ recipient: row.recipient, status: row.status, due: row.due });
    expect(owed.affected).toBe(least);
    expect(owed.reasons[0]).toMatch(/^Applies /);
    expect(owed.citation?.url).toMatch(/^https?:\/\//);
    if (row.least) {
      const under = obligation(row, least - 1);
      expect(under.status).toBe('not_required');
      expect(under.reasons.join(' ')).toContain('Not required');
    }
  });

  it('has a row above for every rule file, and every version is cited and says how it was checked', () => {
    const files = readdirSync(BUILTIN_RULES_DIR).filter((name) => name.endsWith('.yaml'));
    expect(book.rules).toHaveLength(files.length);
    expect(rows.map((row) => row.rule).sort()).toEqual(book.rules.map((rule) => rule.id).sort());
    for (const rule of book.rules)
      for (const version of rule.versions) {
        expect(version.citation.statute.length, rule.id).toBeGreaterThan(5);
        expect(version.verified.sources.length, rule.id).toBeGreaterThan(0);
      }
  });

  it('counts nobody outside the jurisdiction and no data the law does not cover', () => {
    const texas = rows.find((row) => row.rule === 'us-tx.individuals')!;
    // Login credentials are not "sensitive personal information" in Texas.
    const credentials = obligation({ ...texas, scope: (c) => [takeover('US-TX', c)] }, 300);
    expect(credentials.status).toBe('not_required');
    const elsewhere = obligation({ ...texas, scope: (c) => [namedId('US-CA', c)] }, 300);
    expect(elsewhere.reasons[0]).toContain('no Texas residents');
  });
});
