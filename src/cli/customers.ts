import type { Command } from 'commander';
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { systemClock } from '../lib/clock.js';
import { loadConfig } from '../lib/config.js';
import { RowsRejected } from '../lib/errors.js';
import { systemContext } from '../lib/principal.js';
import { createAuditService } from '../modules/audit/audit.service.js';
import { createDatamapService } from '../modules/datamap/datamap.service.js';
import { openRuntime } from '../server/runtime.js';

/** `cordon customers import FILE`: the same all-or-nothing import as the API, from the console. */
export function registerCustomerCommands(program: Command): void {
  const customers = program.command('customers').description('the customer directory');
  customers
    .command('import <file>')
    .description('import customers from CSV or NDJSON (optionally .gz); all rows or none')
    .option('--format <format>', 'csv or ndjson (default: from the file name)')
    .action(async (file: string, options: { format?: string }) => {
      const format = options.format ?? (/\.(nd)?jsonl?(\.gz)?$/i.test(file) ? 'ndjson' : 'csv');
      if (format !== 'csv' && format !== 'ndjson') {
        console.error(`--format: must be csv or ndjson, not '${format}'`);
        process.exit(2);
      }
      const runtime = await openRuntime(loadConfig());
      try {
        const audit = createAuditService({ db: runtime.db, clock: systemClock });
        const datamap = createDatamapService({
          db: runtime.db,
          clock: systemClock,
          audit,
          masterKey: runtime.masterKey,
        });
        const started = Date.now();
        const result = await datamap.customers.import(
          systemContext('cli'),
          open(file),
          format,
          (rows) => console.error(`${rows.toLocaleString('en')} rows read`),
        );
        const seconds = (Date.now() - started) / 1000;
        console.log(
          `Imported ${result.rowsRead.toLocaleString('en')} rows (${result.inserted} new, ${result.updated} updated) in ${seconds.toFixed(1)} s`,
        );
      } catch (error) {
        if (!(error instanceof RowsRejected)) throw error;
        console.error(error.message);
        for (const row of error.rows)
          console.error(`  line ${row.line}, ${row.field}: ${row.message}`);
        process.exitCode = 1;
      } finally {
        await runtime.close();
      }
    });
}

function open(file: string): Readable {
  const stream = createReadStream(file);
  if (!file.endsWith('.gz')) return stream;
  const gunzip = createGunzip();
  stream.on('error', (error) => gunzip.destroy(error));
  return stream.pipe(gunzip);
}
