import type { FastifyReply, FastifyRequest } from 'fastify';
import type { UploadedFile } from '../lib/blob-store.js';
import { UnsupportedMediaType, ValidationError } from '../lib/errors.js';

export const MAX_UPLOAD_BYTES = 25 * 1024 * 1024;

/**
 * Options for `@fastify/multipart`: one file and nothing else of size. The whole file is held
 * in memory, so it is bounded; a second file or a bigger one is refused by the parser.
 */
export const UPLOAD_LIMITS = {
  files: 1,
  fileSize: MAX_UPLOAD_BYTES,
  fields: 5,
  fieldSize: 1024,
  parts: 6,
  headerPairs: 20,
};

/** The one file in form field "file". */
export async function readUpload(request: FastifyRequest): Promise<UploadedFile> {
  return (await readUploadWithFields(request)).file;
}

/** The one file in form field "file", and the text fields sent with it. */
export async function readUploadWithFields(
  request: FastifyRequest,
): Promise<{ file: UploadedFile; fields: Record<string, string> }> {
  if (!request.isMultipart())
    throw new UnsupportedMediaType(request.headers['content-type'] ?? '(none)');
  let upload: UploadedFile | undefined;
  const fields: Record<string, string> = {};
  for await (const part of request.parts()) {
    if (part.type !== 'file') {
      if (typeof part.value === 'string') fields[part.fieldname] = part.value;
      continue;
    }
    if (part.fieldname !== 'file') {
      part.file.resume();
      throw ValidationError.forField(`body.${part.fieldname}`, 'send the document as "file"');
    }
    upload = { fileName: part.filename, bytes: await part.toBuffer() };
  }
  if (!upload) throw ValidationError.forField('body.file', 'is required');
  return { file: upload, fields };
}

/** RFC 6266 with an RFC 5987 UTF-8 name, plus a plain ASCII fallback for old clients. */
export function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Always a download, never rendered in our origin: an uploaded file is untrusted content. */
export function sendAsAttachment(
  reply: FastifyReply,
  file: { mediaType: string; fileName: string; content: Buffer },
) {
  return reply
    .header('content-type', file.mediaType)
    .header('content-disposition', attachment(file.fileName))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(file.content);
}
