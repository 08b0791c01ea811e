import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import {
  createEventStore,
  type EventRow,
} from '../../src/modules/detection/detection.events.store.js';
import { formatCount } from '../support/instance.js';

const BATCH = 10_000;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The event store alone on embedded SQLite: `insertNew` for a million login rows in 10,000-row
 * transactions, as ingest commits them, into a freshly migrated database. Addresses ascend or
 * are scattered over a /8; the second is what real clients look like to the address index.
 * Reports the overall rate and the rate over the last tenth, where the table is largest.
 */
export async function runStorageBench(events: number): Promise<void> {
  for (const layout of ['ascending', 'scattered'] as const) {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cordon-bench-storage-'));
    const db = createDatabase({ dataDir });
    try {
      await migrateToLatest(db);
      const store = createEventStore(db);
      const start = Date.parse('2026-03-10T00:00:00.000Z');
      let totalMs = 0;
      let lastTenthMs = 0;
      for (let first = 0; first < events; first += BATCH) {
        const rows: EventRow[] = [];
        for (let n = first; n < Math.min(events, first + BATCH); n++) {
          const ip = layout === 'ascending' ? n : Math.imul(n, 2_654_435_761) >>> 8;
          const at = new Date(start + Math.floor((n / events) * 6 * 3_600_000)).toISOString();
          rows.push({
            event_key: sha256(`id\nb${n}`).slice(0, 32),
            type: 'login',
            at,
            stream: 'web',
            account_hash: sha256(`customer${n % 400_000}`),
            ip: `10.${(ip >> 16) & 255}.${(ip >> 8) & 255}.${ip & 255}`,
            user_agent: 'Mozilla/5.0 (bench)',
            outcome: n % 25 === 0 ? 'bad_password' : 'success',
            received_at: at,
          });
        }
        const began = performance.now();
        const isNew = await db.kysely.transaction().execute((trx) => store.insertNew(rows, trx));
        const ms = performance.now() - began;
        if (isNew.some((fresh) => !fresh))
          throw new Error('a distinct event was taken as a duplicate');
        totalMs += ms;
        if (first >= events - events / 10) lastTenthMs += ms;
      }
      console.log(
        `storage (${layout} addresses): ${formatCount(events)} rows at ${formatCount(events / (totalMs / 1000))} rows/s; ` +
          `the last tenth at ${formatCount(events / 10 / (lastTenthMs / 1000))} rows/s`,
      );
    } finally {
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
}
