import http from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * A small HTTP client for benchmarks that drive the real API. It uses node:http rather than
 * fetch so request bodies can be streams (a million-row CSV generated as it is sent) and
 * responses can be counted chunk by chunk without ever holding them whole.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

export const BENCH_ADMIN = { email: 'bench@shop.example', password: 'benchmark passphrase 2026' };

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

export async function send(
  url: string,
  options: {
    method?: string;
    headers?: Record<string, string>;
    body?: string | Buffer | Readable;
  } = {},
): Promise<Reply> {
  const { body } = options;
  return new Promise<Reply>((resolve, reject) => {
    const req = http.request(url, {
      method: options.method ?? 'GET',
      headers: options.headers,
      agent,
    });
    req.once('error', reject);
    req.once('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.once('error', reject);
      res.once('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    if (body instanceof Readable) pipeline(body, req).catch(reject);
    else req.end(body);
  });
}

/** Sends and parses JSON, failing loudly on an unexpected status (set-up must not half-work). */
export async function sendJson<T>(
  url: string,
  options: Parameters<typeof send>[1] & { expect?: number },
): Promise<T> {
  const reply = await send(url, options);
  const expected = options.expect ?? 200;
  if (reply.status !== expected)
    throw new Error(
      `${options.method ?? 'GET'} ${url}: ${reply.status} ${reply.text.slice(0, 500)}`,
    );
  return JSON.parse(reply.text) as T;
}

/**
 * Streams a GET response and counts its lines and bytes as they arrive, so a 750,000-row
 * export is measured without the client's memory getting in the way.
 */
export async function countLines(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; lines: number; bytes: number; firstByteMs: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers, agent }, (res) => {
      let lines = 0;
      let bytes = 0;
      let firstByteMs = Number.NaN;
      res.on('data', (chunk: Buffer) => {
        if (bytes === 0) firstByteMs = performance.now() - started;
        bytes += chunk.length;
        for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines += 1;
      });
      res.once('error', reject);
      res.once('end', () => resolve({ status: res.statusCode ?? 0, lines, bytes, firstByteMs }));
    });
    req.once('error', reject);
  });
}

/** Signs the benchmark admin in; returns the headers a cookie-authenticated write needs. */
export async function signIn(url: string): Promise<Record<string, string>> {
  const reply = await send(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(BENCH_ADMIN),
  });
  if (reply.status !== 200) throw new Error(`sign-in failed: ${reply.status} ${reply.text}`);
  const cookie = reply.headers['set-cookie']![0]!.split(';')[0]!;
  const { csrfToken } = JSON.parse(reply.text) as { csrfToken: string };
  return { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken };
}

/** Creates an API token for the signed-in admin and returns the bearer header for it. */
export async function createToken(
  url: string,
  session: Record<string, string>,
  scopes: ('ingest' | 'read' | 'write' | 'admin')[],
): Promise<Record<string, string>> {
  const { secret } = await sendJson<{ secret: string }>(`${url}/api/v1/tokens`, {
    method: 'POST',
    headers: session,
    body: JSON.stringify({ name: `bench ${scopes.join('+')}`, scopes, expiresInDays: 1 }),
    expect: 201,
  });
  return { authorization: `Bearer ${secret}` };
}

/** A vendor with `count` server-side integrations that declare what the events will carry. */
export async function createVendor(
  url: string,
  session: Record<string, string>,
  legalName: string,
  count: number,
): Promise<{ vendorId: string; integrationIds: string[] }> {
  const vendor = await sendJson<{ id: string }>(`${url}/api/v1/vendors`, {
    method: 'POST',
    headers: session,
    body: JSON.stringify({ legalName }),
    expect: 201,
  });
  const integrationIds: string[] = [];
  for (let i = 1; i <= count; i += 1) {
    const integration = await sendJson<{ id: string }>(
      `${url}/api/v1/vendors/${vendor.id}/integrations`,
      {
        method: 'POST',
        headers: session,
        body: JSON.stringify({
          name: `${legalName} feed ${i}`,
          kind: 'server_api_client',
          declaredCategories: ['email', 'order_history'],
        }),
        expect: 201,
      },
    );
    integrationIds.push(integration.id);
  }
  return { vendorId: vendor.id, integrationIds };
}
