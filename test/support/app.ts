import type { LightMyRequestResponse } from 'fastify';
import { randomBytes } from 'node:crypto';
import { generate } from 'otplib';
import { createManualClock } from '../../src/lib/clock.js';
import { loadConfig, type ConfigInput } from '../../src/lib/config.js';
import { systemContext, type Role } from '../../src/lib/principal.js';
import type { OutgoingMail } from '../../src/modules/identity/identity.deps.js';
import { createJobQueue } from '../../src/jobs/jobs.queue.js';
import { createJobRegistry } from '../../src/jobs/jobs.registry.js';
import { buildApp, type AppDeps } from '../../src/server/app.js';
import { jobsPlugin } from '../../src/server/runtime.js';
import { createTestDatabase } from './database.js';

export const TEST_PASSWORD = 'correct horse battery staple';

export interface Caller {
  headers: Record<string, string>;
  userId: string;
  email: string;
}

/** The caller a response signed in: its new session cookie and CSRF token. */
export function callerFrom(response: LightMyRequestResponse, email: string): Caller {
  const body = response.json<{ csrfToken: string; user: { id: string } }>();
  const cookie = response.cookies.find((c) => c.name === 'cordon_session');
  if (!cookie) throw new Error(`no session cookie in the ${response.statusCode} response`);
  return {
    headers: { cookie: `cordon_session=${cookie.value}`, 'x-csrf-token': body.csrfToken },
    userId: body.user.id,
    email,
  };
}

/** A real app on a fresh database (SQLite or PostgreSQL), driven through `app.inject()`. */
export async function createTestApp(
  options: {
    config?: Partial<ConfigInput>;
    plugins?: AppDeps['plugins'];
    logStream?: AppDeps['logStream'];
    webRoot?: string;
  } = {},
) {
  const database = await createTestDatabase();
  const clock = createManualClock(new Date('2026-03-12T08:00:00Z'));
  const config = loadConfig(
    {},
    {
      dataDir: database.dataDir,
      logLevel: 'silent',
      publicUrl: 'http://localhost:8080',
      ...options.config,
    },
  );
  const sentMail: OutgoingMail[] = [];
  const registry = createJobRegistry();
  const queue = createJobQueue({ db: database.db, clock, registry });
  const built = await buildApp({
    config,
    db: database.db,
    clock,
    masterKey: randomBytes(32),
    mail: {
      send: async (message) => {
        sentMail.push(message);
      },
    },
    jobs: queue,
    plugins: [jobsPlugin(queue), ...(options.plugins ?? [])],
    logStream: options.logStream,
    webRoot: options.webRoot,
  });
  const { app, services } = built;

  async function createUser(
    role: Role,
    email = `${role}-${randomBytes(4).toString('hex')}@example.com`,
  ) {
    return services.identity.users.createWithPassword(systemContext('test'), {
      email,
      displayName: `Test ${role}`,
      role,
      password: TEST_PASSWORD,
    });
  }

  /** Signs in through the real login route and returns cookie + CSRF headers. */
  async function signIn(
    email: string,
    password = TEST_PASSWORD,
    ip = '127.0.0.1',
  ): Promise<Caller> {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password },
      remoteAddress: ip,
    });
    if (response.statusCode !== 200)
      throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
    return callerFrom(response, email);
  }

  async function callerWithRole(role: Role): Promise<Caller> {
    const user = await createUser(role);
    return signIn(user.email);
  }

  async function totpFor(secret: string): Promise<string> {
    return generate({ secret, epoch: Math.floor(clock.now().getTime() / 1000) });
  }

  return {
    ...built,
    clock,
    config,
    database,
    sentMail,
    queue,
    registry,
    createUser,
    signIn,
    callerWithRole,
    totpFor,
    close: async () => {
      await app.close();
      await database.cleanup();
    },
  };
}

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;
