import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { attachment, ThreadMessage } from '../../contracts/disclosure.js';
import type { Executor } from '../../db/database.js';
import {
  createBlobStore,
  fileNameFor,
  sanitizeFileName,
  sniffMediaType,
  type UploadedFile,
} from '../../lib/blob-store.js';
import { Conflict, NotFound, ValidationError } from '../../lib/errors.js';
import type { DisclosureDeps } from './disclosure.deps.js';
import { renderMarkdown } from './disclosure.markdown.js';
import { createThreadStore, type AttachmentRow } from './disclosure.thread.store.js';

/** Per report, so neither side can fill the database through one thread. */
export const MAX_ATTACHMENTS = 50;

export type Audience = 'researcher' | 'team';
type Attachment = z.infer<typeof attachment>;

const attachmentView = (row: AttachmentRow): Attachment => ({
  id: row.id,
  fileName: row.file_name,
  mediaType: row.media_type,
  size: Number(row.size),
  uploadedBy: row.uploaded_by === 'team' ? 'team' : 'researcher',
  internal: row.internal === 1,
  createdAt: row.created_at,
});

/**
 * A report's thread, shared by the researcher's link and the team's pages: the one place
 * messages are written, attachments are stored, and the audience filter is applied (team
 * notes never reach the researcher).
 */
export function createThread(deps: Pick<DisclosureDeps, 'db' | 'clock'>) {
  const store = createThreadStore(deps.db.kysely);
  const blobs = createBlobStore(deps.db.kysely, deps.clock);

  return {
    async post(
      message: {
        reportId: string;
        author: 'researcher' | 'team' | 'note';
        authorId: string | null;
        body: string;
        /** Only an import of past reports sets it; live messages are stamped now. */
        at?: string;
      },
      trx: Executor,
    ): Promise<string> {
      const id = randomUUID();
      await store.insertMessage(
        {
          id,
          report_id: message.reportId,
          author_kind: message.author,
          author_id: message.authorId,
          body: message.body,
          created_at: message.at ?? deps.clock.now().toISOString(),
        },
        trx,
      );
      return id;
    },

    /** Checks the file (type by content, not by name) before anything is stored. */
    /** `internal` files are the team's own: the researcher never lists or downloads them. */
    async attach(
      reportId: string,
      uploadedBy: Audience,
      file: UploadedFile,
      trx: Executor,
      internal = false,
    ): Promise<Attachment> {
      if (file.bytes.length === 0) throw ValidationError.forField('body.file', 'is empty');
      const safeName = sanitizeFileName(file.fileName);
      const mediaType = sniffMediaType(file.bytes, safeName);
      if ((await store.countAttachments(reportId, trx)) >= MAX_ATTACHMENTS)
        throw new Conflict(`A report takes at most ${MAX_ATTACHMENTS} attachments`);
      const row: AttachmentRow = {
        id: randomUUID(),
        report_id: reportId,
        message_id: null,
        sha256: await blobs.put(file.bytes, mediaType, trx),
        file_name: fileNameFor(safeName, mediaType),
        media_type: mediaType,
        size: file.bytes.length,
        uploaded_by: uploadedBy,
        internal: internal ? 1 : 0,
        created_at: deps.clock.now().toISOString(),
      };
      await store.insertAttachment(row, trx);
      return attachmentView(row);
    },

    async download(reportId: string, attachmentId: string, audience: Audience) {
      const row = await store.findAttachment(reportId, attachmentId);
      const visible = row && (audience === 'team' || row.internal === 0);
      const blob = visible && (await blobs.get(row.sha256));
      if (!row || !blob) throw new NotFound('Attachment', attachmentId);
      return { fileName: row.file_name, mediaType: row.media_type, content: blob.content };
    },

    /** Messages in order, rendered for the audience, and the report's attachments. */
    async read(reportId: string, audience: Audience) {
      const [messages, attachments] = await Promise.all([
        store.messages(reportId),
        store.attachments(reportId),
      ]);
      const visible = messages.filter((m) => audience === 'team' || m.author_kind !== 'note');
      const views: ThreadMessage[] = visible.map((m) => ({
        id: m.id,
        author: m.author_kind as ThreadMessage['author'],
        // Researchers see the team as one voice; the team sees who wrote what.
        authorName:
          m.author_kind === 'researcher' || audience === 'researcher' ? null : m.author_name,
        body: m.body,
        html: renderMarkdown(m.body),
        createdAt: m.created_at,
      }));
      const shown = attachments.filter((a) => audience === 'team' || a.internal === 0);
      return { messages: views, attachments: shown.map(attachmentView) };
    },
  };
}

export type Thread = ReturnType<typeof createThread>;
