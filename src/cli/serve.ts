import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../lib/config.js';
import { createLogger } from '../lib/logger.js';
import { buildServer, defaultWebRoot, openRuntime, startWorker } from '../server/runtime.js';
import { seedDemo } from './demo.js';

export function registerServeCommands(program: Command): void {
  program
    .command('serve')
    .description('serve the API and web app; runs the job worker in-process unless --no-worker')
    .option(
      '--no-worker',
      'do not run jobs in this process (scaled deployments run `cordon worker`)',
    )
    .option('--demo', 'load the ShopCo demo data set into its own data directory')
    .action(async (options: { worker: boolean; demo?: boolean }) => {
      const config = loadConfig(process.env, options.demo ? demoDefaults(process.env) : {});
      const runtime = await openRuntime(config);
      const webRoot = config.webRoot ?? (existsSync(defaultWebRoot) ? defaultWebRoot : undefined);
      if (!webRoot)
        console.warn(
          `The web app is not built (${defaultWebRoot}); serving the API only. Run npm run build.`,
        );
      const { app, services, markDraining } = await buildServer(runtime, { webRoot });
      const worker = options.worker ? startWorker(runtime, app.log) : null;
      await app.listen({ port: config.port, host: config.host });
      const url = config.publicUrl;
      if (options.demo) await seedDemo(services, url);
      const setupToken = await services.identity.setup.issueSetupToken();
      console.log(
        `Cordon is ready on ${url} (${Math.round(performance.now())} ms after start, ${runtime.db.dialect}${worker ? ', worker in-process' : ''})`,
      );
      if (setupToken) {
        console.log(`First-run set-up: open ${url}/setup#token=${setupToken}`);
        console.log(`Set-up token: ${setupToken}`);
      }
      onShutdown(async () => {
        // Order matters: refuse new traffic, let requests finish, let running jobs finish, close the DB.
        markDraining();
        await app.close();
        await worker?.stop();
        await runtime.close();
      });
    });

  program
    .command('worker')
    .description('run background jobs only (for scaled deployments on PostgreSQL)')
    .action(async () => {
      const config = loadConfig();
      const runtime = await openRuntime(config);
      const logger = createLogger(config.logLevel);
      // The worker builds the same services as a server, so every job handler is registered.
      const { app } = await buildServer(runtime);
      const worker = startWorker(runtime, logger);
      logger.info('Cordon worker started');
      onShutdown(async () => {
        await worker.stop();
        await app.close();
        await runtime.close();
      });
    });
}

function onShutdown(drain: () => Promise<void>): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received: draining requests and jobs`);
    const force = setTimeout(() => {
      console.error('Drain took longer than 30 s; exiting anyway');
      process.exit(1);
    }, 30_000);
    force.unref();
    drain().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('Shutdown failed', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

/** The demo is ShopCo's: its own data directory, name and mailboxes, unless set otherwise. */
function demoDefaults(env: NodeJS.ProcessEnv) {
  return {
    dataDir: env.CORDON_DATA_DIR ?? './data/demo',
    shopName: env.CORDON_SHOP_NAME ?? 'ShopCo',
    shopContactEmail: env.CORDON_SHOP_CONTACT_EMAIL ?? 'privacy@shopco.example',
    mailFrom: env.CORDON_MAIL_FROM ?? 'ShopCo Privacy <privacy@shopco.example>',
    supportHelpline:
      env.CORDON_SUPPORT_HELPLINE ?? '+44 20 7946 0321 (Monday to Friday, 9:00–17:00)',
  };
}
