import { createHash } from 'node:crypto';
import type { Clock } from '../../lib/clock.js';

export interface CachedPage {
  body: Buffer;
  contentType: string;
  etag: string;
}

const CHECK_EVERY_MS = 1000;
/** Port-fed content (advisories) has no version row; it is re-read at least this often. */
const MAX_AGE_MS = 60_000;
/** Pages per id can be many; beyond this the cache starts over rather than grow. */
const MAX_ENTRIES = 1000;

/**
 * Rendered pages and feeds in memory. Every entry belongs to one content version: this
 * instance's own writes drop the cache at once (`invalidate`), and the version row, bumped by
 * every change in its transaction, is re-read at most once a second, so another instance's
 * change shows within a second. A miss renders once however many requests wait for it.
 */
export function createPageCache(deps: { clock: Clock; version: () => Promise<number> }) {
  let entries = new Map<string, Promise<CachedPage | null>>();
  let version: number | null = null;
  let checkedAt = Number.NEGATIVE_INFINITY;
  let filledAt = 0;
  let checking: Promise<void> | null = null;

  function clear() {
    entries = new Map();
    filledAt = deps.clock.now().getTime();
  }

  async function check(now: number): Promise<void> {
    checkedAt = now;
    const current = await deps.version();
    if (current !== version) {
      version = current;
      clear();
    }
  }

  return {
    async get(key: string, render: () => Promise<CachedPage | null>): Promise<CachedPage | null> {
      const now = deps.clock.now().getTime();
      if (now - checkedAt >= CHECK_EVERY_MS) {
        checking ??= check(now).finally(() => (checking = null));
        await checking;
      }
      if (now - filledAt >= MAX_AGE_MS) clear();
      let entry = entries.get(key);
      if (!entry) {
        if (entries.size >= MAX_ENTRIES) clear();
        const generation = entries;
        entry = render().catch((error: unknown) => {
          generation.delete(key);
          throw error;
        });
        entries.set(key, entry);
        // A missing page is not kept: unknown ids must not fill the cache.
        void entry.then(
          (page) => page ?? generation.delete(key),
          () => undefined,
        );
      }
      return entry;
    },

    invalidate: clear,
  };
}

export type PageCache = ReturnType<typeof createPageCache>;

export function page(body: string, contentType: string): CachedPage {
  const bytes = Buffer.from(body, 'utf8');
  const etag = `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"`;
  return { body: bytes, contentType, etag };
}

/** True when an If-None-Match header names this ETag (or `*`), weak or strong. */
export function notModified(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === etag || tag === '*');
}
