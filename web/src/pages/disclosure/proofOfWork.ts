/**
 * The report form's proof-of-work: a nonce such that SHA-256("challenge:nonce") starts with
 * `bits` zero bits. Yields to the page every batch so the progress can be shown.
 */
export async function solveChallenge(
  challenge: string,
  bits: number,
  onProgress?: (tries: number) => void,
): Promise<string> {
  const encoder = new TextEncoder();
  const batch = 2000;
  for (let nonce = 0; ; nonce += 1) {
    const digest = new Uint8Array(
      await crypto.subtle.digest('SHA-256', encoder.encode(`${challenge}:${nonce}`)),
    );
    if (leadingZeroBits(digest) >= bits) return String(nonce);
    if (nonce % batch === batch - 1) {
      onProgress?.(nonce + 1);
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }
}

export function leadingZeroBits(bytes: Uint8Array): number {
  let count = 0;
  for (const byte of bytes) {
    if (byte === 0) {
      count += 8;
      continue;
    }
    return count + Math.clz32(byte) - 24;
  }
  return count;
}
