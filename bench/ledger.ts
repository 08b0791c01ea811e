import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createToken, createVendor, sendJson, signIn } from './support/api.js';
import { customerId, eventLine, postSharingBatches, scatter } from './support/batches.js';
import {
  createInstance,
  formatCount,
  serverCpuSeconds,
  waitForQuietMachine,
} from './support/instance.js';
import { percentile, type RunningServer } from './support/server.js';

/**
 * Sharing-ledger ingest (issue 3, data map). Sends 5,000,000 events for 750,000 customers across
 * 5 integrations through `POST /api/v1/sharing-events` as 10,000-line NDJSON batches from 2
 * clients, with an `ingest`-scoped token. Target (DESIGN §8): ≥ 50,000 events/s on SQLite.
 *
 * Options: --events N (customers scale with it, keeping ~1.33 events per (integration,
 * customer) pair), --customers N, --batch N, --concurrency N, --postgres.
 */
const INTEGRATIONS = 5;
const DAY_MS = 86_400_000;

export async function runLedgerBench(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      events: { type: 'string', default: '5000000' },
      customers: { type: 'string' },
      batch: { type: 'string', default: '10000' },
      concurrency: { type: 'string', default: '2' },
      postgres: { type: 'boolean', default: false },
    },
  });
  const events = Number(values.events);
  const customers = Number(values.customers ?? Math.round((events * 750_000) / 5_000_000));
  const batchSize = Number(values.batch);
  const concurrency = Number(values.concurrency);

  const instance = await createInstance({ postgres: values.postgres });
  let server: RunningServer | undefined;
  try {
    server = await instance.start();
    const session = await signIn(server.url);
    const { vendorId, integrationIds } = await createVendor(
      server.url,
      session,
      'Bench Analytics Ltd',
      INTEGRATIONS,
    );
    const token = await createToken(server.url, session, ['ingest']);
    console.log(
      `ledger ingest on ${instance.dialect}: ${formatCount(events)} events, ${formatCount(customers)} customers × ${INTEGRATIONS} integrations, ` +
        `${formatCount(batchSize)}-line batches, ${concurrency} clients`,
    );

    // Event n goes to integration n mod 5 and to a scattered customer; after every customer
    // has been seen once per integration the sequence wraps, so pairs recur across batches
    // (the upsert then merges into an existing row, as a long-running shop's ledger does).
    const now = Date.now();
    const start = now - 30 * DAY_MS;
    const bodyOf = (batch: number) => {
      let body = '';
      const end = Math.min(events, (batch + 1) * batchSize);
      for (let n = batch * batchSize; n < end; n += 1) {
        const customer = customerId(
          scatter(Math.floor(n / INTEGRATIONS) % customers, customers) + 1,
        );
        const at = start + Math.floor((n / events) * 29 * DAY_MS);
        body += eventLine(`e${n}`, integrationIds[n % INTEGRATIONS]!, customer, at);
      }
      return body;
    };

    await waitForQuietMachine('ledger ingest');
    const batches = Math.ceil(events / batchSize);
    const cpuBefore = serverCpuSeconds(server);
    const ingestStarted = performance.now();
    let [lastAccepted, lastAt] = [0, ingestStarted];
    const totals = await postSharingBatches({
      url: server.url,
      headers: token,
      batches,
      concurrency,
      bodyOf,
      // Each tenth of the run reports its own rate, so a slowdown as the tables grow shows.
      onProgress: (done, sofar) => {
        if (done % Math.max(1, Math.round(batches / 10)) !== 0) return;
        const now = performance.now();
        console.log(
          `  ${formatCount(sofar.accepted)} events accepted after ${((now - ingestStarted) / 1000).toFixed(0)} s; ` +
            `${formatCount(((sofar.accepted - lastAccepted) * 1000) / (now - lastAt))} events/s over this tenth`,
        );
        [lastAccepted, lastAt] = [sofar.accepted, now];
      },
    });

    const latencies = totals.latenciesMs;
    console.log(
      `accepted ${formatCount(totals.accepted)}, duplicates ${formatCount(totals.duplicates)}, rejected ${formatCount(totals.rejected)}`,
    );
    console.log(
      `${formatCount(totals.accepted / totals.seconds)} events/s (${totals.seconds.toFixed(1)} s); ` +
        `batch latency p50 ${percentile(latencies, 50).toFixed(0)} ms, p95 ${percentile(latencies, 95).toFixed(0)} ms, ` +
        `p99 ${percentile(latencies, 99).toFixed(0)} ms (${totals.batches} batches)`,
    );
    console.log(
      `client body generation: ${totals.generateSeconds.toFixed(1)} s in total, overlapping requests`,
    );
    const cpu = serverCpuSeconds(server) - cpuBefore;
    console.log(
      `server CPU ${cpu.toFixed(1)} s over ${totals.seconds.toFixed(1)} s (${Math.round((100 * cpu) / totals.seconds)}% of a core)`,
    );
    console.log(`server peak RSS: ${server.peakRssMiB() ?? 'n/a'} MiB`);
    if (totals.accepted !== events)
      throw new Error(`expected ${events} accepted events, got ${totals.accepted}`);

    // Ingest leaves up to one settle's worth of rows pending; the first read merges them. Every
    // customer must be counted: event n reaches permutation slot n / 5, wrapping at `customers`.
    const reader = await createToken(server.url, session, ['read']);
    const window = `from=${encodeURIComponent(new Date(start - DAY_MS).toISOString())}&to=${encodeURIComponent(new Date(now).toISOString())}`;
    const readStarted = performance.now();
    const scope = await sendJson<{ customers: number }>(
      `${server.url}/api/v1/blast-radius?vendorId=${vendorId}&${window}`,
      { headers: reader },
    );
    const expected = Math.min(customers, Math.ceil(events / INTEGRATIONS));
    console.log(
      `first blast radius after ingest (merges what is still pending): ${formatCount(scope.customers)} customers ` +
        `in ${((performance.now() - readStarted) / 1000).toFixed(2)} s`,
    );
    if (scope.customers !== expected)
      throw new Error(`expected ${expected} customers in the blast radius, got ${scope.customers}`);
  } finally {
    await server?.stop();
    await instance.cleanup();
  }
}
