/**
 * MurmurHash3 (x86, 32-bit) over the string's UTF-16 code units, two units per 32-bit block,
 * so hash32(s) equals murmur3 of the string's UTF-16LE bytes. Reading code units rather than
 * UTF-8 bytes avoids encoding the string, which keeps every call allocation-free; murmur3's
 * finaliser gives full avalanche, which the sketches rely on because they slice the hash into
 * independent bit fields.
 */

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

/** Unsigned 32-bit hash of `text`; the same input and seed always give the same value. */
export function hash32(text: string, seed = 0): number {
  const length = text.length;
  const blocksEnd = length & ~1;
  let h = seed | 0;
  let i = 0;
  for (; i < blocksEnd; i += 2) {
    let k = (text.charCodeAt(i) & 0xffff) | (text.charCodeAt(i + 1) << 16);
    k = Math.imul(k, C1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, C2);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  if (i < length) {
    let k = text.charCodeAt(i);
    k = Math.imul(k, C1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, C2);
    h ^= k;
  }
  // murmur3 mixes in the length in bytes; a code unit is two.
  h ^= length << 1;
  return mix32(h);
}

/**
 * murmur3's finaliser: a bijection on 32-bit values with full avalanche. Sketches use it to
 * derive a second, independent-looking hash from the first without touching the input again.
 */
export function mix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
