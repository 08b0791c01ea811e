import { performance } from 'node:perf_hooks';
import { send } from './api.js';

export interface IngestTotals {
  batches: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  seconds: number;
  /** Per batch, send to response, ascending. */
  latenciesMs: number[];
  /** Client time spent building bodies (overlaps the other client's request). */
  generateSeconds: number;
}

/**
 * Posts NDJSON batches (to `POST /api/v1/sharing-events` unless `path` says otherwise) from
 * `concurrency` clients. Each client
 * builds its next body while the other's request is in flight, so the server always has one
 * batch queued; generation runs on the client's core and never inside a batch's latency.
 */
export async function postSharingBatches(options: {
  url: string;
  headers: Record<string, string>;
  batches: number;
  concurrency: number;
  bodyOf: (batch: number) => string;
  onProgress?: (done: number, totals: IngestTotals) => void;
  path?: string;
}): Promise<IngestTotals> {
  const totals: IngestTotals = {
    batches: 0,
    accepted: 0,
    duplicates: 0,
    rejected: 0,
    seconds: 0,
    latenciesMs: [],
    generateSeconds: 0,
  };
  const headers = { ...options.headers, 'content-type': 'application/x-ndjson' };
  let next = 0;
  const started = performance.now();

  async function client(): Promise<void> {
    for (let batch = next++; batch < options.batches; batch = next++) {
      const generating = performance.now();
      const body = Buffer.from(options.bodyOf(batch));
      totals.generateSeconds += (performance.now() - generating) / 1000;
      const sent = performance.now();
      const reply = await send(`${options.url}${options.path ?? '/api/v1/sharing-events'}`, {
        method: 'POST',
        headers,
        body,
      });
      totals.latenciesMs.push(performance.now() - sent);
      if (reply.status !== 200)
        throw new Error(`batch ${batch}: ${reply.status} ${reply.text.slice(0, 500)}`);
      const result = JSON.parse(reply.text) as {
        accepted: number;
        duplicates: number;
        rejected: number;
      };
      totals.accepted += result.accepted;
      totals.duplicates += result.duplicates;
      totals.rejected += result.rejected;
      totals.batches += 1;
      options.onProgress?.(totals.batches, totals);
    }
  }

  await Promise.all(Array.from({ length: options.concurrency }, () => client()));
  totals.seconds = (performance.now() - started) / 1000;
  totals.latenciesMs.sort((a, b) => a - b);
  return totals;
}

/** One sharing event as the API takes it. */
export function eventLine(id: string, integration: string, customer: string, atMs: number): string {
  return `{"id":"${id}","integration":"${integration}","customer":"${customer}","categories":["email","order_history"],"records":3,"at":"${new Date(atMs).toISOString()}"}\n`;
}

/** The shop's customer id for customer number n (1-based): C0000001 … C9999999. */
export function customerId(n: number): string {
  return `C${String(n).padStart(7, '0')}`;
}

/**
 * A fixed permutation of 0..size-1 (multiplying by a unit mod size), so consecutive events
 * touch customers scattered across the index as real traffic does, not one B-tree leaf.
 */
export function scatter(position: number, size: number): number {
  // position × step stays far below 2^53 for the sizes benchmarks use, so plain numbers are exact.
  return (position * coprimeStep(size)) % size;
}

const steps = new Map<number, number>();
function coprimeStep(size: number): number {
  let step = steps.get(size);
  if (step === undefined) {
    step = 7_919; // a prime; walk up until it shares no factor with size
    const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
    while (gcd(step, size) !== 1) step += 2;
    steps.set(size, step);
  }
  return step;
}
