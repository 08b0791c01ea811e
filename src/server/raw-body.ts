import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Readable, Transform } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { BadRequest, PayloadTooLarge, UnsupportedMediaType } from '../lib/errors.js';

/**
 * Bodies that are files or batches (CSV, NDJSON) reach handlers as streams, not parsed JSON,
 * so a million-row import never sits in memory. `Content-Encoding: gzip` is undone here, with
 * the size limit applied to the *decompressed* bytes so a small bomb cannot expand unchecked.
 */
export const NDJSON_TYPES = ['application/x-ndjson', 'application/jsonl', 'application/ndjson'];
export const CSV_TYPES = ['text/csv'];

/** Passes matching request bodies through as their raw stream (limits apply when read). */
export function acceptRawBodies(app: FastifyInstance, contentTypes: string[]): void {
  app.addContentTypeParser(contentTypes, (_request, payload, done) => done(null, payload));
}

/** The request body as a decompressed byte stream that fails past `limitBytes`. */
export function bodyStream(request: FastifyRequest, limitBytes: number): Readable {
  const body = request.body;
  if (!(body instanceof Readable))
    throw new UnsupportedMediaType(request.headers['content-type'] ?? '(none)');
  // Declared too large: refuse before reading a byte (compressed bodies only shrink the check).
  if (Number(request.headers['content-length'] ?? 0) > limitBytes)
    throw new PayloadTooLarge(`The request body is larger than ${limitBytes} bytes`);
  // On a refusal the rest of the body is read and dropped rather than the socket destroyed,
  // so the client gets its 4xx instead of a connection reset it would retry forever.
  const drain = () => {
    body.unpipe();
    body.resume();
  };
  const encoding = (request.headers['content-encoding'] ?? 'identity').toLowerCase().trim();
  if (encoding === 'identity') return body.pipe(sizeLimit(limitBytes, body, drain));
  if (encoding !== 'gzip' && encoding !== 'x-gzip')
    throw new BadRequest(`Content-Encoding '${encoding}' is not supported; send gzip or nothing`);
  const gunzip = createGunzip();
  body.on('error', (error) => gunzip.destroy(error));
  gunzip.on('error', drain);
  return body.pipe(gunzip).pipe(sizeLimit(limitBytes, gunzip, drain));
}

/** Reads a whole, bounded body as UTF-8 text: for batches small enough to validate at once. */
export async function readBodyText(request: FastifyRequest, limitBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of bodyStream(request, limitBytes)) chunks.push(chunk as Buffer);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new BadRequest('body: is not valid UTF-8');
  }
}

function sizeLimit(limitBytes: number, upstream: Readable, drain: () => void): Transform {
  let seen = 0;
  const limiter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > limitBytes) {
        upstream.unpipe();
        drain();
        callback(new PayloadTooLarge(`The request body is larger than ${limitBytes} bytes`));
        return;
      }
      callback(null, chunk);
    },
  });
  upstream.on('error', (error: Error & { code?: string }) =>
    limiter.destroy(
      error.code?.startsWith('Z_') ? new BadRequest('body: is not valid gzip data') : error,
    ),
  );
  return limiter;
}
