import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { createDatabase } from '../db/database.js';
import { loadConfig } from '../lib/config.js';
import { systemContext } from '../lib/principal.js';
import { verifyBundle } from '../modules/incidents/incidents.bundle.verify.js';
import { createTimelineCheck } from '../modules/incidents/incidents.module.js';

export function registerIncidentCommands(program: Command): void {
  const incident = program.command('incident').description('incident response records');
  incident
    .command('verify-bundle')
    .argument('<file>', 'a bundle downloaded from the incident page or the export API')
    .description(
      'check an exported incident bundle on its own: every file against the manifest, the timeline chain, the evidence hashes; exits 1 naming each mismatch',
    )
    .action(async (file: string) => {
      const check = await verifyBundle(readFileSync(file));
      if (check.ok) {
        const { manifest } = check;
        console.log(
          `Bundle intact: incident ${manifest!.incident.id}, ${manifest!.files.length} files, ` +
            `${manifest!.chain.entries} timeline entries, head ${manifest!.chain.headHash}`,
        );
        return;
      }
      console.error(`Bundle FAILED verification (${check.problems.length} problems):`);
      for (const problem of check.problems) console.error(`  ${problem}`);
      process.exitCode = 1;
    });
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
