import { describe, expect, it } from 'vitest';
import { checkProof, issueChallenge, leadingZeroBits, solveChallenge } from './disclosure.proof.js';

const key = Buffer.alloc(32, 7);
const now = new Date('2026-02-02T09:00:00Z');

describe('proof-of-work', () => {
  it('counts leading zero bits', () => {
    expect(leadingZeroBits(Buffer.from([0, 0x10, 0xff]))).toBe(11);
    expect(leadingZeroBits(Buffer.from([0x80]))).toBe(0);
    expect(leadingZeroBits(Buffer.from([0, 0]))).toBe(16);
  });

  it('accepts a solved challenge and refuses the rest with a reason', () => {
    const challenge = issueChallenge(key, 10, now);
    const nonce = solveChallenge(challenge, 10);
    expect(checkProof(key, { challenge, nonce }, 10, now)).toBeNull();
    expect(checkProof(key, undefined, 10, now)).toMatch(/is required/);
    expect(checkProof(key, { challenge, nonce: `${nonce}x` }, 10, now)).toMatch(
      /does not solve|did not issue/,
    );
    const forged = challenge.replace(/^10\./, '1.');
    expect(checkProof(key, { challenge: forged, nonce }, 10, now)).toMatch(/did not issue/);
    expect(checkProof(Buffer.alloc(32, 8), { challenge, nonce }, 10, now)).toMatch(/did not issue/);
    const later = new Date(now.getTime() + 31 * 60_000);
    expect(checkProof(key, { challenge, nonce }, 10, later)).toMatch(/expired/);
    expect(checkProof(key, { challenge, nonce }, 12, now)).toMatch(/easier/);
    expect(checkProof(key, { challenge: 'a.b', nonce }, 10, now)).toMatch(/malformed/);
  });

  it('asks nothing when the programme turns it off', () => {
    expect(checkProof(key, undefined, 0, now)).toBeNull();
  });
});
