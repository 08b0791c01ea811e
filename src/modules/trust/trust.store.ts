import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import type {
  TrustDocumentRequestsTable,
  TrustDocumentsTable,
  TrustMeasuresTable,
  TrustUpdatesTable,
} from '../../db/schema.trust.js';
import type { Measure, StatusUpdate, TrustDocument } from './trust.types.js';

export type MeasureRow = TrustMeasuresTable;
export type DocumentRow = TrustDocumentsTable;
export type RequestRow = TrustDocumentRequestsTable;

export function toMeasure(row: MeasureRow): Measure {
  return {
    id: row.id,
    position: Number(row.position),
    title: row.title,
    description: row.description,
    updatedAt: row.updated_at,
  };
}

export function toDocument(row: DocumentRow): TrustDocument {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    kind: row.kind as TrustDocument['kind'],
    access: row.access as TrustDocument['access'],
    fileName: row.file_name,
    mediaType: row.media_type,
    byteSize: Number(row.byte_size),
    sha256: row.sha256,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toUpdate(row: TrustUpdatesTable): StatusUpdate {
  return {
    id: row.id,
    incidentId: row.incident_id,
    state: row.state as StatusUpdate['state'],
    title: row.title,
    body: row.body,
    publishedAt: row.published_at,
  };
}

/** Measures, documents and their requests, status updates, and the content version. */
export function createTrustStore(db: Executor) {
  return {
    /** Every content change calls this in its own transaction: caches compare against it. */
    async bumpVersion(trx: Executor = db): Promise<void> {
      await trx
        .updateTable('trust_version')
        .set({ version: sql<number>`version + 1` })
        .where('id', '=', 1)
        .execute();
    },

    async version(trx: Executor = db): Promise<number> {
      const row = await trx
        .selectFrom('trust_version')
        .select('version')
        .where('id', '=', 1)
        .executeTakeFirst();
      return Number(row?.version ?? 0);
    },

    measures: (trx: Executor = db) =>
      trx.selectFrom('trust_measures').selectAll().orderBy('position').orderBy('id').execute(),

    findMeasure: (id: string, trx: Executor = db) =>
      trx.selectFrom('trust_measures').selectAll().where('id', '=', id).executeTakeFirst(),

    async insertMeasure(row: MeasureRow, trx: Executor = db) {
      await trx.insertInto('trust_measures').values(row).execute();
    },

    async nextMeasurePosition(trx: Executor = db): Promise<number> {
      const row = await trx
        .selectFrom('trust_measures')
        .select((eb) => eb.fn.max('position').as('max'))
        .executeTakeFirst();
      return Number(row?.max ?? 0) + 1;
    },

    async updateMeasure(
      id: string,
      patch: Partial<Pick<MeasureRow, 'title' | 'description' | 'position' | 'updated_at'>>,
      trx: Executor = db,
    ) {
      await trx.updateTable('trust_measures').set(patch).where('id', '=', id).execute();
    },

    async deleteMeasure(id: string, trx: Executor = db) {
      await trx.deleteFrom('trust_measures').where('id', '=', id).execute();
    },

    documents: (trx: Executor = db) =>
      trx.selectFrom('trust_documents').selectAll().orderBy('kind').orderBy('title').execute(),

    findDocument: (id: string, trx: Executor = db) =>
      trx.selectFrom('trust_documents').selectAll().where('id', '=', id).executeTakeFirst(),

    async insertDocument(row: DocumentRow, trx: Executor = db) {
      await trx.insertInto('trust_documents').values(row).execute();
    },

    async updateDocument(
      id: string,
      patch: Pick<DocumentRow, 'title' | 'description' | 'kind' | 'access' | 'updated_at'>,
      trx: Executor = db,
    ) {
      await trx.updateTable('trust_documents').set(patch).where('id', '=', id).execute();
    },

    /** The document and every request for it (their links die with it). */
    async deleteDocument(id: string, trx: Executor = db) {
      await trx.deleteFrom('trust_document_requests').where('document_id', '=', id).execute();
      await trx.deleteFrom('trust_documents').where('id', '=', id).execute();
    },

    async insertRequest(row: RequestRow, trx: Executor = db) {
      await trx.insertInto('trust_document_requests').values(row).execute();
    },

    requests: (status: string | undefined, trx: Executor = db) => {
      let query = trx
        .selectFrom('trust_document_requests as r')
        .innerJoin('trust_documents as d', 'd.id', 'r.document_id')
        .selectAll('r')
        .select('d.title as document_title');
      if (status) query = query.where('r.status', '=', status);
      return query.orderBy('r.created_at', 'desc').limit(500).execute();
    },

    findRequest: (id: string, trx: Executor = db) =>
      trx
        .selectFrom('trust_document_requests as r')
        .innerJoin('trust_documents as d', 'd.id', 'r.document_id')
        .selectAll('r')
        .select('d.title as document_title')
        .where('r.id', '=', id)
        .executeTakeFirst(),

    findRequestByLink: (linkHash: string, trx: Executor = db) =>
      trx
        .selectFrom('trust_document_requests')
        .selectAll()
        .where('link_hash', '=', linkHash)
        .executeTakeFirst(),

    /** A decision applies only to a request still in `from`: a concurrent one loses (0 rows). */
    async decideRequest(
      id: string,
      from: string,
      patch: Pick<RequestRow, 'status' | 'decided_by' | 'decided_at'> &
        Partial<Pick<RequestRow, 'link_hash' | 'link_expires_at'>>,
      trx: Executor = db,
    ): Promise<boolean> {
      const result = await trx
        .updateTable('trust_document_requests')
        .set(patch)
        .where('id', '=', id)
        .where('status', '=', from)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    updates: (limit: number, trx: Executor = db) =>
      trx
        .selectFrom('trust_updates')
        .selectAll()
        .orderBy('published_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute(),

    findUpdate: (id: string, trx: Executor = db) =>
      trx.selectFrom('trust_updates').selectAll().where('id', '=', id).executeTakeFirst(),

    updatesOfIncident: (incidentId: string, trx: Executor = db) =>
      trx
        .selectFrom('trust_updates')
        .selectAll()
        .where('incident_id', '=', incidentId)
        .orderBy('published_at', 'desc')
        .orderBy('id', 'desc')
        .execute(),

    async insertUpdate(row: TrustUpdatesTable, trx: Executor = db) {
      await trx.insertInto('trust_updates').values(row).execute();
    },
  };
}

export type TrustStore = ReturnType<typeof createTrustStore>;
