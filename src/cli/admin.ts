import type { Command } from 'commander';
import { createInterface } from 'node:readline';
import { systemClock } from '../lib/clock.js';
import { loadConfig } from '../lib/config.js';
import { systemContext } from '../lib/principal.js';
import { email as emailSchema, password as passwordSchema, text } from '../contracts/common.js';
import { role as roleSchema } from '../contracts/identity.js';
import { createAuditService } from '../modules/audit/audit.service.js';
import { createIdentityService } from '../modules/identity/identity.service.js';
import { openRuntime } from '../server/runtime.js';

export function registerAdminCommands(program: Command): void {
  const admin = program.command('admin').description('user administration from the server console');
  admin
    .command('create')
    .description(
      'create an active user; the password comes from CORDON_ADMIN_PASSWORD, standard input, or a prompt',
    )
    .requiredOption('--email <email>', 'sign-in email')
    .option('--name <name>', 'display name', 'Administrator')
    .option('--role <role>', 'admin, analyst or viewer', 'admin')
    .action(async (options: { email: string; name: string; role: string }) => {
      const input = {
        email: parseOrExit(emailSchema, options.email, '--email'),
        displayName: parseOrExit(text(100), options.name, '--name'),
        role: parseOrExit(roleSchema, options.role, '--role'),
        password: parseOrExit(passwordSchema, await readPassword(), 'password'),
      };
      const runtime = await openRuntime(loadConfig());
      try {
        const audit = createAuditService({ db: runtime.db, clock: systemClock });
        const identity = createIdentityService({
          db: runtime.db,
          clock: systemClock,
          audit,
          masterKey: runtime.masterKey,
          config: runtime.config,
          mail: runtime.mail,
        });
        const user = await identity.users.createWithPassword(systemContext('cli'), input);
        console.log(`Created ${user.role} ${user.email} (${user.id})`);
      } finally {
        await runtime.close();
      }
    });
}

function parseOrExit<T>(
  schema: {
    safeParse(
      value: unknown,
    ): { success: true; data: T } | { success: false; error: { issues: { message: string }[] } };
  },
  value: unknown,
  field: string,
): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  console.error(`${field}: ${result.error.issues.map((issue) => issue.message).join('; ')}`);
  process.exit(2);
}

async function readPassword(): Promise<string> {
  const fromEnv = process.env.CORDON_ADMIN_PASSWORD;
  if (fromEnv) return fromEnv;
  const rl = createInterface({
    input: process.stdin,
    output: process.stdout,
    terminal: process.stdin.isTTY,
  });
  if (process.stdin.isTTY) {
    // Hide what is typed: readline echoes through _writeToOutput, which we silence after the prompt.
    const output = rl as unknown as { _writeToOutput(text: string): void };
    process.stdout.write('Password (12+ characters): ');
    output._writeToOutput = () => undefined;
  }
  const line = await new Promise<string>((resolve) =>
    rl.once('line', resolve).once('close', () => resolve('')),
  );
  rl.close();
  if (process.stdin.isTTY) process.stdout.write('\n');
  return line;
}
