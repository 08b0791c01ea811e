import type { VendorStateStore } from './assessments.state.store.js';

/**
 * The portfolio views (heat map, reassessment schedule) walk every vendor; they are computed
 * once per revision of the data they read and served from memory until it changes. The
 * revision comes from the database on every call, so a change made by another instance is
 * seen at once: nothing here is state another instance would need, only a rebuildable copy.
 */
export function createPortfolioCache(store: Pick<VendorStateStore, 'revision'>) {
  const entries = new Map<string, { revision: string; value: Promise<unknown> }>();
  return {
    async get<T>(name: string, compute: () => Promise<T>): Promise<T> {
      const revision = await store.revision();
      const entry = entries.get(name);
      if (entry && entry.revision === revision) return entry.value as Promise<T>;
      const value = compute();
      entries.set(name, { revision, value });
      // A failed computation is not cached: the next call tries again.
      value.catch(() => entries.delete(name));
      return value;
    },
  };
}

export type PortfolioCache = ReturnType<typeof createPortfolioCache>;
