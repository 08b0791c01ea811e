import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDialect } from '../support/database.js';
import { createTestApp, TEST_PASSWORD, type Caller, type TestApp } from '../support/app.js';

/**
 * Guards that read and then write must hold when requests arrive together. These matter most
 * on PostgreSQL, where requests really run in parallel on separate connections.
 */
describe(`identity under parallel requests (${testDialect})`, () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(() => t.close());

  const post = (url: string, caller: Caller | null, payload?: object, ip = '127.0.0.1') =>
    t.app.inject({
      method: 'POST',
      url,
      headers: caller?.headers ?? {},
      remoteAddress: ip,
      ...(payload ? { payload } : {}),
    });

  async function enrolMfa(caller: Caller): Promise<string> {
    const { secret } = (await post('/api/v1/me/mfa/enrol', caller)).json<{ secret: string }>();
    expect(
      (await post('/api/v1/me/mfa/confirm', caller, { code: await t.totpFor(secret) })).statusCode,
    ).toBe(200);
    t.clock.advance(31_000);
    return secret;
  }

  it('checks at most the free number of passwords when 20 guesses arrive at once', async () => {
    const user = await t.createUser('analyst');
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        post(
          '/api/v1/auth/login',
          null,
          { email: user.email, password: 'a wrong guess here' },
          '203.0.113.5',
        ),
      ),
    );
    const checked = responses.filter((r) => r.statusCode === 401).length;
    const refused = responses.filter((r) => r.statusCode === 429).length;
    expect(checked).toBe(5);
    expect(refused).toBe(15);
  });

  it('throttles MFA codes per user, whatever the IP', async () => {
    const caller = await t.callerWithRole('analyst');
    await enrolMfa(caller);
    const pending = await t.signIn(caller.email);
    for (let i = 0; i < 5; i += 1) {
      expect(
        (await post('/api/v1/auth/mfa/verify', pending, { code: '000000' }, `198.51.100.${i}`))
          .statusCode,
      ).toBe(401);
    }
    // A fresh IP (and a fresh pending session) does not reset the count.
    const again = await t.signIn(caller.email, TEST_PASSWORD, '192.0.2.77');
    expect(
      (await post('/api/v1/auth/mfa/verify', again, { code: '000000' }, '192.0.2.77')).statusCode,
    ).toBe(429);
  });

  it('accepts one TOTP code once, even on parallel pending sessions', async () => {
    const caller = await t.callerWithRole('analyst');
    const secret = await enrolMfa(caller);
    const pendings = await Promise.all(Array.from({ length: 4 }, () => t.signIn(caller.email)));
    const code = await t.totpFor(secret);
    const responses = await Promise.all(
      pendings.map((pending) => post('/api/v1/auth/mfa/verify', pending, { code })),
    );
    expect(responses.filter((r) => r.statusCode === 200)).toHaveLength(1);
  });

  it('a session still awaiting MFA cannot sign the user out everywhere', async () => {
    const caller = await t.callerWithRole('viewer');
    await enrolMfa(caller);
    const pending = await t.signIn(caller.email);
    const response = await post('/api/v1/me/sessions/revoke-all', pending);
    expect(response.statusCode).toBe(401);
    expect(response.json().code).toBe('MFA_REQUIRED');
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: caller.headers }))
        .statusCode,
    ).toBe(200);
  });

  it('two admins disabling each other at once leave one admin standing', async () => {
    const first = await t.callerWithRole('admin');
    const second = await t.callerWithRole('admin');
    const responses = await Promise.all([
      post(`/api/v1/users/${second.userId}/disable`, first),
      post(`/api/v1/users/${first.userId}/disable`, second),
    ]);
    const [winner, loser] = responses.map((r) => r.statusCode).sort();
    expect(winner).toBe(200);
    // The loser is refused as the last admin (409), or was already signed out (401).
    expect([401, 409]).toContain(loser);
    const admins = await t.database.db.kysely
      .selectFrom('users')
      .select('id')
      .where('role', '=', 'admin')
      .where('status', '=', 'active')
      .execute();
    expect(admins).toHaveLength(1);
  });

  it('inviting the same email twice at once gives one 201 and one 409, never a 500', async () => {
    const admin = await t.callerWithRole('admin');
    const body = { email: 'twice@shop.example', displayName: 'Twice', role: 'viewer' };
    const responses = await Promise.all([
      post('/api/v1/users/invitations', admin, body),
      post('/api/v1/users/invitations', admin, body),
    ]);
    expect(responses.map((r) => r.statusCode).sort()).toEqual([201, 409]);
  });
});
