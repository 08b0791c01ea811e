import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadTest } from './support/load.js';
import { runCli, startBuiltServer } from './support/server.js';

/**
 * HTTP benchmark (issue: foundation). Measures spawn-to-ready time of the built `cordon serve`,
 * then an authenticated list endpoint (GET /api/v1/audit-events, 50 rows, bearer token) at 50
 * and 200 connections. Targets: >= 3,000 req/s and p95 < 20 ms at 50 connections; ready < 2 s.
 */
const DURATION_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const PASSWORD = 'benchmark passphrase 2026';

export async function runHttpBench(): Promise<void> {
  const readyTimes: number[] = [];
  for (let i = 0; i < 3; i += 1) {
    const server = await startBuiltServer();
    readyTimes.push(server.readyMs);
    await server.stop();
  }
  readyTimes.sort((a, b) => a - b);
  console.log(
    `ready after spawn: median ${readyTimes[1]!.toFixed(0)} ms (runs: ${readyTimes.map((t) => t.toFixed(0)).join(', ')} ms)`,
  );

  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cordon-bench-'));
  try {
    await runCli(
      ['admin', 'create', '--email', 'bench@shop.example', '--name', 'Bench', '--role', 'admin'],
      { CORDON_DATA_DIR: dataDir, CORDON_ADMIN_PASSWORD: PASSWORD, LOG_LEVEL: 'warn' },
    );
    const server = await startBuiltServer({}, dataDir);
    try {
      const token = await createReadToken(server.url);
      // A full 50-row page (the API's default) and a 10-row page, to show what the row count costs.
      for (const limit of [50, 10]) {
        for (const connections of [50, 200]) await measure(server.url, token, connections, limit);
      }
      console.log(`server peak RSS: ${server.peakRssMiB() ?? 'n/a'} MiB`);
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function createReadToken(url: string): Promise<string> {
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'bench@shop.example', password: PASSWORD }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const headers = { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken };
  // Fill the audit log so the list returns a full page of 50 real events.
  let secret = '';
  for (let i = 0; i < 60; i += 1) {
    const response = await fetch(`${url}/api/v1/tokens`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: `bench ${i}`, scopes: ['read'], expiresInDays: 1 }),
    });
    secret = ((await response.json()) as { secret: string }).secret;
  }
  return secret;
}

async function measure(
  url: string,
  token: string,
  connections: number,
  limit: number,
): Promise<void> {
  const result = await loadTest({
    url: `${url}/api/v1/audit-events?limit=${limit}`,
    headers: { authorization: `Bearer ${token}` },
    connections,
    seconds: DURATION_SECONDS,
  });
  console.log(
    `GET /api/v1/audit-events?limit=${limit}, ${connections} connections, ${DURATION_SECONDS} s: ` +
      `${Math.round(result.requestsPerSecond)} req/s, p50 ${result.p50.toFixed(1)} ms, ` +
      `p95 ${result.p95.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms, ` +
      `${result.requests} requests, ${result.failures} errors/non-2xx`,
  );
}
