import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestDatabase, testDialect, type TestDatabase } from '../../test/support/database.js';
import { createDatabase, type Db } from '../db/database.js';
import { systemClock } from '../lib/clock.js';
import { createJobQueue } from './jobs.queue.js';
import { createJobRegistry } from './jobs.registry.js';
import type { JobLogger } from './jobs.types.js';
import { createWorker } from './jobs.worker.js';

const JOBS = 300;
const quiet: JobLogger = { info: () => {}, warn: () => {}, error: () => {} };

describe.skipIf(testDialect !== 'postgres')('job workers competing on PostgreSQL', () => {
  let test: TestDatabase;
  const connections: Db[] = [];

  beforeEach(async () => {
    test = await createTestDatabase();
  });
  afterEach(async () => {
    for (const db of connections.splice(0)) await db.close();
    await test.cleanup();
  });

  /** Each worker gets its own pool and registry, as separate processes would. */
  function startWorker(workerId: string, ran: string[]) {
    const db = createDatabase({
      databaseUrl: test.databaseUrl,
      dataDir: test.dataDir,
      poolSize: 4,
    });
    connections.push(db);
    const registry = createJobRegistry();
    registry.register('test.record', {
      schema: z.object({ n: z.number() }),
      handle: async (_payload, { jobId }) => {
        ran.push(jobId);
        // Yield so both workers hold claims at the same time.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
      },
    });
    const queue = createJobQueue({ db, clock: systemClock, registry });
    const worker = createWorker({
      db,
      clock: systemClock,
      queue,
      registry,
      logger: quiet,
      workerId,
      concurrency: 4,
      pollIntervalMs: 10,
    });
    worker.start();
    return { worker, queue };
  }

  it('runs every job exactly once across two workers', async () => {
    const ranByA: string[] = [];
    const ranByB: string[] = [];
    const a = startWorker('worker-a', ranByA);
    const b = startWorker('worker-b', ranByB);

    // Enqueue while both are already polling, through both, so claims race with inserts.
    const ids: string[] = [];
    for (let n = 0; n < JOBS; n += 1) {
      const queue = n % 2 === 0 ? a.queue : b.queue;
      ids.push((await queue.enqueue('test.record', { n })).id);
    }

    const deadline = Date.now() + 20_000;
    while (ranByA.length + ranByB.length < JOBS && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await Promise.all([a.worker.stop(), b.worker.stop()]);

    const all = [...ranByA, ...ranByB];
    expect(all).toHaveLength(JOBS);
    expect(new Set(all).size).toBe(JOBS);
    expect(new Set(all)).toEqual(new Set(ids));
    expect(ranByA.length).toBeGreaterThan(0);
    expect(ranByB.length).toBeGreaterThan(0);
    expect(await a.queue.stats()).toEqual({ queued: 0, running: 0, succeeded: JOBS, dead: 0 });
  });
});
