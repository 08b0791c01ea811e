import { loadConfig } from '../lib/config.js';
import { buildApp, type CoreServices } from '../server/app.js';
import { openRuntime } from '../server/runtime.js';

/**
 * The services of the local installation, for commands that work on its database directly
 * (imports, log ingest): the same composition as the server, without listening. Alerts they
 * raise are queued and mailed by the running server's worker.
 */
export async function openLocalApp(): Promise<{
  services: CoreServices;
  close: () => Promise<void>;
}> {
  const config = loadConfig();
  const runtime = await openRuntime(config);
  const built = await buildApp({
    config,
    db: runtime.db,
    masterKey: runtime.masterKey,
    mail: runtime.mail,
    jobs: runtime.queue,
  });
  return {
    services: built.services,
    close: async () => {
      await built.app.close();
      await runtime.close();
    },
  };
}
