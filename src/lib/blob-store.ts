import path from 'node:path';
import type { Executor } from '../db/database.js';
import type { Clock } from './clock.js';
import { sha256Hex } from './crypto.js';
import { AppError } from './errors.js';

/**
 * Uploaded files, content-addressed in the `blobs` table: the SHA-256 of the bytes is the key,
 * so the same file uploaded twice is stored once, and a stored file can never change under the
 * records that point at it.
 */
export interface StoredBlob {
  sha256: string;
  mediaType: string;
  byteSize: number;
  content: Buffer;
}

/** A file as received from a client, before it is checked and stored. */
export interface UploadedFile {
  /** As the client named it; sanitised before it is stored. */
  fileName: string;
  bytes: Buffer;
}

export function createBlobStore(db: Executor, clock: Clock) {
  async function get(sha256: string, trx: Executor = db): Promise<StoredBlob | undefined> {
    const row = await trx
      .selectFrom('blobs')
      .select(['sha256', 'media_type', 'byte_size', 'content'])
      .where('sha256', '=', sha256)
      .executeTakeFirst();
    return (
      row && {
        sha256: row.sha256,
        mediaType: row.media_type,
        byteSize: Number(row.byte_size),
        content: row.content,
      }
    );
  }

  return {
    /** Stores the bytes unless they are already there; returns their SHA-256 either way. */
    async put(bytes: Buffer, mediaType: string, trx: Executor = db): Promise<string> {
      const sha256 = sha256Hex(bytes);
      await trx
        .insertInto('blobs')
        .values({
          sha256,
          media_type: mediaType,
          byte_size: bytes.length,
          content: bytes,
          created_at: clock.now().toISOString(),
        })
        .onConflict((conflict) => conflict.column('sha256').doNothing())
        .execute();
      return sha256;
    },

    /**
     * Removes the bytes once no record points at them any more (the tables that hold blob
     * references are listed here), so deleting and re-uploading cannot grow the store.
     */
    async deleteIfUnreferenced(sha256: string, trx: Executor = db): Promise<void> {
      await trx
        .deleteFrom('blobs')
        .where('sha256', '=', sha256)
        .where((eb) =>
          eb.and([
            eb.not(
              eb.exists(
                eb.selectFrom('agreement_documents').select('sha256').where('sha256', '=', sha256),
              ),
            ),
            eb.not(
              eb.exists(
                eb.selectFrom('assessment_evidence').select('sha256').where('sha256', '=', sha256),
              ),
            ),
            eb.not(
              eb.exists(
                eb.selectFrom('exposure_sboms').select('sha256').where('sha256', '=', sha256),
              ),
            ),
            eb.not(
              eb.exists(
                eb.selectFrom('incident_evidence').select('sha256').where('sha256', '=', sha256),
              ),
            ),
            eb.not(
              eb.exists(
                eb.selectFrom('trust_documents').select('sha256').where('sha256', '=', sha256),
              ),
            ),
            eb.not(
              eb.exists(
                eb
                  .selectFrom('disclosure_attachments')
                  .select('sha256')
                  .where('sha256', '=', sha256),
              ),
            ),
            eb.not(
              eb.exists(
                eb
                  .selectFrom('incident_scope_snapshots')
                  .select('set_sha256')
                  .where('set_sha256', '=', sha256),
              ),
            ),
          ]),
        )
        .execute();
    },

    /**
     * The bytes with the SHA-256 they hash to now, which differs from their key only if they
     * were changed outside Cordon: what a download of evidence must check before it serves.
     */
    async getHashed(sha256: string, trx: Executor = db) {
      const blob = await get(sha256, trx);
      return blob && { ...blob, actualSha256: sha256Hex(blob.content) };
    },

    get,
  };
}

export type BlobStore = ReturnType<typeof createBlobStore>;

export const ACCEPTED_UPLOADS = 'PDF, PNG, JPEG, DOCX, XLSX or plain UTF-8 text';

const OFFICE_TYPES: Record<string, string> = {
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const startsWith = (bytes: Uint8Array, magic: readonly number[]) =>
  bytes.length >= magic.length && magic.every((byte, index) => bytes[index] === byte);

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Control bytes no text file needs (tab, newline, form feed and carriage return are fine). */
const isBinaryControl = (byte: number) =>
  byte < 0x20 ? byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d : byte === 0x7f;

function isPlainText(bytes: Uint8Array): boolean {
  if (bytes.some(isBinaryControl)) return false;
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * The media type of an upload, decided by its first bytes, never by what the client claims:
 * a program renamed to `contract.pdf` is refused. A ZIP container is only accepted as the
 * Office format its extension names, since DOCX and XLSX share the ZIP magic.
 */
export function sniffMediaType(bytes: Uint8Array, fileName: string): string {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const office = OFFICE_TYPES[path.extname(fileName).toLowerCase()];
    if (office) return office;
  } else if (isPlainText(bytes)) {
    // Stricter than "UTF-8 without NUL": a binary whose bytes happen to decode is still binary.
    return 'text/plain';
  }
  throw new AppError(
    'UNSUPPORTED_MEDIA_TYPE',
    415,
    `The content of '${fileName}' is not an accepted file type (${ACCEPTED_UPLOADS})`,
  );
}

// eslint-disable-next-line no-control-regex
const unsafeCharacters = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069"]/g;
const loneSurrogates = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const MAX_FILE_NAME = 200;

/**
 * A client-supplied file name made safe to store and to echo in a download header: the last
 * path segment only, without control or bidirectional-override characters or broken UTF-16
 * (which the download header could not encode), at most 200
 * characters (the extension is kept when the name is cut).
 */
export function sanitizeFileName(raw: string): string {
  const base = raw.normalize('NFC').split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(unsafeCharacters, '').replace(loneSurrogates, '').trim();
  const name = cleaned === '' || cleaned === '.' || cleaned === '..' ? 'document' : cleaned;
  const characters = [...name];
  if (characters.length <= MAX_FILE_NAME) return name;
  const extension = [...path.extname(name)].slice(0, 20);
  return [...characters.slice(0, MAX_FILE_NAME - extension.length), ...extension].join('');
}

/** Extensions a stored file may keep for its sniffed type; the first is added otherwise. */
const SAFE_EXTENSIONS: Record<string, string[]> = {
  'application/pdf': ['.pdf'],
  'image/png': ['.png'],
  'image/jpeg': ['.jpg', '.jpeg'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['.docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['.xlsx'],
  'text/plain': ['.txt', '.csv', '.json', '.md', '.log'],
};

/**
 * The download name for a file of a sniffed type: its own name if the extension fits the
 * content, else with the type's extension added (`report.hta` holding text downloads as
 * `report.hta.txt`), so opening a downloaded file never runs it as something else.
 */
export function fileNameFor(fileName: string, mediaType: string): string {
  const allowed = SAFE_EXTENSIONS[mediaType];
  if (!allowed) return `${fileName}.bin`;
  return allowed.includes(path.extname(fileName).toLowerCase())
    ? fileName
    : `${fileName}${allowed[0]}`;
}
