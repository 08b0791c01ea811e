import type { Selectable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { ExposureVexTable } from '../../db/schema.exposure.js';
import { chunked, selectInChunks } from '../../lib/chunks.js';

export type VexRow = Selectable<ExposureVexTable>;

/** VEX statements per vendor. They are kept, so findings raised later honour them too. */
export function createVexStore(db: Executor) {
  return {
    async insert(rows: readonly VexRow[], trx: Executor): Promise<void> {
      for (const chunk of chunked(rows, 90))
        await trx
          .insertInto('exposure_vex')
          .values([...chunk])
          .execute();
    },

    async forVendors(vendorIds: readonly string[], trx: Executor = db): Promise<VexRow[]> {
      const rows = await selectInChunks([...new Set(vendorIds)], (chunk) =>
        trx
          .selectFrom('exposure_vex')
          .selectAll()
          .where('vendor_id', 'in', chunk)
          .orderBy('imported_at')
          .execute(),
      );
      // Latest last, across chunks too: the newest statement about a finding wins.
      return rows.sort((a, b) => a.imported_at.localeCompare(b.imported_at));
    },
  };
}
