import type { Selectable } from 'kysely';
import type { z } from 'zod';
import type { Agreement, AgreementInput, agreementDocument } from '../../contracts/vendors.js';
import type { Executor } from '../../db/database.js';
import type { AgreementsTable } from '../../db/schema.js';

export type AgreementDocument = z.infer<typeof agreementDocument>;

/** An agreement as the expiry job sees it: with its vendor and the last date it alerted for. */
export interface ExpiryCandidate extends Agreement {
  vendorName: string;
  expiryAlertedFor: string | null;
}

function toAgreement(row: Selectable<AgreementsTable>, documents: AgreementDocument[]): Agreement {
  return {
    id: row.id,
    vendorId: row.vendor_id,
    type: row.type as Agreement['type'],
    title: row.title,
    signedOn: row.signed_on,
    effectiveOn: row.effective_on,
    expiresOn: row.expires_on,
    autoRenews: row.auto_renews === 1,
    renewalNoticeDays: row.renewal_notice_days,
    terminationNoticeDays: row.termination_notice_days,
    breachNoticeHours: row.breach_notice_hours,
    auditRights: row.audit_rights === 1,
    subprocessorApproval: row.subprocessor_approval === 1,
    notes: row.notes,
    documents,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function columns(input: AgreementInput) {
  return {
    type: input.type,
    title: input.title,
    signed_on: input.signedOn,
    effective_on: input.effectiveOn,
    expires_on: input.expiresOn,
    auto_renews: input.autoRenews ? 1 : 0,
    renewal_notice_days: input.renewalNoticeDays,
    termination_notice_days: input.terminationNoticeDays,
    breach_notice_hours: input.breachNoticeHours,
    audit_rights: input.auditRights ? 1 : 0,
    subprocessor_approval: input.subprocessorApproval ? 1 : 0,
    notes: input.notes,
  };
}

export function createAgreementStore(db: Executor) {
  function documentQuery(trx: Executor) {
    return trx
      .selectFrom('agreement_documents as document')
      .innerJoin('blobs', 'blobs.sha256', 'document.sha256')
      .select([
        'document.id',
        'document.agreement_id',
        'document.file_name',
        'document.sha256',
        'document.uploaded_at',
        'blobs.byte_size',
        'blobs.media_type',
      ]);
  }

  type DocumentRow = Awaited<
    ReturnType<ReturnType<typeof documentQuery>['executeTakeFirstOrThrow']>
  >;

  const toDocument = (row: DocumentRow): AgreementDocument => ({
    id: row.id,
    fileName: row.file_name,
    sha256: row.sha256,
    byteSize: Number(row.byte_size),
    mediaType: row.media_type,
    uploadedAt: row.uploaded_at,
  });

  /** Each agreement's documents, in one query however many agreements there are. */
  async function documentsOf(agreementIds: string[], trx: Executor) {
    const byAgreement = new Map<string, AgreementDocument[]>();
    if (agreementIds.length === 0) return byAgreement;
    const rows = await documentQuery(trx)
      .where('document.agreement_id', 'in', agreementIds)
      .orderBy('document.uploaded_at')
      .orderBy('document.id')
      .execute();
    for (const row of rows)
      byAgreement.set(row.agreement_id, [
        ...(byAgreement.get(row.agreement_id) ?? []),
        toDocument(row),
      ]);
    return byAgreement;
  }

  async function withDocuments(rows: Selectable<AgreementsTable>[], trx: Executor) {
    const documents = await documentsOf(
      rows.map((row) => row.id),
      trx,
    );
    return rows.map((row) => toAgreement(row, documents.get(row.id) ?? []));
  }

  return {
    async list(vendorId: string, trx: Executor = db): Promise<Agreement[]> {
      const rows = await trx
        .selectFrom('agreements')
        .selectAll()
        .where('vendor_id', '=', vendorId)
        .orderBy('type')
        .orderBy('title')
        .orderBy('id')
        .execute();
      return withDocuments(rows, trx);
    },

    /** Only under its own vendor: an id that belongs to another vendor finds nothing. */
    async find(vendorId: string, id: string, trx: Executor = db): Promise<Agreement | undefined> {
      const row = await trx
        .selectFrom('agreements')
        .selectAll()
        .where('id', '=', id)
        .where('vendor_id', '=', vendorId)
        .executeTakeFirst();
      if (!row) return undefined;
      const documents = await documentsOf([row.id], trx);
      return toAgreement(row, documents.get(row.id) ?? []);
    },

    /**
     * Agreements expiring on or before `lastDay` (YYYY-MM-DD, so text order is date order),
     * soonest first; `unalerted` keeps those not yet alerted for their current expiry date.
     */
    async expiringBy(
      lastDay: string,
      options: { unalerted?: boolean } = {},
      trx: Executor = db,
    ): Promise<ExpiryCandidate[]> {
      let query = trx
        .selectFrom('agreements')
        .innerJoin('vendors', 'vendors.id', 'agreements.vendor_id')
        .selectAll('agreements')
        .select('vendors.legal_name as vendor_name')
        .where('agreements.expires_on', '<=', lastDay);
      if (options.unalerted)
        query = query.where((eb) =>
          eb.or([
            eb('agreements.expiry_alerted_for', 'is', null),
            eb('agreements.expiry_alerted_for', '!=', eb.ref('agreements.expires_on')),
          ]),
        );
      const rows = await query.orderBy('agreements.expires_on').orderBy('agreements.id').execute();
      const documents = await documentsOf(
        rows.map((row) => row.id),
        trx,
      );
      return rows.map((row) => ({
        ...toAgreement(row, documents.get(row.id) ?? []),
        vendorName: row.vendor_name,
        expiryAlertedFor: row.expiry_alerted_for,
      }));
    },

    async insert(
      record: { id: string; vendorId: string; at: string },
      input: AgreementInput,
      trx: Executor = db,
    ): Promise<void> {
      await trx
        .insertInto('agreements')
        .values({
          id: record.id,
          vendor_id: record.vendorId,
          ...columns(input),
          expiry_alerted_for: null,
          created_at: record.at,
          updated_at: record.at,
        })
        .execute();
    },

    async update(id: string, input: AgreementInput, at: string, trx: Executor = db) {
      await trx
        .updateTable('agreements')
        .set({ ...columns(input), updated_at: at })
        .where('id', '=', id)
        .execute();
    },

    async delete(id: string, trx: Executor = db): Promise<void> {
      await trx.deleteFrom('agreements').where('id', '=', id).execute();
    },

    /**
     * Records that an alert went out for this expiry date. False when another run already did
     * (or the date changed meanwhile), so concurrent runs alert once.
     */
    async markExpiryAlerted(id: string, expiresOn: string, trx: Executor = db) {
      const result = await trx
        .updateTable('agreements')
        .set({ expiry_alerted_for: expiresOn })
        .where('id', '=', id)
        .where('expires_on', '=', expiresOn)
        .where((eb) =>
          eb.or([eb('expiry_alerted_for', 'is', null), eb('expiry_alerted_for', '!=', expiresOn)]),
        )
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async findDocument(agreementId: string, documentId: string, trx: Executor = db) {
      const row = await documentQuery(trx)
        .where('document.id', '=', documentId)
        .where('document.agreement_id', '=', agreementId)
        .executeTakeFirst();
      return row && toDocument(row);
    },

    async insertDocument(
      document: { id: string; agreementId: string; sha256: string; fileName: string },
      uploaded: { by: string | null; at: string },
      trx: Executor = db,
    ): Promise<void> {
      await trx
        .insertInto('agreement_documents')
        .values({
          id: document.id,
          agreement_id: document.agreementId,
          sha256: document.sha256,
          file_name: document.fileName,
          uploaded_by: uploaded.by,
          uploaded_at: uploaded.at,
        })
        .execute();
    },

    async deleteDocument(documentId: string, trx: Executor = db): Promise<void> {
      await trx.deleteFrom('agreement_documents').where('id', '=', documentId).execute();
    },
  };
}

export type AgreementStore = ReturnType<typeof createAgreementStore>;
