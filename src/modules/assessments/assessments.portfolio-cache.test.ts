import { describe, expect, it } from 'vitest';
import { createPortfolioCache } from './assessments.portfolio-cache.js';

describe('portfolio cache', () => {
  it('recomputes exactly when the revision changes, and never caches a failure', async () => {
    let revision = 'r1';
    let runs = 0;
    const cache = createPortfolioCache({ revision: () => Promise.resolve(revision) });
    const compute = () => Promise.resolve(++runs);
    expect(await cache.get('heat-map', compute)).toBe(1);
    expect(await cache.get('heat-map', compute)).toBe(1);
    expect(await cache.get('schedule', compute)).toBe(2);
    revision = 'r2';
    expect(await cache.get('heat-map', compute)).toBe(3);

    const failing = () => Promise.reject(new Error('database went away'));
    await expect(cache.get('broken', failing)).rejects.toThrow('database went away');
    expect(await cache.get('broken', compute)).toBe(4);
  });
});
