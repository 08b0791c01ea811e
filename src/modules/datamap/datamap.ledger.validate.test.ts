import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sharingEvent } from '../../contracts/datamap.js';
import { validateSharingEvent } from './datamap.ledger.validate.js';

const valid = {
  id: 'evt-1',
  integration: '7c9e6679-7425-40de-944b-e07fc1f66ae7',
  customer: 'C0000001',
  categories: ['email', 'order_history'],
  records: 3,
  at: '2026-01-15T10:00:00Z',
};

/** Values near the valid shape, so both paths are exercised, not just obvious garbage. */
const nearlyValid = fc.record(
  {
    id: fc.oneof(fc.string({ maxLength: 210 }), fc.integer()),
    integration: fc.oneof(fc.constant(valid.integration), fc.uuid(), fc.string()),
    customer: fc.oneof(fc.constant('C1'), fc.string({ maxLength: 110 })),
    categories: fc.oneof(
      fc.constant(valid.categories),
      fc.array(fc.oneof(fc.constant('email'), fc.string()), { maxLength: 3 }),
    ),
    records: fc.oneof(fc.integer(), fc.double(), fc.constant(-1), fc.string()),
    at: fc.oneof(
      fc.constant(valid.at),
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      fc.constant('2026-02-30T10:00:00Z'),
      fc.constant('2026-01-15T10:00:00+01:00'),
      fc.string(),
    ),
    extra: fc.string(),
  },
  { requiredKeys: [] },
);

describe('validateSharingEvent', () => {
  it('accepts and returns exactly what the Zod contract accepts and returns', () => {
    fc.assert(
      fc.property(nearlyValid, (value) => {
        const fast = validateSharingEvent(value);
        const zod = sharingEvent.safeParse(value);
        expect('event' in fast).toBe(zod.success);
        if ('event' in fast && zod.success) expect(fast.event).toEqual(zod.data);
      }),
      { numRuns: 2000 },
    );
  });

  it('names the offending field', () => {
    expect(validateSharingEvent({ ...valid, at: 'yesterday' })).toMatchObject({ field: 'at' });
    expect(validateSharingEvent({ ...valid, categories: [] })).toMatchObject({
      field: 'categories',
    });
    expect(validateSharingEvent({ ...valid, surprise: 1 })).toMatchObject({ message: /surprise/ });
  });
});
