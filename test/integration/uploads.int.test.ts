import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialect } from '../support/database.js';
import { createTestApp, type Caller, type TestApp } from '../support/app.js';

/**
 * Refused uploads over a real socket: `inject()` fakes the connection, so only a listening
 * server shows whether the client gets its 4xx or a reset connection (which ingest clients
 * would retry forever).
 */
describe(`refused uploads over HTTP (${testDialect})`, () => {
  let t: TestApp;
  let port: number;
  let bearer: string;
  let analyst: Caller;

  beforeAll(async () => {
    t = await createTestApp();
    analyst = await t.callerWithRole('analyst');
    const token = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: analyst.headers,
      payload: { name: 'ingest', scopes: ['ingest'], expiresInDays: 1 },
    });
    bearer = `Bearer ${token.json<{ secret: string }>().secret}`;
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.server.address() as AddressInfo).port;
  });
  afterAll(() => t.close());

  /** Streams `size` bytes (or the given body) and resolves with the status, or the error. */
  function post(headers: Record<string, string>, body: Buffer | { size: number }) {
    return new Promise<string>((resolve) => {
      const request = http.request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/v1/sharing-events',
          headers,
          agent: false,
        },
        (response) => {
          response.resume();
          response.on('end', () => resolve(String(response.statusCode)));
        },
      );
      request.on('error', (error) => resolve(`error: ${error.message}`));
      if (Buffer.isBuffer(body)) return request.end(body);
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < body.size) {
          sent += chunk.length;
          if (!request.write(chunk)) return void request.once('drain', pump);
        }
        request.end();
      };
      pump();
    });
  }

  const ndjson = () => ({ authorization: bearer, 'content-type': 'application/x-ndjson' });

  it('answers 413 to a body past the limit, declared or streamed', async () => {
    const size = 40 * 1024 * 1024;
    expect(await post({ ...ndjson(), 'content-length': String(size) }, { size }), 'declared').toBe(
      '413',
    );
    expect(await post(ndjson(), { size }), 'streamed').toBe('413');
  });

  it('answers 400 to corrupt gzip', async () => {
    const gzip = gzipSync(Buffer.alloc(4 * 1024 * 1024, 0x7b));
    gzip.fill(0x41, 200, 400);
    expect(await post({ ...ndjson(), 'content-encoding': 'gzip' }, gzip)).toBe('400');
  });

  it('refuses a vendor CSV that is not UTF-8', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/vendors/import',
      headers: { ...analyst.headers, 'content-type': 'text/csv' },
      payload: Buffer.from('legal_name\nM\xfcller GmbH\n', 'latin1'),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ message: string }>().message).toBe('body: is not valid UTF-8');
  });
});
