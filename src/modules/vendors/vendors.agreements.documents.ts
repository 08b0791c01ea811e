import { randomUUID } from 'node:crypto';
import type { Executor } from '../../db/database.js';
import {
  createBlobStore,
  fileNameFor,
  sanitizeFileName,
  sniffMediaType,
  type UploadedFile,
} from '../../lib/blob-store.js';
import { NotFound, ValidationError } from '../../lib/errors.js';
import { authorize, principalUserId, type CallContext } from '../../lib/principal.js';
import type { AgreementDocument, AgreementStore } from './vendors.agreements.store.js';
import type { VendorDeps } from './vendors.deps.js';
import { requireVendorName } from './vendors.relations.lookup.js';

const VIEWER = { role: 'viewer', scope: 'read' } as const;
const ANALYST = { role: 'analyst', scope: 'write' } as const;

/**
 * Signed copies of agreements. The bytes go to the content-addressed blob store (the same file
 * twice is stored once); the document row ties a file name to them under one agreement.
 */
export function createAgreementDocumentService(
  { db, clock, audit }: Pick<VendorDeps, 'db' | 'clock' | 'audit'>,
  store: AgreementStore,
) {
  const blobs = createBlobStore(db.kysely, clock);

  async function requireAgreement(trx: Executor, vendorId: string, agreementId: string) {
    await requireVendorName(trx, vendorId);
    const agreement = await store.find(vendorId, agreementId, trx);
    if (!agreement) throw new NotFound('Agreement', agreementId);
    return agreement;
  }

  async function requireDocument(
    trx: Executor,
    path: { vendorId: string; agreementId: string; documentId: string },
  ): Promise<AgreementDocument> {
    await requireAgreement(trx, path.vendorId, path.agreementId);
    const document = await store.findDocument(path.agreementId, path.documentId, trx);
    if (!document) throw new NotFound('Document', path.documentId);
    return document;
  }

  return {
    async upload(
      ctx: CallContext,
      vendorId: string,
      agreementId: string,
      file: UploadedFile,
    ): Promise<AgreementDocument> {
      authorize(ctx, ANALYST);
      if (file.bytes.length === 0) throw ValidationError.forField('body.file', 'is empty');
      const mediaType = sniffMediaType(file.bytes, sanitizeFileName(file.fileName));
      const fileName = fileNameFor(sanitizeFileName(file.fileName), mediaType);
      const documentId = randomUUID();
      const uploaded = { by: principalUserId(ctx.principal), at: clock.now().toISOString() };
      return db.kysely.transaction().execute(async (trx) => {
        await requireAgreement(trx, vendorId, agreementId);
        const sha256 = await blobs.put(file.bytes, mediaType, trx);
        await store.insertDocument(
          { id: documentId, agreementId, sha256, fileName },
          uploaded,
          trx,
        );
        await audit.record(
          ctx,
          {
            action: 'vendors.agreement.document.upload',
            objectType: 'agreement_document',
            objectId: documentId,
            details: { vendorId, agreementId, fileName, sha256, byteSize: file.bytes.length },
          },
          trx,
        );
        return requireDocument(trx, { vendorId, agreementId, documentId });
      });
    },

    async download(
      ctx: CallContext,
      path: { vendorId: string; agreementId: string; documentId: string },
    ): Promise<AgreementDocument & { content: Buffer }> {
      authorize(ctx, VIEWER);
      const document = await requireDocument(db.kysely, path);
      const blob = await blobs.get(document.sha256);
      if (!blob) throw new NotFound('Document', path.documentId);
      return { ...document, content: blob.content };
    },

    /** Forgets the document; its bytes go too, unless another record still uses them. */
    async remove(
      ctx: CallContext,
      path: { vendorId: string; agreementId: string; documentId: string },
    ): Promise<void> {
      authorize(ctx, ANALYST);
      await db.kysely.transaction().execute(async (trx) => {
        const document = await requireDocument(trx, path);
        await store.deleteDocument(document.id, trx);
        await blobs.deleteIfUnreferenced(document.sha256, trx);
        await audit.record(
          ctx,
          {
            action: 'vendors.agreement.document.delete',
            objectType: 'agreement_document',
            objectId: document.id,
            details: {
              vendorId: path.vendorId,
              agreementId: path.agreementId,
              fileName: document.fileName,
              sha256: document.sha256,
            },
          },
          trx,
        );
      });
    },
  };
}

export type AgreementDocumentService = ReturnType<typeof createAgreementDocumentService>;
