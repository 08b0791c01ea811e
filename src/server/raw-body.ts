import type { FastifyInstance, FastifyRequest } from 'fastify';
import { PassThrough, Readable, Transform } from 'node:stream';
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

/**
 * How long a refused body is drained before the refusal is sent anyway. Node closes the socket
 * once it has answered a request whose body is still arriving, so an answer sent mid-upload
 * reaches a client that is still writing as a broken pipe, not as its 4xx.
 */
const MAX_DRAIN_MS = 10_000;

/** The request body as a decompressed byte stream that fails past `limitBytes`. */
export function bodyStream(request: FastifyRequest, limitBytes: number): Readable {
  const body = request.body;
  if (!(body instanceof Readable))
    throw new UnsupportedMediaType(request.headers['content-type'] ?? '(none)');
  // On a refusal the rest of the body is read and dropped, and the refusal waits for it, so
  // the client gets its 4xx instead of a reset connection it would retry forever.
  const refuseAfterDrain = (error: Error): Promise<Error> => {
    body.unpipe();
    body.resume();
    return new Promise((resolve) => {
      const done = () => resolve(error);
      if (body.readableEnded) return done();
      body.once('end', done).once('close', done);
      setTimeout(done, MAX_DRAIN_MS).unref();
    });
  };
  const tooLarge = () => new PayloadTooLarge(`The request body is larger than ${limitBytes} bytes`);
  // Declared too large: refuse without parsing a byte (compressed bodies only shrink the check).
  if (Number(request.headers['content-length'] ?? 0) > limitBytes) {
    const refused = new PassThrough();
    void refuseAfterDrain(tooLarge()).then((error) => refused.destroy(error));
    return refused;
  }
  const encoding = (request.headers['content-encoding'] ?? 'identity').toLowerCase().trim();
  if (encoding === 'identity') return body.pipe(sizeLimit(limitBytes, body, refuseAfterDrain));
  if (encoding !== 'gzip' && encoding !== 'x-gzip')
    throw new BadRequest(`Content-Encoding '${encoding}' is not supported; send gzip or nothing`);
  const gunzip = createGunzip();
  body.on('error', (error) => gunzip.destroy(error));
  return body.pipe(gunzip).pipe(sizeLimit(limitBytes, gunzip, refuseAfterDrain));
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

function sizeLimit(
  limitBytes: number,
  upstream: Readable,
  refuseAfterDrain: (error: Error) => Promise<Error>,
): Transform {
  let seen = 0;
  const limiter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > limitBytes) {
        upstream.unpipe();
        void refuseAfterDrain(
          new PayloadTooLarge(`The request body is larger than ${limitBytes} bytes`),
        ).then(callback);
        return;
      }
      callback(null, chunk);
    },
  });
  upstream.on('error', (error: Error & { code?: string }) => {
    const refusal = error.code?.startsWith('Z_')
      ? new BadRequest('body: is not valid gzip data')
      : error;
    void refuseAfterDrain(refusal).then((reason) => limiter.destroy(reason));
  });
  return limiter;
}
