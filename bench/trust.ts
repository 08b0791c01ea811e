import { sendJson, signIn } from './support/api.js';
import { createInstance, resetPeakRss, waitForQuietMachine } from './support/instance.js';
import { loadTest } from './support/load.js';
import type { RunningServer } from './support/server.js';

/**
 * The public trust center from cache (issue 7–10): the home page and the combined Atom feed,
 * 100 connections on 127.0.0.1 for BENCH_SECONDS (10) each, against the built `cordon serve`
 * on embedded SQLite with demo-sized content. Targets (DESIGN §8): >= 5,000 req/s, p99 < 20 ms.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 100;

const MEASURES = [
  ['Encryption', 'TLS 1.2+ in transit; AES-256 at rest for customer data and backups.'],
  ['Firewalls and network security', 'Default-deny network policies, WAF in front of the shop.'],
  ['Patching cadence', 'Critical patches within 72 hours, others within 30 days.'],
  ['Vendor due diligence', 'Every vendor answers a security questionnaire before integration.'],
  [
    'Incident response',
    'A rehearsed playbook; regulators and customers told within the law’s deadlines.',
  ],
  [
    'Vulnerability disclosure',
    'Report issues through /.well-known/security.txt; we credit researchers.',
  ],
];

export async function runTrustBench(): Promise<void> {
  const instance = await createInstance({ postgres: false });
  let server: RunningServer | undefined;
  try {
    server = await instance.start();
    const url = server.url;
    const session = await signIn(url);
    await sendJson(`${url}/api/v1/trust/settings`, {
      method: 'PUT',
      headers: session,
      body: JSON.stringify({ shopName: 'ShopCo', brandColour: '#1f4f99' }),
    });
    for (const [title, description] of MEASURES)
      await sendJson(`${url}/api/v1/trust/measures`, {
        method: 'POST',
        headers: session,
        body: JSON.stringify({ title, description }),
        expect: 201,
      });
    for (const path of ['/trust', '/trust/feed.atom']) {
      // Warm: the first request renders, every later one is a cache hit; two unreported
      // seconds let the JIT settle, so the figures are the steady state.
      await fetch(`${url}${path}`).then((r) => r.arrayBuffer());
      await loadTest({ url: `${url}${path}`, headers: {}, connections: CONNECTIONS, seconds: 2 });
      await waitForQuietMachine(path);
      const baseline = resetPeakRss(server);
      const result = await loadTest({
        url: `${url}${path}`,
        headers: {},
        connections: CONNECTIONS,
        seconds: SECONDS,
      });
      console.log(
        `GET ${path}, ${CONNECTIONS} connections, ${SECONDS} s: ` +
          `${Math.round(result.requestsPerSecond)} req/s, p50 ${result.p50.toFixed(1)} ms, ` +
          `p99 ${result.p99.toFixed(1)} ms, ${result.requests} requests, ` +
          `${result.failures} errors/non-2xx; server RSS ${baseline} MiB before, ` +
          `peak ${server.peakRssMiB() ?? 'n/a'} MiB`,
      );
    }
  } finally {
    await server?.stop();
    await instance.cleanup();
  }
}
