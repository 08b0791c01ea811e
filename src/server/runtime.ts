import path from 'node:path';
import { createDatabase, type Db } from '../db/database.js';
import { listMigrationNames, migrateToLatest, pendingMigrations } from '../db/migrate.js';
import { createJobQueue, type JobQueue } from '../jobs/jobs.queue.js';
import { createJobRegistry, type JobRegistry } from '../jobs/jobs.registry.js';
import { registerJobHousekeeping } from '../jobs/jobs.housekeeping.js';
import { jobsRoutes } from '../jobs/jobs.routes.js';
import { createJobService } from '../jobs/jobs.service.js';
import { createWorker } from '../jobs/jobs.worker.js';
import { readFileSync } from 'node:fs';
import { createShiftedClock, systemClock, type Clock } from '../lib/clock.js';
import { ConfigError, type Config } from '../lib/config.js';
import { createSecretBox, deriveKey } from '../lib/crypto.js';
import { createQueuedMail, MAIL_OUTBOX_KEY_PURPOSE, registerMailJobs } from '../lib/mail.jobs.js';
import { createBulkMailer, createMailer, type BulkMailer, type Mailer } from '../lib/mailer.js';
import { resolveMasterKey } from '../lib/master-key.js';
import { packageRoot } from '../lib/package-root.js';
import type { MailSender } from '../modules/identity/identity.deps.js';
import { registerAssessmentJobs } from '../modules/assessments/assessments.jobs.js';
import { registerDatamapJobs } from '../modules/datamap/datamap.jobs.js';
import { registerDetectionJobs } from '../modules/detection/detection.jobs.js';
import { registerIncidentJobs } from '../modules/incidents/incidents.jobs.js';
import { registerBreachJobs } from '../modules/breach/breach.jobs.js';
import { registerDisclosureJobs } from '../modules/disclosure/disclosure.jobs.js';
import { registerTrustJobs } from '../modules/trust/trust.jobs.js';
import { registerExposureJobs } from '../modules/exposure/exposure.jobs.js';
import { registerIdentityJobs } from '../modules/identity/identity.jobs.js';
import { registerAgreementJobs } from '../modules/vendors/vendors.agreements.jobs.js';
import { registerRiskJobs } from '../modules/vendors/vendors.risk.jobs.js';
import { buildApp, type App, type AppDeps } from './app.js';

/**
 * Everything a server or worker process needs, built the same way for both so a job queued by
 * one can be run by the other. Embedded SQLite migrates itself at start; PostgreSQL waits for
 * `cordon migrate`, because N servers racing to migrate one shared database is asking for trouble.
 */
export interface Runtime {
  config: Config;
  db: Db;
  masterKey: Buffer;
  registry: JobRegistry;
  queue: JobQueue;
  mailer: Mailer;
  /** Campaign letters: a pooled, rate-limited transport of its own. */
  bulkMailer: BulkMailer;
  mail: MailSender;
  /** The system clock, unless a browser test shifts it (CORDON_TEST_CLOCK_FILE). */
  clock: Clock;
  close(): Promise<void>;
}

/** A missing or unreadable offset file means no shift: the test has not moved time yet. */
function clockFor(config: Config): Clock {
  const file = config.testClockFile;
  if (!file) return systemClock;
  return createShiftedClock(() => {
    try {
      return Number(readFileSync(file, 'utf8').trim()) || 0;
    } catch {
      return 0;
    }
  });
}

export const defaultWebRoot = path.join(packageRoot, 'dist/web');

export async function openRuntime(config: Config): Promise<Runtime> {
  const masterKey = resolveMasterKey(config);
  const db = createDatabase(config);
  try {
    if (db.dialect === 'sqlite') {
      await migrateToLatest(db);
    } else {
      const pending = await pendingMigrations(db);
      if (pending.length > 0)
        throw new ConfigError(
          `The database needs ${pending.length} migration(s) (${pending.join(', ')}): run 'cordon migrate' first`,
        );
    }
  } catch (error) {
    await db.close();
    throw error;
  }
  const registry = createJobRegistry();
  const clock = clockFor(config);
  const queue = createJobQueue({ db, clock, registry });
  const mailer = createMailer({
    smtpUrl: config.smtpUrl,
    dataDir: config.dataDir,
    mailFrom: config.mailFrom,
  });
  const bulkMailer = createBulkMailer({
    smtpUrl: config.smtpUrl,
    dataDir: config.dataDir,
    mailFrom: config.mailFrom,
    connections: config.breachSendConnections,
    ratePerSecond: config.breachSendRate,
  });
  // Messages are sealed before they are queued: invitation and reset links must not sit in
  // the jobs table (or its backups) in clear text.
  const mailBox = createSecretBox(deriveKey(masterKey, MAIL_OUTBOX_KEY_PURPOSE));
  registerMailJobs(registry, { mailer, secretBox: mailBox });
  const mail: MailSender = createQueuedMail(queue, mailBox);
  return {
    config,
    db,
    masterKey,
    registry,
    queue,
    mailer,
    bulkMailer,
    mail,
    clock,
    close: async () => {
      mailer.close();
      bulkMailer.close();
      await db.close();
    },
  };
}

/** Builds the HTTP app on a runtime, with the job routes and the housekeeping schedules. */
export async function buildServer(
  runtime: Runtime,
  options: { webRoot?: string | undefined } = {},
): Promise<App> {
  const built = await buildApp({
    config: runtime.config,
    db: runtime.db,
    masterKey: runtime.masterKey,
    mail: runtime.mail,
    jobs: runtime.queue,
    webRoot: options.webRoot,
    clock: runtime.clock,
    plugins: [jobsPlugin(runtime.queue)],
  });
  await registerIdentityJobs(runtime.registry, runtime.queue, built.services.identity);
  await registerAgreementJobs(runtime.registry, runtime.queue, built.services.vendors);
  await registerRiskJobs(runtime.registry, runtime.queue, built.services.vendors);
  await registerDatamapJobs(runtime.registry, runtime.queue, built.services.datamap);
  await registerAssessmentJobs(runtime.registry, runtime.queue, built.services.assessments);
  await registerExposureJobs(
    runtime.registry,
    runtime.queue,
    built.services.exposure,
    runtime.config,
  );
  await registerDetectionJobs(runtime.registry, runtime.queue, built.services.detection);
  await registerIncidentJobs(runtime.registry, runtime.queue, built.services.incidents);
  await registerBreachJobs(
    runtime.registry,
    runtime.queue,
    built.services.breach,
    runtime.bulkMailer,
  );
  await registerDisclosureJobs(runtime.registry, runtime.queue, built.services.disclosure);
  await registerTrustJobs(runtime.registry, runtime.queue, built.services.trust);
  await registerJobHousekeeping(runtime.registry, runtime.queue);
  return built;
}

/** The dead-letter API over a queue; tests mount it the same way. */
export function jobsPlugin(queue: JobQueue): NonNullable<AppDeps['plugins']>[number] {
  return async (app, services) => {
    await app.register(jobsRoutes, { jobs: createJobService({ queue, audit: services.audit }) });
  };
}

export function startWorker(
  runtime: Runtime,
  logger: Parameters<typeof createWorker>[0]['logger'],
) {
  const worker = createWorker({
    db: runtime.db,
    clock: runtime.clock,
    queue: runtime.queue,
    registry: runtime.registry,
    logger,
  });
  worker.start();
  return worker;
}

export { listMigrationNames };
