import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestDatabase, testDialect, type TestDatabase } from '../../test/support/database.js';
import { jobPage, jobSummary } from '../contracts/jobs.js';
import { createManualClock } from '../lib/clock.js';
import type { CallContext, Principal } from '../lib/principal.js';
import { createAuditService, type AuditService } from '../modules/audit/audit.service.js';
import { installErrorHandling } from '../server/errors.js';
import { createJobQueue, type JobQueue } from './jobs.queue.js';
import { createJobRegistry } from './jobs.registry.js';
import { jobsRoutes } from './jobs.routes.js';
import { createJobService } from './jobs.service.js';
import { createWorker } from './jobs.worker.js';

const principals: Record<string, Principal> = {
  admin: {
    kind: 'user',
    userId: 'u-admin',
    email: 'admin@example.com',
    role: 'admin',
    sessionId: 's1',
    mfa: 'verified',
  },
  analyst: {
    kind: 'user',
    userId: 'u-analyst',
    email: 'an@example.com',
    role: 'analyst',
    sessionId: 's2',
    mfa: 'verified',
  },
  readToken: {
    kind: 'token',
    tokenId: 't1',
    userId: 'u-admin',
    email: 'admin@example.com',
    role: 'admin',
    scopes: ['read'],
  },
};

describe(`jobs routes (${testDialect})`, () => {
  let test: TestDatabase;
  let app: FastifyInstance;
  let queue: JobQueue;
  let audit: AuditService;
  const clock = createManualClock(new Date('2026-03-12T08:00:00.000Z'));
  const quiet = { info: () => {}, warn: () => {}, error: () => {} };

  beforeEach(async () => {
    test = await createTestDatabase();
    const registry = createJobRegistry();
    registry.register('test.fail', {
      schema: z.object({ to: z.string() }),
      maxAttempts: 1,
      handle: () => Promise.reject(new Error('smtp down')),
    });
    queue = createJobQueue({ db: test.db, clock, registry });
    audit = createAuditService({ db: test.db, clock });
    const worker = createWorker({ db: test.db, clock, queue, registry, logger: quiet });
    const jobs = createJobService({ queue, audit });

    // The real auth plugin resolves sessions; here a header names the caller, so these tests
    // exercise the service's own checks, which must hold whatever the route layer does.
    app = Fastify();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    installErrorHandling(app);
    app.decorateRequest('ctx', null as unknown as CallContext);
    app.addHook('onRequest', async (request) => {
      const who = request.headers['x-test-principal'];
      const principal = typeof who === 'string' ? (principals[who] ?? null) : null;
      request.ctx = { principal, requestId: request.id, ip: request.ip };
    });
    await app.register(jobsRoutes, { jobs });
    await app.ready();

    await queue.enqueue('test.fail', { to: 'someone@example.com' });
    await worker.runOnce();
    await queue.enqueue(
      'test.fail',
      { to: 'later@example.com' },
      { runAt: new Date('2027-01-01') },
    );
  });
  afterEach(async () => {
    await app.close();
    await test.cleanup();
  });

  const as = (who: string | null) => (who ? { 'x-test-principal': who } : {});

  it('lists jobs for admins only, without payloads', async () => {
    const ok = await app.inject({ url: '/api/v1/jobs?status=dead', headers: as('admin') });
    expect(ok.statusCode).toBe(200);
    const page = jobPage.parse(ok.json());
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      name: 'test.fail',
      status: 'dead',
      lastError: 'smtp down',
    });
    expect(ok.body).not.toContain('someone@example.com');

    const denied = await Promise.all(
      ['analyst', 'readToken', null].map((who) =>
        app.inject({ url: '/api/v1/jobs', headers: as(who) }),
      ),
    );
    expect(denied.map((r) => r.statusCode)).toEqual([403, 403, 401]);
  });

  it('pages with nextBefore and rejects bad filters', async () => {
    const first = jobPage.parse(
      (await app.inject({ url: '/api/v1/jobs?limit=1', headers: as('admin') })).json(),
    );
    expect(first.items).toHaveLength(1);
    expect(first.nextBefore).not.toBeNull();
    const url = `/api/v1/jobs?limit=1&before=${encodeURIComponent(first.nextBefore ?? '')}`;
    const second = jobPage.parse((await app.inject({ url, headers: as('admin') })).json());
    expect(second.items.map((j) => j.id)).not.toEqual(first.items.map((j) => j.id));

    const bad = await app.inject({ url: '/api/v1/jobs?status=exploded', headers: as('admin') });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'VALIDATION' });
  });

  it('retries a dead job and records it in the audit log', async () => {
    const [dead] = await queue.listJobs({ status: 'dead', limit: 1 });
    const url = `/api/v1/jobs/${dead?.id}/retry`;

    expect((await app.inject({ method: 'POST', url, headers: as('analyst') })).statusCode).toBe(
      403,
    );
    const ok = await app.inject({ method: 'POST', url, headers: as('admin') });
    expect(ok.statusCode).toBe(200);
    expect(jobSummary.parse(ok.json())).toMatchObject({
      id: dead?.id,
      status: 'queued',
      attempts: 0,
    });

    const again = await app.inject({ method: 'POST', url, headers: as('admin') });
    expect(again.statusCode).toBe(409);

    const events = await audit.list(
      { principal: principals.admin ?? null, requestId: null, ip: null },
      {
        action: 'jobs.job.retry',
        limit: 10,
      },
    );
    expect(events.map((e) => [e.outcome, e.actorId, e.objectId])).toEqual([
      ['failure', 'u-admin', dead?.id],
      ['success', 'u-admin', dead?.id],
    ]);
  });

  it('answers 404 for an unknown job and 400 for a malformed id', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    const missing = await app.inject({
      method: 'POST',
      url: `/api/v1/jobs/${unknown}/retry`,
      headers: as('admin'),
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({
      code: 'NOT_FOUND',
      message: `Job '${unknown}' was not found`,
    });
    const malformed = await app.inject({
      method: 'POST',
      url: '/api/v1/jobs/not-a-uuid/retry',
      headers: as('admin'),
    });
    expect(malformed.statusCode).toBe(400);
  });
});
