import { randomUUID } from 'node:crypto';
import type { AccessRequestInput, DocumentMetadata } from '../../contracts/trust.js';
import {
  createBlobStore,
  fileNameFor,
  sanitizeFileName,
  sniffMediaType,
  type UploadedFile,
} from '../../lib/blob-store.js';
import { randomToken, sha256Hex } from '../../lib/crypto.js';
import { Conflict, LinkExpired, NotFound, ValidationError } from '../../lib/errors.js';
import { authorize, principalUserId, type CallContext } from '../../lib/principal.js';
import type { TrustParts } from './trust.deps.js';
import type { TrustSettingsService } from './trust.settings.service.js';
import { toDocument, type RequestRow } from './trust.store.js';
import { ACCESS, DAY_MS, type AccessRequest, type TrustDocument } from './trust.types.js';

type Requester = AccessRequestInput;

/**
 * Certifications and documents. Public ones download from the page; the others are asked for
 * (name, email, company, reason, sealed at rest) and, once staff approve, the requester is
 * mailed a capability link: 256 random bits, stored as SHA-256 only, expiring, revocable, and
 * good for exactly that request's document.
 */
export function createDocumentService(parts: TrustParts, settings: TrustSettingsService) {
  const { store, clock, audit } = parts;
  const blobs = createBlobStore(parts.db.kysely, clock);

  async function requireDocument(id: string) {
    const row = await store.findDocument(id);
    if (!row) throw new NotFound('Document', id);
    return row;
  }

  function present(row: RequestRow & { document_title: string }): AccessRequest {
    const requester = JSON.parse(parts.box.open(row.requester, row.id)) as Requester;
    return {
      id: row.id,
      documentId: row.document_id,
      documentTitle: row.document_title,
      status: row.status as AccessRequest['status'],
      ...requester,
      createdAt: row.created_at,
      decidedAt: row.decided_at,
      linkExpiresAt: row.link_expires_at,
    };
  }

  async function decide(
    ctx: CallContext,
    id: string,
    from: string,
    status: string,
    extra: Partial<Pick<RequestRow, 'link_hash' | 'link_expires_at'>> = {},
  ) {
    authorize(ctx, ACCESS.staff);
    const row = await store.findRequest(id);
    if (!row) throw new NotFound('Document request', id);
    const decided = { status, decided_by: principalUserId(ctx.principal) };
    await parts.db.kysely.transaction().execute(async (trx) => {
      const patch = { ...decided, decided_at: clock.now().toISOString(), ...extra };
      if (!(await store.decideRequest(id, from, patch, trx)))
        throw new Conflict(`Document request '${id}' is ${row.status}, not ${from}`);
      await audit.record(
        ctx,
        {
          action: `trust.document_request.${status}`,
          objectType: 'trust_document_request',
          objectId: id,
          details: { documentId: row.document_id },
        },
        trx,
      );
    });
    return present((await store.findRequest(id))!);
  }

  const documentEvent = (action: string, id: string, details: object = {}) => ({
    action: `trust.document.${action}`,
    objectType: 'trust_document',
    objectId: id,
    details: { ...details },
  });

  return {
    async list(): Promise<TrustDocument[]> {
      return (await store.documents()).map(toDocument);
    },

    async listForStaff(ctx: CallContext): Promise<TrustDocument[]> {
      authorize(ctx, ACCESS.staff);
      return this.list();
    },

    async upload(ctx: CallContext, metadata: DocumentMetadata, file: UploadedFile) {
      authorize(ctx, ACCESS.staff);
      if (file.bytes.length === 0) throw ValidationError.forField('body.file', 'is empty');
      const safeName = sanitizeFileName(file.fileName);
      const mediaType = sniffMediaType(file.bytes, safeName);
      const id = randomUUID();
      const at = clock.now().toISOString();
      await parts.db.kysely.transaction().execute(async (trx) => {
        const sha256 = await blobs.put(file.bytes, mediaType, trx);
        await store.insertDocument(
          {
            id,
            ...metadata,
            file_name: fileNameFor(safeName, mediaType),
            media_type: mediaType,
            byte_size: file.bytes.length,
            sha256,
            created_by: principalUserId(ctx.principal),
            created_at: at,
            updated_at: at,
          },
          trx,
        );
        await store.bumpVersion(trx);
        await audit.record(
          ctx,
          documentEvent('uploaded', id, { sha256, access: metadata.access }),
          trx,
        );
      });
      parts.changed();
      return toDocument(await requireDocument(id));
    },

    async update(ctx: CallContext, id: string, metadata: DocumentMetadata) {
      authorize(ctx, ACCESS.staff);
      await requireDocument(id);
      await parts.db.kysely.transaction().execute(async (trx) => {
        await store.updateDocument(id, { ...metadata, updated_at: clock.now().toISOString() }, trx);
        await store.bumpVersion(trx);
        await audit.record(ctx, documentEvent('updated', id, { access: metadata.access }), trx);
      });
      parts.changed();
      return toDocument(await requireDocument(id));
    },

    async remove(ctx: CallContext, id: string): Promise<void> {
      authorize(ctx, ACCESS.staff);
      const row = await requireDocument(id);
      await parts.db.kysely.transaction().execute(async (trx) => {
        await store.deleteDocument(id, trx);
        await blobs.deleteIfUnreferenced(row.sha256, trx);
        await store.bumpVersion(trx);
        await audit.record(ctx, documentEvent('deleted', id), trx);
      });
      parts.changed();
    },

    /** A public document's bytes; a request-access document is 404 here, as if absent. */
    async publicFile(id: string) {
      const row = await store.findDocument(id);
      if (!row || row.access !== 'public') throw new NotFound('Document', id);
      return this.file(row);
    },

    async file(row: { sha256: string; file_name: string; media_type: string; id: string }) {
      const blob = await blobs.get(row.sha256);
      if (!blob) throw new NotFound('Document', row.id);
      return { fileName: row.file_name, mediaType: row.media_type, content: blob.content };
    },

    /** From the public form: stored sealed, staff decide; the requester hears only on approval. */
    async request(ctx: CallContext, documentId: string, requester: Requester) {
      const document = await store.findDocument(documentId);
      if (!document || document.access !== 'request') throw new NotFound('Document', documentId);
      const id = randomUUID();
      await parts.db.kysely.transaction().execute(async (trx) => {
        await store.insertRequest(
          {
            id,
            document_id: documentId,
            requester: parts.box.seal(JSON.stringify(requester), id),
            status: 'pending',
            link_hash: null,
            link_expires_at: null,
            decided_by: null,
            decided_at: null,
            created_at: clock.now().toISOString(),
          },
          trx,
        );
        await audit.record(
          ctx,
          {
            action: 'trust.document_request.created',
            objectType: 'trust_document_request',
            objectId: id,
            details: { documentId },
          },
          trx,
        );
      });
      return id;
    },

    async requests(ctx: CallContext, status?: string): Promise<AccessRequest[]> {
      authorize(ctx, ACCESS.staff);
      return (await store.requests(status)).map(present);
    },

    async approve(ctx: CallContext, id: string, expiresInDays?: number) {
      const days = expiresInDays ?? (await settings.current()).linkDays;
      const token = randomToken(32);
      const expiresAt = new Date(clock.now().getTime() + days * DAY_MS);
      const approved = await decide(ctx, id, 'pending', 'approved', {
        link_hash: sha256Hex(token),
        link_expires_at: expiresAt.toISOString(),
      });
      const shop = (await settings.current()).shopName;
      await parts.mail.send(
        {
          to: approved.email,
          subject: `${shop}: your access to "${approved.documentTitle}"`,
          text:
            `Hello ${approved.name},\n\nYour request to read "${approved.documentTitle}" was ` +
            `approved. Download it here until ${expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC:\n\n` +
            `${parts.url(`/trust/documents/access/${token}`)}\n\nThe link is for you only; please do not share it.\n`,
        },
        { idempotencyKey: `trust.document-link.${id}` },
      );
      return approved;
    },

    deny: (ctx: CallContext, id: string) => decide(ctx, id, 'pending', 'denied'),

    /** Ends an approved request's link at once. */
    revoke: (ctx: CallContext, id: string) => decide(ctx, id, 'approved', 'revoked'),

    /** The document a capability link opens: 404 if unknown, 410 if expired or revoked. */
    async byLink(token: string) {
      if (!/^[A-Za-z0-9_-]{43}$/.test(token)) throw new NotFound('Download link', 'this link');
      const row = await store.findRequestByLink(sha256Hex(token));
      if (!row) throw new NotFound('Download link', 'this link');
      const expired =
        row.link_expires_at === null || Date.parse(row.link_expires_at) <= clock.now().getTime();
      if (row.status !== 'approved' || expired) throw new LinkExpired();
      return this.file(await requireDocument(row.document_id));
    },
  };
}

export type DocumentService = ReturnType<typeof createDocumentService>;
