import canonicalize from 'canonicalize';
import { sha256Hex } from './crypto.js';

/**
 * Append-only hash chains (DESIGN §6): the audit log and each incident's timeline. A link is
 * its entry (any JSON object, with a `seq` of 1, 2, 3…) plus the previous link's hash and its
 * own; `hash = SHA-256(prev_hash || canonical_json(entry))`, canonical JSON per RFC 8785.
 */

/** prev_hash of the first link. */
export const GENESIS_HASH = '0'.repeat(64);

export interface ChainLink {
  seq: number;
  prevHash: string;
  hash: string;
}

export type ChainBreakReason =
  'sequence-gap' | 'prev-hash-mismatch' | 'hash-mismatch' | 'head-mismatch' | 'anchor-mismatch';

export interface ChainVerification {
  ok: boolean;
  checked: number;
  headSeq: number;
  headHash: string;
  firstBreak?: { seq: number; reason: ChainBreakReason; message: string };
}

export function hashEntry(prevHash: string, entry: object): string {
  const canonical = canonicalize(entry);
  if (canonical === undefined) throw new Error('Chain entry cannot be canonicalized');
  return sha256Hex(prevHash + canonical);
}

/** The hashed content of a link: everything but the chain fields. */
export function entryOf<T extends ChainLink>(link: T): Omit<T, 'prevHash' | 'hash'> {
  const { prevHash: _prev, hash: _hash, ...entry } = link;
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
    push(event: ChainLink): void {
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
