import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { countLines, createToken, createVendor, sendJson, signIn } from './support/api.js';
import { customerId, eventLine, postSharingBatches, scatter } from './support/batches.js';
import { importCustomers } from './support/customers.js';
import {
  createInstance,
  formatCount,
  resetPeakRss,
  serverCpuSeconds,
  waitForQuietMachine,
  type BenchInstance,
} from './support/instance.js';
import type { RunningServer } from './support/server.js';

/**
 * Blast radius over a 5,000,000-row sharing ledger (issue 3, DESIGN §8): one vendor's affected
 * customers, counted (`GET /api/v1/blast-radius`, target < 2 s) and exported as CSV
 * (`GET /api/v1/blast-radius/customers.csv`, 750,000 rows, target: server peak RSS < 300 MB).
 *
 * The ledger is built through the API: 750,000 customers imported, then one event per
 * (integration, customer) pair, 6 integrations × 750,000 + 1 × 500,000 = 5,000,000 rows. The
 * target vendor holds two of them (all customers, and two thirds), so the count takes the
 * multi-path route that unions categories per customer. `--data-dir DIR` keeps the instance
 * and reuses it on the next run, skipping the build. Other options: --customers N (750,000;
 * a smaller ledger for a quick check), --runs N, --postgres.
 */
const CUSTOMERS_PER_BATCH = 1_500; // × 6–7 integrations ≈ 10,000 events a batch
const DAY_MS = 86_400_000;
const STATE_FILE = 'bench-blast-radius.json';

interface LedgerState {
  customers: number;
  vendorId: string;
  /** Integrations covering every customer; the last one is the target vendor's. */
  full: string[];
  /** The target vendor's second integration, covering the first two thirds of customers. */
  partial: string;
  builtAt: number;
}

export async function runBlastRadiusBench(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      'data-dir': { type: 'string' },
      customers: { type: 'string', default: '750000' },
      runs: { type: 'string', default: '5' },
      postgres: { type: 'boolean', default: false },
    },
  });
  const instance = await createInstance({
    postgres: values.postgres,
    ...(values['data-dir'] ? { dataDir: path.resolve(values['data-dir']) } : {}),
  });
  const stateFile = path.join(instance.dataDir, STATE_FILE);
  try {
    let state: LedgerState;
    if (existsSync(stateFile)) {
      state = JSON.parse(readFileSync(stateFile, 'utf8')) as LedgerState;
      console.log(`reusing the ledger built in ${instance.dataDir}`);
    } else {
      const server = await instance.start();
      try {
        state = await buildLedger(server, Number(values.customers));
      } finally {
        await server.stop();
      }
      writeFileSync(stateFile, JSON.stringify(state));
    }
    // A fresh server process, so its peak RSS is that of the queries, not of the build.
    const server = await instance.start();
    try {
      await measure(server, instance, state, Number(values.runs));
    } finally {
      await server.stop();
    }
  } finally {
    await instance.cleanup();
  }
}

async function buildLedger(server: RunningServer, customers: number): Promise<LedgerState> {
  const partialCustomers = Math.round((customers * 2) / 3);
  const session = await signIn(server.url);
  const token = await createToken(server.url, session, ['ingest', 'write']);
  const imported = await importCustomers(server.url, token, customers);
  console.log(
    `build: imported ${formatCount(imported.inserted ?? 0)} customers in ${imported.seconds.toFixed(1)} s`,
  );
  const others = [
    await createVendor(server.url, session, 'Bench Email Co', 2),
    await createVendor(server.url, session, 'Bench Ads Co', 2),
    await createVendor(server.url, session, 'Bench Reviews Co', 1),
  ];
  const target = await createVendor(server.url, session, 'Breached Payments Ltd', 2);
  const full = [...others.flatMap((v) => v.integrationIds), target.integrationIds[0]!];
  const partial = target.integrationIds[1]!;

  // Customers are visited in a scattered order; each gets one event per integration that
  // covers it, dated across the past 350 days, so every event makes its own ledger row.
  const now = Date.now();
  const bodyOf = (batch: number) => {
    let body = '';
    const end = Math.min(customers, (batch + 1) * CUSTOMERS_PER_BATCH);
    for (let position = batch * CUSTOMERS_PER_BATCH; position < end; position += 1) {
      const n = scatter(position, customers) + 1;
      const at = now - 350 * DAY_MS + Math.floor((position / customers) * 340 * DAY_MS);
      full.forEach((integration, i) => {
        body += eventLine(`b${i}-${n}`, integration, customerId(n), at + i * 60_000);
      });
      if (n <= partialCustomers)
        body += eventLine(`p-${n}`, partial, customerId(n), at + full.length * 60_000);
    }
    return body;
  };
  const totals = await postSharingBatches({
    url: server.url,
    headers: token,
    batches: Math.ceil(customers / CUSTOMERS_PER_BATCH),
    concurrency: 2,
    bodyOf,
  });
  const rows = full.length * customers + partialCustomers;
  if (totals.accepted !== rows) throw new Error(`expected ${rows} events, got ${totals.accepted}`);
  console.log(
    `build: ${formatCount(totals.accepted)} events (one ledger row each) in ${totals.seconds.toFixed(1)} s, ` +
      `${formatCount(totals.accepted / totals.seconds)} events/s`,
  );
  return { customers, vendorId: target.vendorId, full, partial, builtAt: now };
}

async function measure(
  server: RunningServer,
  instance: BenchInstance,
  state: LedgerState,
  runs: number,
): Promise<void> {
  const token = await createToken(server.url, await signIn(server.url), ['read']);
  const from = new Date(state.builtAt - 365 * DAY_MS).toISOString();
  const to = new Date(state.builtAt).toISOString();
  const window = `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
  console.log(`blast radius on ${instance.dialect}, window ${from} – ${to}`);

  await waitForQuietMachine('blast radius');
  const targets = [
    ['vendor (2 integrations)', `vendorId=${state.vendorId}`],
    ['one integration', `integrationId=${state.full[state.full.length - 1]}`],
  ] as const;
  let affected = 0;
  for (const [label, selector] of targets) {
    const times: number[] = [];
    let customers = 0;
    for (let run = 0; run < runs; run += 1) {
      const started = performance.now();
      const result = await sendJson<{ customers: number }>(
        `${server.url}/api/v1/blast-radius?${selector}&${window}`,
        { headers: token },
      );
      times.push(performance.now() - started);
      customers = result.customers;
    }
    if (label.startsWith('vendor')) affected = customers;
    times.sort((a, b) => a - b);
    console.log(
      `GET /api/v1/blast-radius, ${label}: ${formatCount(customers)} customers; ` +
        `min ${ms(times[0]!)}, median ${ms(times[Math.floor(times.length / 2)]!)}, max ${ms(times[times.length - 1]!)} ` +
        `(${runs} runs: ${times.map(ms).join(', ')})`,
    );
  }
  console.log(`server peak RSS after the counts: ${server.peakRssMiB() ?? 'n/a'} MiB`);

  await waitForQuietMachine('export');
  const rssAtStart = resetPeakRss(server);
  const cpuBefore = serverCpuSeconds(server);
  const started = performance.now();
  const csv = await countLines(
    `${server.url}/api/v1/blast-radius/customers.csv?vendorId=${state.vendorId}&${window}`,
    token,
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = serverCpuSeconds(server) - cpuBefore;
  const rows = csv.lines - 1; // the header
  if (csv.status !== 200 || rows !== affected)
    throw new Error(`export: status ${csv.status}, ${rows} rows for ${affected} customers`);
  console.log(
    `GET /api/v1/blast-radius/customers.csv: ${formatCount(rows)} rows, ${(csv.bytes / 1048576).toFixed(0)} MiB in ${seconds.toFixed(1)} s ` +
      `(${formatCount(rows / seconds)} rows/s, first byte after ${ms(csv.firstByteMs)}, server CPU ${cpu.toFixed(1)} s)`,
  );
  console.log(
    `server peak RSS during the export: ${server.peakRssMiB() ?? 'n/a'} MiB (RSS when it started: ${rssAtStart} MiB)`,
  );
  await measureIncidentScope(server, state, { from, to }, runs, affected);
}

/**
 * An incident's scope snapshot over the same ledger (issue 7: < 5 s for 750,000 customers):
 * the counts and the exact customer set, stored; each run after the first also compares
 * with the snapshot before it.
 */
async function measureIncidentScope(
  server: RunningServer,
  state: LedgerState,
  window: { from: string; to: string },
  runs: number,
  affected: number,
): Promise<void> {
  const token = await createToken(server.url, await signIn(server.url), ['read', 'write']);
  const post = <T>(path: string, body: unknown, expect = 200) =>
    sendJson<T>(`${server.url}${path}`, {
      method: 'POST',
      headers: body === undefined ? token : { ...token, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      expect,
    });
  const incident = await post<{ id: string }>(
    '/api/v1/incidents',
    { title: 'Breached Payments Ltd compromise', type: 'vendor_compromise', severity: 'critical' },
    201,
  );
  await post(`/api/v1/incidents/${incident.id}/links`, {
    kind: 'vendor',
    targetId: state.vendorId,
  });
  for (const [trigger, at] of [
    ['exposure_from', window.from],
    ['exposure_to', window.to],
  ] as const)
    await post(`/api/v1/incidents/${incident.id}/triggers`, {
      trigger,
      at,
      reason: 'bench',
      source: 'bench',
    });
  await waitForQuietMachine('incident scope');
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    const snapshot = await post<{ customers: number; change: { added: number } | null }>(
      `/api/v1/incidents/${incident.id}/scope`,
      undefined,
      201,
    );
    times.push(performance.now() - started);
    if (snapshot.customers !== affected || (run > 0 && snapshot.change?.added !== 0))
      throw new Error(`scope: ${snapshot.customers} customers, expected ${affected}`);
  }
  console.log(
    `POST /api/v1/incidents/:id/scope: ${formatCount(affected)} customers; first ${ms(times[0]!)}, ` +
      `reruns with a comparison ${times.slice(1).map(ms).join(', ')}; server peak RSS ${server.peakRssMiB() ?? 'n/a'} MiB`,
  );
}

function ms(value: number): string {
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(0)} ms`;
}
