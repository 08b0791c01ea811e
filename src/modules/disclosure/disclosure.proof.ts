import { createHash, createHmac, randomBytes } from 'node:crypto';
import { safeEqual } from '../../lib/crypto.js';

/**
 * Proof-of-work for the public report form, instead of a third-party captcha. The server
 * signs a challenge (bits, issue time, nonce); the browser finds a nonce whose SHA-256 with
 * the challenge starts with that many zero bits. Nothing is stored until a report uses it, and
 * the report keeps the challenge (unique), so one challenge buys one report.
 */
const MAX_AGE_MS = 30 * 60_000;

const sign = (key: Buffer, payload: string) =>
  createHmac('sha256', key).update(payload).digest('base64url');

export function issueChallenge(key: Buffer, bits: number, now: Date): string {
  const payload = `${bits}.${now.getTime()}.${randomBytes(12).toString('base64url')}`;
  return `${payload}.${sign(key, payload)}`;
}

export function leadingZeroBits(digest: Buffer): number {
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

export const workOf = (challenge: string, nonce: string) =>
  leadingZeroBits(createHash('sha256').update(`${challenge}:${nonce}`).digest());

/** Why the proof is not good enough, or null when it is. */
export function checkProof(
  key: Buffer,
  proof: { challenge: string; nonce: string } | undefined,
  required: number,
  now: Date,
): string | null {
  if (required === 0) return null;
  if (!proof)
    return 'is required: solve the challenge from GET /api/v1/public/disclosure/challenge';
  const parts = proof.challenge.split('.');
  if (parts.length !== 4) return 'has a malformed challenge';
  const [bits, issued, , signature] = parts as [string, string, string, string];
  if (!safeEqual(signature, sign(key, parts.slice(0, 3).join('.'))))
    return 'has a challenge this server did not issue';
  const age = now.getTime() - Number(issued);
  if (!(age >= 0 && age <= MAX_AGE_MS)) return 'has an expired challenge: ask for a new one';
  if (Number(bits) < required) return 'has a challenge easier than this programme asks';
  if (workOf(proof.challenge, proof.nonce) < Number(bits)) return 'does not solve its challenge';
  return null;
}

/** What the browser does (and the tests): the first nonce that solves the challenge. */
export function solveChallenge(challenge: string, bits: number): string {
  for (let nonce = 0; ; nonce++) if (workOf(challenge, String(nonce)) >= bits) return String(nonce);
}
