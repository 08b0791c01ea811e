import { describe, expect, it } from 'vitest';
import { withTakeovers, type ScopeCounts } from './incidents.scope.merge.js';

const vendor: ScopeCounts = {
  customers: 2,
  unknownCustomers: 0,
  byCategory: [{ key: 'email', name: 'Email', customers: 2 }],
  byJurisdiction: [{ country: 'US', region: 'CA', customers: 2 }],
  groups: [
    {
      country: 'US',
      region: 'CA',
      known: true,
      categories: ['email'],
      via: 'vendor',
      customers: 2,
    },
  ],
};

describe('scope with taken-over accounts', () => {
  it('counts a victim the vendor reached once, and a new one by where they live', () => {
    const { counts, refs } = withTakeovers(
      vendor,
      ['C2', 'C1'],
      ['C2', 'C9', 'C9', 'C7'],
      new Map([
        ['C2', { country: 'US', region: 'CA' }],
        ['C9', { country: 'DE', region: null }],
      ]),
      new Map([['C2', ['email']]]),
    );
    expect(refs).toEqual(['C2', 'C1', 'C7', 'C9']);
    expect(counts.customers).toBe(4);
    expect(counts.unknownCustomers).toBe(1); // C7 is not in the directory
    expect(counts.byJurisdiction).toEqual([
      { country: 'US', region: 'CA', customers: 2 },
      { country: 'DE', region: null, customers: 1 },
    ]);
    // C2 leaves the vendor group for a takeover group that keeps what the vendor received.
    expect(counts.groups).toEqual([
      { ...vendor.groups[0], customers: 1 },
      {
        country: 'US',
        region: 'CA',
        known: true,
        categories: ['email'],
        via: 'account_takeover',
        customers: 1,
      },
      {
        country: 'DE',
        region: null,
        known: true,
        categories: [],
        via: 'account_takeover',
        customers: 1,
      },
      {
        country: null,
        region: null,
        known: false,
        categories: [],
        via: 'account_takeover',
        customers: 1,
      },
    ]);
    expect(counts.byCategory).toEqual(vendor.byCategory);
    const inGroups = counts.groups.reduce((sum, group) => sum + group.customers, 0);
    expect(inGroups).toBe(counts.customers);
  });

  it('empties a vendor group whose every customer was taken over', () => {
    const { counts } = withTakeovers(
      vendor,
      ['C1', 'C2'],
      ['C1', 'C2'],
      new Map([
        ['C1', { country: 'US', region: 'CA' }],
        ['C2', { country: 'US', region: 'CA' }],
      ]),
      new Map([
        ['C1', ['email']],
        ['C2', ['email']],
      ]),
    );
    expect(counts.groups).toEqual([{ ...vendor.groups[0], via: 'account_takeover', customers: 2 }]);
  });

  it('leaves the vendor scope as it was without victims', () => {
    const { counts, refs } = withTakeovers(vendor, ['C1', 'C2'], [], new Map(), new Map());
    expect(counts).toEqual(vendor);
    expect(refs).toEqual(['C1', 'C2']);
  });
});
