import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INTEGRATION_KINDS, INTEGRATION_STATUSES } from '../../contracts/vendors.js';
import { assessRisk, initialRisk, tierFor, type CatalogueEntry } from './vendors.risk.js';
import type { IntegrationFacts } from './vendors.types.js';

const catalogue = new Map<string, CatalogueEntry>(
  (
    [
      ['name', 'Name', 'low'],
      ['email', 'Email address', 'moderate'],
      ['phone', 'Phone number', 'moderate'],
      ['password_hash', 'Password hash', 'high'],
      ['order_history', 'Order history', 'moderate'],
      ['payment_card_pan', 'Payment card number (PAN)', 'critical'],
    ] as const
  ).map(([key, name, sensitivity]) => [key, { key, name, sensitivity }]),
);

function integration(facts: Partial<IntegrationFacts>): IntegrationFacts {
  return {
    id: 'i1',
    name: 'Integration',
    kind: 'server_api_client',
    status: 'active',
    declaredCategories: [],
    ...facts,
  };
}

const factor = (risk: ReturnType<typeof assessRisk>, name: string) =>
  risk.factors.find((f) => f.name === name)!;

describe('inherent risk', () => {
  it('starts a new vendor at the bottom, saying why', () => {
    const risk = initialRisk();
    expect(risk).toMatchObject({ tier: 'low', score: 1 });
    expect(risk.factors.map((f) => [f.name, f.score, f.detail])).toEqual([
      ['sensitivity', 1, 'no data categories declared or seen in the ledger'],
      ['reach', 1, 'no sharing reported yet'],
      ['exposure', 1, 'no integrations'],
    ]);
  });

  it('rates Authenticator Inc. critical: password hashes of every customer, server access', () => {
    const risk = assessRisk({
      integrations: [
        integration({
          name: 'Customer login (SSO)',
          declaredCategories: ['name', 'email', 'phone', 'password_hash'],
        }),
      ],
      observedCategories: ['name', 'email'],
      customersReached: 750_000,
      catalogue,
    });
    expect(risk).toMatchObject({ tier: 'critical', score: 36 });
    expect(factor(risk, 'sensitivity')).toEqual({
      name: 'sensitivity',
      label: 'High-sensitivity data',
      score: 3,
      detail:
        'most sensitive: Password hash (high); declared: Name, Email address, Phone number, Password hash',
    });
    expect(factor(risk, 'reach')).toMatchObject({ score: 4, detail: '750,000 customers reached' });
    expect(factor(risk, 'exposure')).toMatchObject({
      score: 3,
      label: 'Server-side API access',
      detail: '"Customer login (SSO)" calls the shop API with its own credentials',
    });
  });

  it('names categories the ledger saw but the integration never declared (Vendor X)', () => {
    const risk = assessRisk({
      integrations: [integration({ declaredCategories: ['email', 'order_history'] })],
      observedCategories: ['email', 'phone', 'order_history'],
      customersReached: 612_000,
      catalogue,
    });
    expect(risk).toMatchObject({ tier: 'high', score: 24 });
    expect(factor(risk, 'sensitivity').detail).toBe(
      'most sensitive: Email address (moderate); declared: Email address, Order history; seen in the ledger but not declared: Phone number',
    );
    expect(factor(risk, 'reach').detail).toBe('612,000 customers reached');
  });

  it.each([
    [0, 1, 'no sharing reported yet'],
    [1, 1, '1 customer reached'],
    [999, 1, '999 customers reached'],
    [1_000, 2, '1,000 customers reached'],
    [9_999, 2, '9,999 customers reached'],
    [10_000, 3, '10,000 customers reached'],
    [99_999, 3, '99,999 customers reached'],
    [100_000, 4, '100,000 customers reached'],
  ])('scores a reach of %i customers as %i', (customers, score, detail) => {
    const risk = assessRisk({
      integrations: [],
      observedCategories: [],
      customersReached: customers,
      catalogue,
    });
    expect(factor(risk, 'reach')).toMatchObject({ score, detail });
  });

  it('takes the most exposed live integration and ignores retired ones', () => {
    const script = integration({ id: 's', name: 'Checkout widget', kind: 'browser_script' });
    const hook = integration({ id: 'w', name: 'Order events', kind: 'webhook_subscriber' });
    const inputs = { observedCategories: [], customersReached: 0, catalogue };
    expect(factor(assessRisk({ ...inputs, integrations: [hook, script] }), 'exposure')).toEqual({
      name: 'exposure',
      label: 'Script on shop pages',
      score: 4,
      detail:
        '"Checkout widget" runs on shop pages and sees everything typed (the most exposed of 2 live integrations)',
    });
    const retired = { ...script, status: 'retired' as const };
    expect(factor(assessRisk({ ...inputs, integrations: [hook, retired] }), 'exposure').score).toBe(
      2,
    );
    expect(factor(assessRisk({ ...inputs, integrations: [retired] }), 'exposure')).toMatchObject({
      score: 1,
      detail: 'all its integrations are retired',
    });
  });

  it('still counts the data a retired integration declared', () => {
    const risk = assessRisk({
      integrations: [integration({ status: 'retired', declaredCategories: ['payment_card_pan'] })],
      observedCategories: [],
      customersReached: 0,
      catalogue,
    });
    expect(factor(risk, 'sensitivity')).toMatchObject({ score: 4, label: 'Critical data' });
  });

  it.each([
    [64, 'critical'],
    [27, 'critical'],
    [26, 'high'],
    [12, 'high'],
    [11, 'medium'],
    [4, 'medium'],
    [3, 'low'],
    [1, 'low'],
  ])('puts a score of %i in tier %s', (score, tier) => {
    expect(tierFor(score)).toBe(tier);
  });

  it('always scores the product of its three factors, each 1 to 4', () => {
    const facts = fc.record({
      id: fc.uuid(),
      name: fc.string(),
      kind: fc.constantFrom(...INTEGRATION_KINDS),
      status: fc.constantFrom(...INTEGRATION_STATUSES),
      declaredCategories: fc.subarray([...catalogue.keys(), 'not_in_catalogue']),
    });
    fc.assert(
      fc.property(
        fc.array(facts, { maxLength: 5 }),
        fc.subarray([...catalogue.keys()]),
        fc.nat(2_000_000),
        (integrations, observedCategories, customersReached) => {
          const risk = assessRisk({
            integrations,
            observedCategories,
            customersReached,
            catalogue,
          });
          const scores = risk.factors.map((f) => f.score);
          expect(scores.every((s) => s >= 1 && s <= 4)).toBe(true);
          expect(risk.score).toBe(scores[0]! * scores[1]! * scores[2]!);
          expect(risk.tier).toBe(tierFor(risk.score));
        },
      ),
    );
  });
});
