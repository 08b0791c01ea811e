import type { Selectable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { ExposureSbomsTable } from '../../db/schema.exposure.js';
import type { SbomChange } from '../../contracts/exposure.js';
import { chunked } from '../../lib/chunks.js';

export type SbomRow = Selectable<ExposureSbomsTable>;

/** Every SBOM uploaded, with what changed against the one before it in the same scope. */
export function createSbomStore(db: Executor) {
  return {
    async insert(row: SbomRow, trx: Executor): Promise<void> {
      await trx.insertInto('exposure_sboms').values(row).execute();
    },

    /** Stores the diff and its counts on the SBOM row. */
    async recordChanges(row: SbomRow, changes: readonly SbomChange[], trx: Executor) {
      await trx
        .updateTable('exposure_sboms')
        .set({ added: row.added, removed: row.removed, changed: row.changed })
        .where('id', '=', row.id)
        .execute();
      for (const chunk of chunked(changes, 2000))
        await trx
          .insertInto('exposure_sbom_changes')
          .values(
            chunk.map((change) => ({
              sbom_id: row.id,
              change: change.change,
              ecosystem: change.ecosystem,
              name: change.name,
              from_version: change.fromVersion,
              to_version: change.toVersion,
            })),
          )
          .execute();
    },

    async find(vendorId: string, id: string, trx: Executor = db) {
      return trx
        .selectFrom('exposure_sboms')
        .selectAll()
        .where('vendor_id', '=', vendorId)
        .where('id', '=', id)
        .executeTakeFirst();
    },

    async list(vendorId: string, trx: Executor = db) {
      return trx
        .selectFrom('exposure_sboms')
        .selectAll()
        .where('vendor_id', '=', vendorId)
        .orderBy('uploaded_at', 'desc')
        .orderBy('id')
        .execute();
    },

    async changes(sbomId: string, trx: Executor = db): Promise<SbomChange[]> {
      const rows = await trx
        .selectFrom('exposure_sbom_changes')
        .selectAll()
        .where('sbom_id', '=', sbomId)
        .orderBy('change')
        .orderBy('name')
        .execute();
      return rows.map((row) => ({
        change: row.change as SbomChange['change'],
        ecosystem: row.ecosystem,
        name: row.name,
        fromVersion: row.from_version,
        toVersion: row.to_version,
      }));
    },

    /** Whether the integration is this vendor's: an id from another vendor is not found. */
    async integrationBelongs(vendorId: string, integrationId: string, trx: Executor = db) {
      const row = await trx
        .selectFrom('integrations')
        .select('id')
        .where('id', '=', integrationId)
        .where('vendor_id', '=', vendorId)
        .executeTakeFirst();
      return row !== undefined;
    },
  };
}
