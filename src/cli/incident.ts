import type { Command } from 'commander';
import { createDatabase } from '../db/database.js';
import { systemClock } from '../lib/clock.js';
import { loadConfig } from '../lib/config.js';
import { systemContext } from '../lib/principal.js';
import { createAuditService } from '../modules/audit/audit.service.js';
import { createIncidentsModule } from '../modules/incidents/incidents.module.js';

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
        const clock = systemClock;
        const incidents = createIncidentsModule({
          db,
          clock,
          audit: createAuditService({ db, clock }),
        });
        const result = await incidents.timeline.verify(systemContext('cli'), id);
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
