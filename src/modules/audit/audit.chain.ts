import canonicalize from 'canonicalize';
import { sha256Hex } from '../../lib/crypto.js';
import type { AuditEntry, AuditEvent, ChainVerification } from './audit.types.js';

/** prev_hash of the first link. */
export const GENESIS_HASH = '0'.repeat(64);

/** hash = SHA-256(prev_hash || canonical_json(entry)), DESIGN §6; canonical JSON is RFC 8785. */
export function hashEntry(prevHash: string, entry: AuditEntry): string {
  const canonical = canonicalize(entry);
  if (canonical === undefined) throw new Error('Audit entry cannot be canonicalized');
  return sha256Hex(prevHash + canonical);
}

export function entryOf(event: AuditEvent): AuditEntry {
  const { prevHash: _prev, hash: _hash, ...entry } = event;
  return entry;
}

/**
 * Walks a chain incrementally: feed events in seq order, then `finish` with the stored head.
 * Stops at the first broken link, because everything after it is unverifiable anyway.
 */
export function createChainVerifier(anchor?: { seq: number; hash: string }) {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  let firstBreak: ChainVerification['firstBreak'];

  function fail(
    seq: number,
    reason: NonNullable<ChainVerification['firstBreak']>['reason'],
    message: string,
  ) {
    firstBreak ??= { seq, reason, message };
  }

  return {
    get broken() {
      return firstBreak !== undefined;
    },
    push(event: AuditEvent): void {
      if (firstBreak) return;
      if (event.seq !== expectedSeq) {
        fail(
          expectedSeq,
          'sequence-gap',
          `expected entry ${expectedSeq} but found ${event.seq}: entries are missing or reordered`,
        );
        return;
      }
      if (event.prevHash !== prevHash) {
        fail(
          event.seq,
          'prev-hash-mismatch',
          `entry ${event.seq} does not link to the entry before it`,
        );
        return;
      }
      const recomputed = hashEntry(prevHash, entryOf(event));
      if (recomputed !== event.hash) {
        fail(
          event.seq,
          'hash-mismatch',
          `entry ${event.seq} was altered: its content does not match its hash`,
        );
        return;
      }
      if (anchor && anchor.seq === event.seq && anchor.hash !== event.hash) {
        fail(
          event.seq,
          'anchor-mismatch',
          `entry ${event.seq} differs from the anchored hash: the chain was rewritten`,
        );
        return;
      }
      prevHash = event.hash;
      expectedSeq += 1;
      checked += 1;
    },
    finish(head: { seq: number; hash: string }): ChainVerification {
      if (!firstBreak && (head.seq !== checked || head.hash !== prevHash)) {
        fail(
          checked + 1,
          'head-mismatch',
          `the chain ends at entry ${checked} but its head records entry ${head.seq}: trailing entries were deleted or added outside the chain`,
        );
      }
      if (!firstBreak && anchor && anchor.seq > checked) {
        fail(anchor.seq, 'anchor-mismatch', `anchored entry ${anchor.seq} no longer exists`);
      }
      return {
        ok: !firstBreak,
        checked,
        headSeq: head.seq,
        headHash: head.hash,
        ...(firstBreak ? { firstBreak } : {}),
      };
    },
  };
}
