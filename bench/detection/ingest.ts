import { createToken, signIn } from '../support/api.js';
import { postSharingBatches } from '../support/batches.js';
import {
  createInstance,
  formatCount,
  serverCpuSeconds,
  waitForQuietMachine,
} from '../support/instance.js';
import { percentile, type RunningServer } from '../support/server.js';

/**
 * HTTP ingest: login events through `POST /api/v1/events` as NDJSON batches from two clients,
 * with an ingest-scoped token, on the built server: parsing, validation, account hashing, the
 * dedupe insert, series totals and the detectors behind them. Target: ≥ 50,000 events/s.
 */
export async function runIngestBench(options: {
  events: number;
  batch: number;
  postgres: boolean;
}) {
  const instance = await createInstance({ postgres: options.postgres });
  let server: RunningServer | undefined;
  try {
    server = await instance.start();
    const session = await signIn(server.url);
    const token = await createToken(server.url, session, ['ingest']);
    const start = Date.now() - 6 * 3_600_000;
    const span = 6 * 3_600_000 - 60_000;
    const bodyOf = (batch: number) => {
      let body = '';
      const end = Math.min(options.events, (batch + 1) * options.batch);
      for (let n = batch * options.batch; n < end; n++) {
        const at = new Date(start + Math.floor((n / options.events) * span)).toISOString();
        const outcome = n % 25 === 0 ? 'bad_password' : 'success';
        // Addresses scattered over a /8 as real clients are (Knuth's multiplicative hash), so
        // the address index takes each insert on a page of its own, not in ascending order.
        const ip = Math.imul(n, 2_654_435_761) >>> 8;
        body += `{"id":"b${n}","type":"login","at":"${at}","account":"customer${n % 400_000}@shop.example","ip":"10.${(ip >> 16) & 255}.${(ip >> 8) & 255}.${ip & 255}","user_agent":"Mozilla/5.0 (bench)","outcome":"${outcome}"}\n`;
      }
      return body;
    };
    console.log(
      `detection ingest on ${instance.dialect}: ${formatCount(options.events)} login events, ${formatCount(options.batch)}-line batches, 2 clients`,
    );
    await waitForQuietMachine('detection ingest');
    const cpuBefore = serverCpuSeconds(server);
    const totals = await postSharingBatches({
      url: server.url,
      path: '/api/v1/events',
      headers: token,
      batches: Math.ceil(options.events / options.batch),
      concurrency: 2,
      bodyOf,
    });
    const cpu = serverCpuSeconds(server) - cpuBefore;
    console.log(
      `accepted ${formatCount(totals.accepted)}, duplicates ${formatCount(totals.duplicates)}, rejected ${formatCount(totals.rejected)}`,
    );
    console.log(
      `${formatCount(totals.accepted / totals.seconds)} events/s (${totals.seconds.toFixed(1)} s); batch latency ` +
        `p50 ${percentile(totals.latenciesMs, 50).toFixed(0)} ms, p95 ${percentile(totals.latenciesMs, 95).toFixed(0)} ms`,
    );
    console.log(
      `server CPU ${cpu.toFixed(1)} s (${Math.round((100 * cpu) / totals.seconds)}% of a core); peak RSS ${server.peakRssMiB() ?? 'n/a'} MiB`,
    );
    if (totals.accepted !== options.events)
      throw new Error(`expected ${options.events} accepted events, got ${totals.accepted}`);
    return { eventsPerSecond: totals.accepted / totals.seconds };
  } finally {
    await server?.stop();
    await instance.cleanup();
  }
}
