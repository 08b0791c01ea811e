import type { Command } from 'commander';
import { createDatabase } from '../db/database.js';
import { loadConfig } from '../lib/config.js';
import { systemContext } from '../lib/principal.js';
import { createTimelineCheck } from '../modules/incidents/incidents.module.js';

export function registerIncidentCommands(program: Command): void {
  const incident = program.command('incident').description('incident response records');
  incident
    .command('verify')
    .argument('<id>', 'the incident id')
    .description(
      "re-walk an incident's timeline chain; exits 1 and names the first broken link if it was tampered with",
    )
    .action(async (id: string) => {
      const config = loadConfig();
      const db = createDatabase(config);
      try {
        const result = await createTimelineCheck(db)(systemContext('cli'), id);
        if (result.ok)
          console.log(
            `Incident timeline intact: ${result.checked} entries. Head ${result.headSeq}:${result.headHash}`,
          );
        else {
          console.error(
            `Incident timeline BROKEN at entry ${result.firstBreak!.seq} (${result.firstBreak!.reason}): ${result.firstBreak!.message}`,
          );
          process.exitCode = 1;
        }
      } finally {
        await db.close();
      }
    });
}
