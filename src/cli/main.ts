#!/usr/bin/env node
import { Command } from 'commander';
import { ConfigError } from '../lib/config.js';
import { AppError } from '../lib/errors.js';
import { registerAdminCommands } from './admin.js';
import { registerAuditCommands } from './audit.js';
import { registerCustomerCommands } from './customers.js';
import { registerDatabaseCommands } from './database.js';
import { registerExposureCommands } from './exposure.js';
import { registerIncidentCommands } from './incident.js';
import { registerIngestCommands } from './ingest.js';
import { registerServeCommands } from './serve.js';
import { CORDON_VERSION } from './version.js';

const program = new Command()
  .name('cordon')
  .description('Third-party risk and breach response for online retailers')
  .version(CORDON_VERSION, '-V, --version-flag')
  .showHelpAfterError();

program
  .command('version')
  .description('print the version')
  .action(() => console.log(CORDON_VERSION));

registerServeCommands(program);
registerDatabaseCommands(program);
registerAdminCommands(program);
registerAuditCommands(program);
registerIncidentCommands(program);
registerCustomerCommands(program);
registerExposureCommands(program);
registerIngestCommands(program);

try {
  await program.parseAsync();
} catch (error) {
  // Operator mistakes get one clear line; anything else keeps its stack for the bug report.
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  // A refused request (an email already in use, say) is the operator's to fix, not a crash.
  if (error instanceof AppError && error.status < 500) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
