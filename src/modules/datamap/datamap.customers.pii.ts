import { hmacSha256Hex, type SecretBox } from '../../lib/crypto.js';
import type { Keyring } from '../../lib/keyring.js';

/** The fields of a customer that are encrypted at rest (DESIGN §6). */
export interface CustomerPii {
  email: string | null;
  name: string | null;
  phone: string | null;
}

export interface CustomerCrypto {
  /** Seals the PII bound to the customer's external id, so a sealed blob cannot be moved. */
  seal(externalId: string, pii: CustomerPii): string;
  open(externalId: string, sealed: string): CustomerPii;
  /** Keyed hash of a normalised email: equality lookups without the email in clear. */
  emailIndex(email: string): string;
}

export async function createCustomerCrypto(keyring: Keyring): Promise<CustomerCrypto> {
  const [box, indexKey]: [SecretBox, Buffer] = await Promise.all([
    keyring.box('customer-pii'),
    keyring.dataKey(EMAIL_INDEX_KEY_PURPOSE),
  ]);
  return {
    seal: (externalId, pii) =>
      box.seal(JSON.stringify([pii.email, pii.name, pii.phone]), `customer:${externalId}`),
    open(externalId, sealed) {
      const [email, name, phone] = JSON.parse(box.open(sealed, `customer:${externalId}`)) as [
        string | null,
        string | null,
        string | null,
      ];
      return { email, name, phone };
    },
    emailIndex: (email) => emailIndexOf(indexKey, email),
  };
}

/**
 * Keyed hash of a normalised email: 128 bits of the HMAC, so collisions are out of reach and
 * the index stays compact. Detection hashes login names with the same function and key, so a
 * login joins its customer while neither side stores the name in clear.
 */
export function emailIndexOf(key: Buffer, email: string): string {
  return hmacSha256Hex(key, email.trim().toLowerCase()).slice(0, 32);
}

/** The data-key purpose of the email index key. */
export const EMAIL_INDEX_KEY_PURPOSE = 'customer-email-index';
