import type { Command } from 'commander';
import { createDatabase } from '../db/database.js';
import { systemClock } from '../lib/clock.js';
import { loadConfig } from '../lib/config.js';
import { systemContext } from '../lib/principal.js';
import { createAuditService } from '../modules/audit/audit.service.js';

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('the hash-chained audit log');
  audit
    .command('verify')
    .description(
      're-walk the audit chain; exits 1 and names the first broken link if it was tampered with',
    )
    .option(
      '--anchor <seq:hash>',
      'also check that entry <seq> still has the hash recorded earlier (detects a rewritten chain)',
    )
    .action(async (options: { anchor?: string }) => {
      const anchor = options.anchor ? parseAnchor(options.anchor) : undefined;
      const config = loadConfig();
      const db = createDatabase(config);
      try {
        const result = await createAuditService({ db, clock: systemClock }).verify(
          systemContext('cli'),
          anchor,
        );
        if (result.ok) {
          console.log(
            `Audit chain intact: ${result.checked} entries. Head ${result.headSeq}:${result.headHash}`,
          );
          console.log(
            'Record the head somewhere outside this database; pass it to --anchor later to detect a rewritten chain.',
          );
        } else {
          console.error(
            `Audit chain BROKEN at entry ${result.firstBreak!.seq} (${result.firstBreak!.reason}): ${result.firstBreak!.message}`,
          );
          process.exitCode = 1;
        }
      } finally {
        await db.close();
      }
    });
}

function parseAnchor(value: string): { seq: number; hash: string } {
  const match = /^(\d+):([0-9a-f]{64})$/.exec(value);
  if (!match) {
    console.error(
      '--anchor must look like 1234:<64 hex characters>, as printed by a previous verify',
    );
    process.exit(2);
  }
  return { seq: Number(match[1]), hash: match[2]! };
}
