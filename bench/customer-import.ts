import { parseArgs } from 'node:util';
import { createToken, signIn } from './support/api.js';
import { importCustomers } from './support/customers.js';
import {
  createInstance,
  formatCount,
  serverCpuSeconds,
  waitForQuietMachine,
} from './support/instance.js';
import type { RunningServer } from './support/server.js';

/**
 * Customer directory import (issue 3, data map): 1,000,000 customers as one CSV request to
 * `POST /api/v1/customers/imports`, generated as it is sent. Every row is validated, its PII
 * sealed (AES-256-GCM) and its email blind-indexed (HMAC), staged, then merged in one statement.
 * Reports rows/s, total time and the server's peak RSS. Options: --customers N, --postgres.
 */
export async function runCustomerImportBench(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      customers: { type: 'string', default: '1000000' },
      postgres: { type: 'boolean', default: false },
    },
  });
  const count = Number(values.customers);
  const instance = await createInstance({ postgres: values.postgres });
  let server: RunningServer | undefined;
  try {
    server = await instance.start();
    const token = await createToken(server.url, await signIn(server.url), ['write']);
    console.log(
      `customer import on ${instance.dialect}: ${formatCount(count)} rows, one CSV request`,
    );
    await waitForQuietMachine('customer import');
    const cpuBefore = serverCpuSeconds(server);
    const outcome = await importCustomers(server.url, token, count);
    const cpu = serverCpuSeconds(server) - cpuBefore;
    console.log(
      `${outcome.status}: ${formatCount(outcome.rowsRead)} rows read, ${formatCount(outcome.inserted ?? 0)} inserted, ${formatCount(outcome.updated ?? 0)} updated`,
    );
    console.log(
      `${formatCount(outcome.rowsRead / outcome.seconds)} rows/s, ${outcome.seconds.toFixed(1)} s in total ` +
        `(server CPU ${cpu.toFixed(1)} s, ${Math.round((100 * cpu) / outcome.seconds)}% of a core)`,
    );
    console.log(`server peak RSS: ${server.peakRssMiB() ?? 'n/a'} MiB`);
    if (outcome.status !== 'committed' || outcome.inserted !== count)
      throw new Error(`expected ${count} inserted customers`);
  } finally {
    await server?.stop();
    await instance.cleanup();
  }
}
