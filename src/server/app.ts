import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import { systemClock } from '../lib/clock.js';
import type { Config } from '../lib/config.js';
import { loggerOptions } from '../lib/logger.js';
import { auditRoutes } from '../modules/audit/audit.routes.js';
import { createAuditService } from '../modules/audit/audit.service.js';
import { identityAuthRoutes } from '../modules/identity/identity.auth.routes.js';
import type { JobQueue } from '../jobs/jobs.queue.js';
import type { MailSender } from '../modules/identity/identity.deps.js';
import { identityMeRoutes } from '../modules/identity/identity.me.routes.js';
import { createIdentityService } from '../modules/identity/identity.service.js';
import { identityUsersRoutes } from '../modules/identity/identity.users.routes.js';
import { createSecretBox, deriveKey, sha256Hex } from '../lib/crypto.js';
import { systemContext } from '../lib/principal.js';
import { datamapRoutes } from '../modules/datamap/datamap.module.js';
import { createDatamapService } from '../modules/datamap/datamap.service.js';
import { createApprovalGate } from '../modules/assessments/assessments.gate.js';
import {
  assessmentsModuleRoutes,
  createAssessmentsModule,
  type AssessmentsModule,
} from '../modules/assessments/assessments.module.js';
import {
  createExposureModule,
  exposureModuleRoutes,
  type ExposureModule,
} from '../modules/exposure/exposure.module.js';
import { exposureAnswerRoutes } from '../modules/exposure/exposure.answers.routes.js';
import { exposurePortalRoutes } from '../modules/exposure/exposure.portal.routes.js';
import {
  createDetectionModule,
  detectionModuleRoutes,
  type DetectionModule,
} from '../modules/detection/detection.module.js';
import {
  createIncidentsModule,
  incidentsModuleRoutes,
  type IncidentsModule,
} from '../modules/incidents/incidents.module.js';
import { createVendorsModule, vendorsModuleRoutes } from '../modules/vendors/vendors.module.js';
import { installAuth, sessionCookieName, type RegisteredRoute } from './auth.js';
import { installErrorHandling } from './errors.js';
import { healthRoutes } from './health.js';
import { installOpenApi } from './openapi.js';
import { installSecurityHeaders } from './security-headers.js';
import { installWebApp } from './web.js';
import { breachRoutes } from '../modules/breach/breach.routes.js';
import { breachTemplateRoutes } from '../modules/breach/breach.templates.routes.js';
import { createBreachModule, type BreachModule } from '../modules/breach/breach.module.js';
import { breachCampaignRoutes } from '../modules/breach/breach.campaigns.routes.js';
import {
  createDisclosureModule,
  type DisclosureModule,
} from '../modules/disclosure/disclosure.module.js';
import { disclosureRoutes } from '../modules/disclosure/disclosure.routes.js';
import { disclosurePublicRoutes } from '../modules/disclosure/disclosure.public.routes.js';
import { disclosureReportRoutes } from '../modules/disclosure/disclosure.reports.routes.js';
import { disclosureAdvisoryRoutes } from '../modules/disclosure/disclosure.advisories.routes.js';
import { disclosureCsafRoutes } from '../modules/disclosure/disclosure.csaf.routes.js';
import { createTrustModule, type TrustModule } from '../modules/trust/trust.module.js';
import { trustPublicRoutes } from '../modules/trust/trust.public.routes.js';
import { trustRoutes } from '../modules/trust/trust.routes.js';
import { BUILTIN_RULES_DIR, loadRuleBook } from '../modules/breach/breach.rules.load.js';

export interface AppDeps {
  config: Config;
  db: Db;
  masterKey: Buffer;
  mail: MailSender;
  /** Where modules queue background work (containment webhooks). */
  jobs: Pick<JobQueue, 'enqueue'>;
  clock?: Clock;
  /** Built web assets; omitted in API-only tests. */
  webRoot?: string | undefined;
  /** Where logs go; stdout unless a test captures them. */
  logStream?: { write(line: string): void };
  /** Extra module routes, registered after the core ones (jobs, later domains). */
  plugins?: ((app: FastifyInstance, services: CoreServices) => Promise<void>)[];
}

export type CoreServices = {
  audit: ReturnType<typeof createAuditService>;
  identity: ReturnType<typeof createIdentityService>;
  datamap: ReturnType<typeof createDatamapService>;
  vendors: ReturnType<typeof createVendorsModule>;
  assessments: AssessmentsModule;
  exposure: ExposureModule;
  detection: DetectionModule;
  incidents: IncidentsModule;
  breach: BreachModule;
  disclosure: DisclosureModule;
  trust: TrustModule;
};

export interface App {
  app: FastifyInstance;
  services: CoreServices;
  /** Every route with its declared access rule, filled once the app is ready. */
  routes: RegisteredRoute[];
  /** Flips /readyz to 503 while the process drains for shutdown. */
  markDraining: () => void;
}

/** The composition root: wires stores, services and routes. No module reaches for globals. */
export async function buildApp(deps: AppDeps): Promise<App> {
  const { config, db } = deps;
  const clock = deps.clock ?? systemClock;
  const app = Fastify({
    logger: loggerOptions(config.logLevel, deps.logStream),
    genReqId: () => randomUUID(),
    trustProxy: config.trustedProxies,
    bodyLimit: config.bodyLimitBytes,
    forceCloseConnections: 'idle',
    routerOptions: { maxParamLength: 200 },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });

  const audit = createAuditService({ db, clock });
  const identity = createIdentityService({
    db,
    clock,
    audit,
    masterKey: deps.masterKey,
    config,
    mail: deps.mail,
  });
  const datamap = createDatamapService({ db, clock, audit, masterKey: deps.masterKey });
  const notify = (
    message: { subject: string; text: string },
    options: { idempotencyKey?: string } = {},
  ) => notifySecurityTeam(identity, deps.mail, message, options);
  const gate = createApprovalGate({ db, clock });
  const vendors = createVendorsModule({
    db,
    clock,
    audit,
    categories: datamap.categories,
    reach: datamap.reach,
    approvalGate: gate,
    notify,
  });
  const exposure = createExposureModule({ db, clock, audit, config, mail: deps.mail, notify });
  const assessments = createAssessmentsModule({
    db,
    clock,
    audit,
    config,
    mail: deps.mail,
    vendors,
    notify,
    gate,
    exposure: exposure.portfolio.signals,
    sbomIntake: exposure.sboms.intake,
  });
  await assessments.templates.ensureBuiltIns();
  const incidents = createIncidentsModule({
    db,
    clock,
    audit,
    config,
    masterKey: deps.masterKey,
    mail: deps.mail,
    jobs: deps.jobs,
    notify,
    scope: {
      scope: (ctx, targets, window) => datamap.blastRadius.scope(ctx, targets, window),
      jurisdictionsOf: (ctx, refs) => datamap.blastRadius.jurisdictionsOf(ctx, refs),
    },
    findings: { get: (ctx, findingId) => exposure.findings.get(ctx, findingId) },
    // Called only at request time, when detection exists.
    alerts: {
      accounts: (alertIds) => detection.outputs.forAlerts.accounts(alertIds),
      sources: (alertIds) => detection.outputs.forAlerts.sources(alertIds),
    },
  });
  const detection = createDetectionModule({
    db,
    clock,
    audit,
    masterKey: deps.masterKey,
    config,
    notify,
    incidents: incidents.opener,
  });
  const breach = createBreachModule({
    db,
    clock,
    config,
    audit,
    mail: deps.mail,
    notify,
    rules: loadRuleBook([
      BUILTIN_RULES_DIR,
      ...(config.breachRulesDir ? [config.breachRulesDir] : []),
    ]),
    incidents: {
      get: (ctx, id) => incidents.incidents.get(ctx, id),
      list: (ctx, query) => incidents.incidents.list(ctx, query),
      snapshots: (ctx, id) => incidents.scope.list(ctx, id),
      changeReturning: (ctx, id, work) => incidents.incidents.changeReturning(ctx, id, work),
      nextTimelineSeq: (trx, id) => incidents.nextTimelineSeq(trx, id),
      members: (ctx, id, snapshotId, options) =>
        incidents.scope.members(ctx, id, snapshotId, options),
    },
    categories: datamap.categories,
    contacts: {
      open: (ctx, purpose) => datamap.customers.contacts(ctx, purpose),
      emailIndex: (ctx, email) => datamap.customers.emailIndex(ctx, email),
    },
    team: {
      active: async () =>
        (await identity.users.list(systemContext('breach')))
          .filter((user) => user.status === 'active')
          .map((user) => ({ id: user.id, email: user.email })),
    },
    jobs: deps.jobs,
    secretBox: createSecretBox(deriveKey(deps.masterKey, 'breach-outbox')),
  });
  const disclosure = createDisclosureModule({
    db,
    clock,
    config,
    audit,
    secretBox: createSecretBox(deriveKey(deps.masterKey, 'disclosure-settings')),
    proofKey: deriveKey(deps.masterKey, 'disclosure-proof-of-work'),
    mail: deps.mail,
    notify,
    team: {
      member: async (userId) => {
        const user = (await identity.users.list(systemContext('disclosure'))).find(
          (u) => u.id === userId && u.status === 'active' && u.role !== 'viewer',
        );
        return user ? { id: user.id, email: user.email } : null;
      },
      admins: async () =>
        (await identity.users.list(systemContext('disclosure')))
          .filter((u) => u.status === 'active' && u.role === 'admin')
          .map((u) => ({ id: u.id, email: u.email })),
    },
    incidents: { get: (ctx, id) => incidents.incidents.get(ctx, id) },
    // Called only after a publication, when trust exists.
    onPublicChange: () => trust.advisoriesPublished(),
  });
  const trust = createTrustModule({
    db,
    clock,
    config,
    audit,
    masterKey: deps.masterKey,
    mail: deps.mail,
    jobs: deps.jobs,
    vendors: vendors.vendors,
    categories: datamap.categories,
    incidents: { get: (ctx, id) => incidents.incidents.get(ctx, id) },
    advisories: {
      published: async () =>
        (await disclosure.advisories.published()).map((a) => disclosure.advisories.toPublic(a)),
    },
    programme: {
      policy: () => disclosure.program.current(),
      hallOfFame: () => disclosure.hallOfFame(),
    },
  });
  const services: CoreServices = {
    audit,
    identity,
    datamap,
    vendors,
    assessments,
    exposure,
    detection,
    incidents,
    breach,
    disclosure,
    trust,
  };
  let draining = false;

  installErrorHandling(app);
  await app.register(cookie);
  installSecurityHeaders(app, { https: config.publicUrl.startsWith('https://') });
  await app.register(rateLimit, { global: false });
  await installOpenApi(app, config);
  const routes = installAuth(app, {
    auth: identity.auth,
    cookieName: sessionCookieName(config.publicUrl),
  });

  const routeOptions = {
    identity,
    cookieName: sessionCookieName(config.publicUrl),
    secureCookies: config.publicUrl.startsWith('https://'),
  };
  await app.register(healthRoutes, { db, isDraining: () => draining });
  await app.register(identityAuthRoutes, routeOptions);
  await app.register(identityMeRoutes, routeOptions);
  await app.register(identityUsersRoutes, routeOptions);
  await app.register(auditRoutes, { audit });
  await app.register(vendorsModuleRoutes, { vendors });
  await app.register(datamapRoutes, { datamap });
  await app.register(assessmentsModuleRoutes, { assessments });
  await app.register(exposureModuleRoutes, { exposure });
  await app.register(exposurePortalRoutes, { exposure, assessments });
  await app.register(exposureAnswerRoutes, { exposure, assessments });
  await app.register(detectionModuleRoutes, { detection });
  await app.register(incidentsModuleRoutes, { incidents });
  await app.register(breachRoutes, { breach });
  await app.register(breachTemplateRoutes, { breach });
  await app.register(breachCampaignRoutes, { breach });
  await app.register(disclosureRoutes, { disclosure });
  await app.register(disclosurePublicRoutes, { disclosure });
  await app.register(disclosureReportRoutes, { disclosure });
  await app.register(disclosureAdvisoryRoutes, { disclosure });
  await app.register(disclosureCsafRoutes, { disclosure });
  await app.register(trustRoutes, { trust });
  await app.register(trustPublicRoutes, { trust, https: config.publicUrl.startsWith('https://') });
  for (const plugin of deps.plugins ?? []) await plugin(app, services);
  if (deps.webRoot) await installWebApp(app, deps.webRoot);

  await app.ready();
  return {
    app,
    services,
    routes,
    markDraining: () => {
      draining = true;
    },
  };
}

/** Mails every active admin and analyst; alerts are for the people who can act on them. */
async function notifySecurityTeam(
  identity: ReturnType<typeof createIdentityService>,
  mail: MailSender,
  message: { subject: string; text: string },
  options: { idempotencyKey?: string } = {},
): Promise<void> {
  const team = await identity.users.list(systemContext('notify'));
  for (const user of team) {
    if (user.status !== 'active' || user.role === 'viewer') continue;
    // One key per recipient, hashed to fit the queue's key column whatever the address.
    const key = options.idempotencyKey;
    await mail.send(
      { to: user.email, subject: message.subject, text: message.text },
      key === undefined ? {} : { idempotencyKey: sha256Hex(`${key}\u0000${user.email}`) },
    );
  }
}
