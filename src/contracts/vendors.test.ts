import { describe, expect, it } from 'vitest';
import { credentialsReference } from './vendors.js';

describe('credentialsReference', () => {
  it('accepts references to where a secret is kept', () => {
    for (const ref of [
      'vault:kv/shopco/vendor-x/api-key',
      'aws-sm:prod/vendorx/api_key',
      'op:vaults/Engineering/items/vendor-x-recommendations',
    ])
      expect(credentialsReference.safeParse(ref).success, ref).toBe(true);
  });

  it('refuses values that look like the secret itself', () => {
    for (const secret of [
      'x:sk_test_4eC39HqLyjWDarjtT1zdp7dc',
      'x:ghs_16C7e42F292c6912E7710c838347Ae178B4a',
      'x:github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz',
      'x:AKIAIOSFODNN7EXAMPLE',
      'vault:wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY0123456789',
      'x:XOXB-1234-5678-abcdef',
    ])
      expect(credentialsReference.safeParse(secret).success, secret).toBe(false);
  });
});
