import { randomBytes } from 'node:crypto';
import { sha256Hex } from '../../lib/crypto.js';

/**
 * Recovery codes: ten one-time codes of 50 random bits each, shown once. They are random,
 * not chosen by people, so a plain SHA-256 is enough to store them; a slow hash adds nothing.
 */
// Crockford's base32: 32 symbols, so `byte % 32` is unbiased, and no I/L/O/U to misread.
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
export const RECOVERY_CODE_COUNT = 10;

export function generateRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const bytes = randomBytes(10);
    const chars = Array.from(bytes, (byte) => ALPHABET[byte % ALPHABET.length]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

export function normalizeRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export function hashRecoveryCode(code: string): string {
  return sha256Hex(`recovery:${normalizeRecoveryCode(code)}`);
}
