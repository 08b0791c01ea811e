import type { Selectable } from 'kysely';
import type { Db, Executor } from '../../db/database.js';
import type { IncidentScopeSnapshotsTable } from '../../db/schema.incidents.js';

export type SnapshotRow = Selectable<IncidentScopeSnapshotsTable>;

/** An incident's scope snapshots, newest first. */
export function createSnapshotStore(database: Db) {
  const db = database.kysely;

  return {
    async insert(row: SnapshotRow, trx: Executor): Promise<void> {
      await trx.insertInto('incident_scope_snapshots').values(row).execute();
    },

    async list(incidentId: string): Promise<SnapshotRow[]> {
      return db
        .selectFrom('incident_scope_snapshots')
        .selectAll()
        .where('incident_id', '=', incidentId)
        .orderBy('timeline_seq', 'desc')
        .execute();
    },

    async get(incidentId: string, id: string): Promise<SnapshotRow | undefined> {
      return db
        .selectFrom('incident_scope_snapshots')
        .selectAll()
        .where('incident_id', '=', incidentId)
        .where('id', '=', id)
        .executeTakeFirst();
    },

    async latest(incidentId: string): Promise<SnapshotRow | undefined> {
      return db
        .selectFrom('incident_scope_snapshots')
        .selectAll()
        .where('incident_id', '=', incidentId)
        .orderBy('timeline_seq', 'desc')
        .limit(1)
        .executeTakeFirst();
    },
  };
}

export type SnapshotStore = ReturnType<typeof createSnapshotStore>;
