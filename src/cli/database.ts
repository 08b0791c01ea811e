import type { Command } from 'commander';
import path from 'node:path';
import { createDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { loadConfig } from '../lib/config.js';

export function registerDatabaseCommands(program: Command): void {
  program
    .command('migrate')
    .description('apply pending database migrations (embedded SQLite also does this at start)')
    .action(async () => {
      const config = loadConfig();
      const db = createDatabase(config);
      try {
        const result = await migrateToLatest(db);
        const applied =
          result.results?.filter((r) => r.status === 'Success').map((r) => r.migrationName) ?? [];
        console.log(
          applied.length
            ? `Applied ${applied.length} migration(s): ${applied.join(', ')}`
            : 'The database is up to date',
        );
      } finally {
        await db.close();
      }
    });

  program
    .command('backup')
    .argument('<file>', 'where to write the backup')
    .description('write a consistent copy of the embedded SQLite database while Cordon runs')
    .action(async (file: string) => {
      const config = loadConfig();
      if (config.databaseUrl) {
        console.error(
          'On PostgreSQL use pg_dump, for example: pg_dump --format=custom --file=cordon.dump "$DATABASE_URL" (see docs/operations.md)',
        );
        process.exitCode = 2;
        return;
      }
      const db = createDatabase(config);
      try {
        // SQLite's online backup API copies a consistent snapshot without stopping writers.
        const target = path.resolve(file);
        await db.sqlite!.backup(target);
        console.log(`Backed up ${db.location} to ${target}`);
        console.log(
          'Keep the master key (data/master.key or CORDON_MASTER_KEY) with it: encrypted fields cannot be read without it.',
        );
      } finally {
        await db.close();
      }
    });
}
