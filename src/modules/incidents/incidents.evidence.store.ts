import type { Selectable, Updateable } from 'kysely';
import type { Db, Executor } from '../../db/database.js';
import type { IncidentCustodyTable, IncidentEvidenceTable } from '../../db/schema.incidents.js';

export type EvidenceRow = Selectable<IncidentEvidenceTable>;
export type CustodyRow = Selectable<IncidentCustodyTable>;

/** Evidence records and their chain of custody; the bytes are in the blob store. */
export function createEvidenceStore(database: Db) {
  const db = database.kysely;

  return {
    async insert(row: EvidenceRow, trx: Executor): Promise<void> {
      await trx.insertInto('incident_evidence').values(row).execute();
    },

    async list(incidentId: string, trx: Executor = db): Promise<EvidenceRow[]> {
      return trx
        .selectFrom('incident_evidence')
        .selectAll()
        .where('incident_id', '=', incidentId)
        .orderBy('added_at')
        .orderBy('id')
        .execute();
    },

    async get(incidentId: string, evidenceId: string, trx: Executor = db) {
      return trx
        .selectFrom('incident_evidence')
        .selectAll()
        .where('incident_id', '=', incidentId)
        .where('id', '=', evidenceId)
        .executeTakeFirst();
    },

    async update(evidenceId: string, patch: Updateable<IncidentEvidenceTable>, trx: Executor) {
      await trx.updateTable('incident_evidence').set(patch).where('id', '=', evidenceId).execute();
    },

    async addCustody(row: CustodyRow, trx: Executor): Promise<void> {
      await trx.insertInto('incident_custody').values(row).execute();
    },

    async custody(evidenceId: string, trx: Executor = db): Promise<CustodyRow[]> {
      return trx
        .selectFrom('incident_custody')
        .selectAll()
        .where('evidence_id', '=', evidenceId)
        .orderBy('timeline_seq')
        .execute();
    },
  };
}

export type EvidenceStore = ReturnType<typeof createEvidenceStore>;
