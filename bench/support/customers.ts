import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { send } from './api.js';
import { customerId } from './batches.js';

/** A few jurisdictions, so blast-radius results group by place as they would in a real shop. */
const PLACES = [
  ['US', 'CA'],
  ['US', 'NY'],
  ['US', 'TX'],
  ['DE', 'BY'],
  ['FR', 'IDF'],
  ['GB', 'ENG'],
  ['CA', 'ON'],
] as const;

/**
 * A customer CSV of `count` rows (C0000001 onwards), generated as it is read so a million rows
 * never exist in the client's memory at once: 1,000 rows per chunk.
 */
export function customerCsv(
  count: number,
  places: readonly (readonly [string, string])[] = PLACES,
): Readable {
  async function* chunks() {
    yield 'external_id,email,name,phone,country,region\n';
    for (let first = 1; first <= count; first += 1000) {
      let chunk = '';
      for (let n = first; n < Math.min(first + 1000, count + 1); n += 1) {
        const id = customerId(n);
        const [country, region] = places[n % places.length]!;
        chunk += `${id},${id.toLowerCase()}@mail.example,Customer ${n},+1 555 ${String(n).padStart(7, '0')},${country},${region}\n`;
      }
      yield chunk;
    }
  }
  return Readable.from(chunks(), { objectMode: false });
}

export interface ImportOutcome {
  seconds: number;
  status: string;
  rowsRead: number;
  inserted: number | null;
  updated: number | null;
}

/** Streams `count` generated customers into `POST /api/v1/customers/imports` as one request. */
export async function importCustomers(
  url: string,
  headers: Record<string, string>,
  count: number,
  places?: readonly (readonly [string, string])[],
): Promise<ImportOutcome> {
  const started = performance.now();
  const reply = await send(`${url}/api/v1/customers/imports`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'text/csv' },
    body: customerCsv(count, places),
  });
  const seconds = (performance.now() - started) / 1000;
  if (reply.status !== 201)
    throw new Error(`customer import: ${reply.status} ${reply.text.slice(0, 1000)}`);
  const result = JSON.parse(reply.text) as Omit<ImportOutcome, 'seconds'>;
  return {
    seconds,
    status: result.status,
    rowsRead: result.rowsRead,
    inserted: result.inserted,
    updated: result.updated,
  };
}
