import { andMask, bitValue, orMask } from '../../lib/bitmask.js';
import type { StoredCategory } from './datamap.categories.store.js';

/**
 * The catalogue as the ledger sees it: category keys to bits and back. Built from one read of
 * the table, so a hot path (ingest, blast radius) resolves masks without queries.
 */
export interface CategoryIndex {
  categories: StoredCategory[];
  byKey: Map<string, StoredCategory>;
  /** The bitmask of the given keys; unknown keys are returned separately, never guessed. */
  maskOf(keys: readonly string[]): { mask: number; unknown: string[] };
  /** The keys whose bits are set in a mask, in catalogue order. */
  keysOf(mask: number): string[];
}

export function buildCategoryIndex(categories: StoredCategory[]): CategoryIndex {
  const byKey = new Map(categories.map((category) => [category.key, category]));
  return {
    categories,
    byKey,
    maskOf(keys) {
      let mask = 0;
      const unknown: string[] = [];
      for (const key of keys) {
        const category = byKey.get(key);
        if (category) mask = orMask(mask, bitValue(category.bit));
        else unknown.push(key);
      }
      return { mask, unknown };
    },
    keysOf(mask) {
      return categories.filter((c) => andMask(mask, bitValue(c.bit)) !== 0).map((c) => c.key);
    },
  };
}
