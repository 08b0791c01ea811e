import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialect } from '../support/database.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../support/app.js';

/** Secrets and personal data never reach the log, whatever the request carried. */
describe(`logging (${testDialect})`, () => {
  const lines: string[] = [];
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      config: { logLevel: 'trace' },
      logStream: {
        write: (line) => {
          lines.push(line);
        },
      },
    });
  });
  afterAll(() => t.close());

  it('logs requests by route pattern without passwords, emails, cookies or tokens', async () => {
    const user = await t.createUser('admin', 'ada.admin@shop.example');
    const caller = await t.signIn(user.email);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: caller.headers,
      payload: { name: 'x', scopes: ['read'], expiresInDays: 1 },
    });
    const secret = created.json<{ secret: string }>().secret;
    await t.app.inject({
      method: 'GET',
      url: `/api/v1/audit-events?token=${secret}`,
      headers: { authorization: `Bearer ${secret}` },
    });
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: 'wrong password here' },
    });
    // A route that fails hard still logs nothing sensitive.
    t.app.log.info(
      { password: TEST_PASSWORD, user: { email: user.email }, token: secret },
      'hand-written log line',
    );

    const log = lines.join('');
    expect(lines.length).toBeGreaterThan(5);
    expect(log).toContain('/api/v1/auth/login');
    for (const forbidden of [
      TEST_PASSWORD,
      'wrong password here',
      user.email,
      secret,
      caller.headers.cookie!.split('=')[1]!,
      caller.headers['x-csrf-token']!,
    ]) {
      expect(log, `log contains ${forbidden.slice(0, 6)}…`).not.toContain(forbidden);
    }
  });
});
