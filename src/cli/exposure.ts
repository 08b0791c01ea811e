import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ADVISORY_KINDS, type AdvisoryKind } from '../contracts/exposure.js';
import { ValidationError } from '../lib/errors.js';
import { systemContext } from '../lib/principal.js';
import { openLocalApp } from './local-app.js';

/**
 * `cordon exposure import FILE`: the API's all-or-nothing advisory import, from the console,
 * for feeds too big to upload. Alerts it raises are queued and mailed by the running server.
 */
export function registerExposureCommands(program: Command): void {
  const exposure = program.command('exposure').description('vendor software exposure');
  exposure
    .command('import <file>')
    .description(
      'import advisories: OSV (.json, .ndjson, .gz, .zip), the CISA KEV catalog, or NVD CVE JSON 2.0',
    )
    .option(
      '--kind <kind>',
      `one of ${ADVISORY_KINDS.join(', ')} (default: kev for a file named *kev*, else osv)`,
    )
    .action(async (file: string, options: { kind?: string }) => {
      const kind = options.kind ?? (/kev/i.test(path.basename(file)) ? 'kev' : 'osv');
      if (!(ADVISORY_KINDS as readonly string[]).includes(kind)) {
        console.error(`--kind: must be one of ${ADVISORY_KINDS.join(', ')}, not '${kind}'`);
        process.exit(2);
      }
      const local = await openLocalApp();
      try {
        const started = Date.now();
        const result = await local.services.exposure.advisories.importFile(
          systemContext('cli'),
          kind as AdvisoryKind,
          { fileName: path.basename(file), bytes: await readFile(file) },
        );
        const seconds = (Date.now() - started) / 1000;
        console.log(
          `Imported ${result.records.toLocaleString('en')} records from ${result.fileName} in ${seconds.toFixed(1)} s: ${result.added} new, ${result.updated} updated, ${result.unchanged} unchanged; ${result.findingsOpened} findings opened`,
        );
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        console.error(error.message);
        for (const issue of error.issues) console.error(`  ${issue.field}: ${issue.message}`);
        process.exitCode = 1;
      } finally {
        await local.close();
      }
    });
}
