import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemContext } from '../../src/lib/principal.js';
import { testDialect } from '../support/database.js';
import {
  callerFrom,
  createTestApp,
  TEST_PASSWORD,
  type Caller,
  type TestApp,
} from '../support/app.js';

describe(`identity (${testDialect})`, () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(() => t.close());

  const post = (url: string, caller: Caller | null, payload?: object) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: caller?.headers ?? {},
      ...(payload ? { payload } : {}),
    });

  describe('first-run set-up', () => {
    it('works once, only with the printed token', async () => {
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/setup/status' })).json()).toEqual({
        needsSetup: true,
      });
      const token = await t.services.identity.setup.issueSetupToken();
      const body = {
        token: 'wrong-token',
        email: 'Admin@Shop.example',
        displayName: 'Ada Admin',
        password: TEST_PASSWORD,
      };
      expect((await post('/api/v1/setup', null, body)).statusCode).toBe(401);
      const created = await post('/api/v1/setup', null, { ...body, token });
      expect(created.statusCode).toBe(201);
      expect(created.json()).toMatchObject({
        email: 'admin@shop.example',
        role: 'admin',
        status: 'active',
      });
      expect((await post('/api/v1/setup', null, { ...body, token })).statusCode).toBe(401);
      expect(await t.services.identity.setup.issueSetupToken()).toBeNull();
    });
  });

  describe('sign-in and throttling', () => {
    it('gives one generic message for unknown accounts and wrong passwords', async () => {
      const user = await t.createUser('analyst');
      const unknown = await post('/api/v1/auth/login', null, {
        email: 'nobody@example.com',
        password: 'whatever-password',
      });
      const wrong = await post('/api/v1/auth/login', null, {
        email: user.email,
        password: 'whatever-password',
      });
      expect(unknown.statusCode).toBe(401);
      expect(wrong.statusCode).toBe(401);
      expect(unknown.json().message).toBe(wrong.json().message);
    });

    it('backs off per account and IP, leaves other IPs alone, and lets the lock expire', async () => {
      const user = await t.createUser('analyst');
      const attempt = (password: string, ip: string) =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email: user.email, password },
          remoteAddress: ip,
        });
      for (let i = 0; i < 5; i += 1)
        expect((await attempt('bad-password-guess', '203.0.113.9')).statusCode).toBe(401);
      const locked = await attempt(TEST_PASSWORD, '203.0.113.9');
      expect(locked.statusCode).toBe(429);
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
      // The real user on another network is unaffected by the attacker's failures.
      expect((await attempt(TEST_PASSWORD, '198.51.100.7')).statusCode).toBe(200);
      t.clock.advance(2_000);
      expect((await attempt(TEST_PASSWORD, '203.0.113.9')).statusCode).toBe(200);
    });

    it('refuses disabled accounts and kills their sessions and tokens', async () => {
      const admin = await t.callerWithRole('admin');
      const victim = await t.callerWithRole('analyst');
      const tokenResponse = await post('/api/v1/tokens', victim, {
        name: 'ci',
        scopes: ['read'],
        expiresInDays: 30,
      });
      const bearer = { authorization: `Bearer ${tokenResponse.json<{ secret: string }>().secret}` };
      expect(
        (await t.app.inject({ method: 'GET', url: '/api/v1/audit-events', headers: bearer }))
          .statusCode,
      ).toBe(200);
      expect((await post(`/api/v1/users/${victim.userId}/disable`, admin)).statusCode).toBe(200);
      expect(
        (
          await t.app.inject({
            method: 'GET',
            url: '/api/v1/auth/session',
            headers: victim.headers,
          })
        ).statusCode,
      ).toBe(401);
      expect(
        (await t.app.inject({ method: 'GET', url: '/api/v1/audit-events', headers: bearer }))
          .statusCode,
      ).toBe(401);
      expect(
        (await post('/api/v1/auth/login', null, { email: victim.email, password: TEST_PASSWORD }))
          .statusCode,
      ).toBe(401);
    });
  });

  describe('sessions', () => {
    it('expire after the idle timeout and at the absolute limit', async () => {
      const caller = await t.callerWithRole('viewer');
      const session = () =>
        t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: caller.headers });
      t.clock.advance(29 * 60_000);
      expect((await session()).statusCode).toBe(200);
      t.clock.advance(31 * 60_000);
      expect((await session()).statusCode).toBe(401);

      const second = await t.signIn(caller.email);
      for (let hour = 0; hour < 12; hour += 1) {
        t.clock.advance(25 * 60_000);
        await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: second.headers });
        t.clock.advance(25 * 60_000);
      }
      expect(
        (
          await t.app.inject({
            method: 'GET',
            url: '/api/v1/auth/session',
            headers: second.headers,
          })
        ).statusCode,
      ).toBe(401);
    });

    it('housekeeping drops expired sessions and stale throttle entries', async () => {
      const caller = await t.callerWithRole('viewer');
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: caller.email, password: 'wrong password here' },
      });
      expect(await t.services.identity.auth.purgeExpired()).toEqual({ sessions: 0, throttles: 0 });
      t.clock.advance(13 * 3_600_000);
      expect(await t.services.identity.auth.purgeExpired()).toEqual({ sessions: 1, throttles: 0 });
      t.clock.advance(12 * 3_600_000);
      expect(await t.services.identity.auth.purgeExpired()).toEqual({ sessions: 0, throttles: 1 });
    });

    it('signs out everywhere', async () => {
      const caller = await t.callerWithRole('viewer');
      const other = await t.signIn(caller.email);
      const response = await post('/api/v1/me/sessions/revoke-all', caller);
      expect(response.json()).toEqual({ revoked: 2 });
      expect(
        (await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: other.headers }))
          .statusCode,
      ).toBe(401);
    });

    it('changing the password ends the other sessions', async () => {
      const caller = await t.callerWithRole('viewer');
      const other = await t.signIn(caller.email);
      const newPassword = 'an entirely new passphrase';
      expect(
        (
          await post('/api/v1/me/password', caller, {
            currentPassword: 'not it at all',
            newPassword,
          })
        ).statusCode,
      ).toBe(400);
      expect(
        (await post('/api/v1/me/password', caller, { currentPassword: TEST_PASSWORD, newPassword }))
          .statusCode,
      ).toBe(200);
      expect(
        (await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: other.headers }))
          .statusCode,
      ).toBe(401);
      expect(
        (
          await t.app.inject({
            method: 'GET',
            url: '/api/v1/auth/session',
            headers: caller.headers,
          })
        ).statusCode,
      ).toBe(200);
      await t.signIn(caller.email, newPassword);
    });
  });

  describe('MFA', () => {
    async function enrol(caller: Caller) {
      const enrolment = (await post('/api/v1/me/mfa/enrol', caller)).json<{
        secret: string;
        qrCodeDataUrl: string;
      }>();
      expect(enrolment.qrCodeDataUrl).toMatch(/^data:image\/png;base64,/);
      const confirmed = await post('/api/v1/me/mfa/confirm', caller, {
        code: await t.totpFor(enrolment.secret),
      });
      expect(confirmed.statusCode).toBe(200);
      return {
        secret: enrolment.secret,
        recoveryCodes: confirmed.json<{ recoveryCodes: string[] }>().recoveryCodes,
        confirmed,
      };
    }

    it('enrols, then requires a code at sign-in, and never accepts a code twice', async () => {
      const caller = await t.callerWithRole('analyst');
      const { secret, recoveryCodes } = await enrol(caller);
      expect(recoveryCodes).toHaveLength(10);

      t.clock.advance(31_000);
      const pending = await t.signIn(caller.email);
      const blocked = await t.app.inject({
        method: 'GET',
        url: '/api/v1/audit-events',
        headers: pending.headers,
      });
      expect(blocked.statusCode).toBe(401);
      expect(blocked.json().code).toBe('MFA_REQUIRED');
      expect((await post('/api/v1/auth/mfa/verify', pending, { code: '000000' })).statusCode).toBe(
        401,
      );
      const code = await t.totpFor(secret);
      const verified = await post('/api/v1/auth/mfa/verify', pending, { code });
      expect(verified.json().mfa).toBe('verified');
      // A new session replaces the pending one: the old cookie is dead (no session fixation).
      const signedIn = callerFrom(verified, caller.email);
      expect(signedIn.headers.cookie).not.toBe(pending.headers.cookie);
      const get = (headers: Record<string, string>) =>
        t.app.inject({ method: 'GET', url: '/api/v1/audit-events', headers });
      expect((await get(signedIn.headers)).statusCode).toBe(200);
      expect((await get(pending.headers)).statusCode).toBe(401);

      const replay = await t.signIn(caller.email);
      expect((await post('/api/v1/auth/mfa/verify', replay, { code })).statusCode).toBe(401);
    });

    it('accepts each recovery code once', async () => {
      const caller = await t.callerWithRole('viewer');
      const { recoveryCodes } = await enrol(caller);
      const first = await t.signIn(caller.email);
      expect(
        (
          await post('/api/v1/auth/mfa/verify', first, {
            recoveryCode: recoveryCodes[0]!.toUpperCase(),
          })
        ).statusCode,
      ).toBe(200);
      const second = await t.signIn(caller.email);
      expect(
        (await post('/api/v1/auth/mfa/verify', second, { recoveryCode: recoveryCodes[0] }))
          .statusCode,
      ).toBe(401);
    });

    it('forces enrolment when an admin makes MFA mandatory, and admins can reset it', async () => {
      const admin = await t.callerWithRole('admin');
      const analyst = await t.createUser('analyst');
      expect(
        (
          await t.app.inject({
            method: 'PUT',
            url: '/api/v1/settings/security',
            headers: admin.headers,
            payload: { mfaRequired: true },
          })
        ).statusCode,
      ).toBe(200);
      const forced = await t.signIn(analyst.email);
      const session = await t.app.inject({
        method: 'GET',
        url: '/api/v1/auth/session',
        headers: forced.headers,
      });
      expect(session.json()).toMatchObject({ mfa: 'enrol', mfaRequired: true });
      expect(
        (
          await t.app.inject({
            method: 'GET',
            url: '/api/v1/audit-events',
            headers: forced.headers,
          })
        ).statusCode,
      ).toBe(401);
      const { confirmed } = await enrol(forced);
      // Finishing forced enrolment replaces the session: new cookie, new CSRF token.
      const cookie = confirmed.cookies.find((c) => c.name === 'cordon_session');
      expect(cookie).toBeDefined();
      const fresh = { cookie: `cordon_session=${cookie!.value}` };
      const info = await t.app.inject({
        method: 'GET',
        url: '/api/v1/auth/session',
        headers: fresh,
      });
      expect(info.json()).toMatchObject({ mfa: 'verified' });
      const enrolled = {
        ...forced,
        headers: { ...fresh, 'x-csrf-token': info.json<{ csrfToken: string }>().csrfToken },
      };
      expect(
        (
          await t.app.inject({
            method: 'GET',
            url: '/api/v1/audit-events',
            headers: forced.headers,
          })
        ).statusCode,
      ).toBe(401);
      expect(
        (
          await t.app.inject({
            method: 'GET',
            url: '/api/v1/audit-events',
            headers: enrolled.headers,
          })
        ).statusCode,
      ).toBe(200);
      expect(
        (await post('/api/v1/me/mfa/disable', enrolled, { password: TEST_PASSWORD })).statusCode,
      ).toBe(403);

      const reset = await post(`/api/v1/users/${analyst.id}/reset-mfa`, admin);
      expect(reset.json()).toMatchObject({ mfaEnabled: false });
      expect(
        (
          await t.app.inject({
            method: 'GET',
            url: '/api/v1/auth/session',
            headers: enrolled.headers,
          })
        ).statusCode,
      ).toBe(401);
    });
  });

  describe('user administration', () => {
    it('invites a user who sets a password through the emailed link', async () => {
      const admin = await t.callerWithRole('admin');
      const invited = await post('/api/v1/users/invitations', admin, {
        email: 'new.analyst@shop.example',
        displayName: 'New Analyst',
        role: 'analyst',
      });
      expect(invited.statusCode).toBe(201);
      const { inviteUrl } = invited.json<{ inviteUrl: string }>();
      expect(t.sentMail.at(-1)).toMatchObject({ to: 'new.analyst@shop.example' });
      expect(t.sentMail.at(-1)!.text).toContain(inviteUrl);
      const token = new URL(inviteUrl).hash.replace('#token=', '');
      expect((await post('/api/v1/invitations/inspect', null, { token })).json()).toMatchObject({
        email: 'new.analyst@shop.example',
      });
      expect(
        (await post('/api/v1/invitations/accept', null, { token, password: 'short' })).statusCode,
      ).toBe(400);
      expect(
        (await post('/api/v1/invitations/accept', null, { token, password: TEST_PASSWORD }))
          .statusCode,
      ).toBe(200);
      expect(
        (await post('/api/v1/invitations/accept', null, { token, password: TEST_PASSWORD }))
          .statusCode,
      ).toBe(404);
      const analyst = await t.signIn('new.analyst@shop.example');
      expect(
        (
          await t.app.inject({
            method: 'GET',
            url: '/api/v1/audit-events',
            headers: analyst.headers,
          })
        ).statusCode,
      ).toBe(200);
    });

    it('sends a password-reset link that ends the old sessions and works once', async () => {
      const admin = await t.callerWithRole('admin');
      const analyst = await t.callerWithRole('analyst');
      const sent = await post(`/api/v1/users/${analyst.userId}/access-link`, admin);
      expect(sent.statusCode).toBe(200);
      expect(t.sentMail.at(-1)).toMatchObject({
        to: analyst.email,
        subject: 'Set a new Cordon password',
      });
      const token = new URL(sent.json<{ inviteUrl: string }>().inviteUrl).hash.replace(
        '#token=',
        '',
      );
      expect((await post('/api/v1/invitations/inspect', null, { token })).json()).toMatchObject({
        purpose: 'password-reset',
      });
      const newPassword = 'a reset passphrase for the analyst';
      expect(
        (await post('/api/v1/invitations/accept', null, { token, password: newPassword }))
          .statusCode,
      ).toBe(200);
      expect(
        (
          await t.app.inject({
            method: 'GET',
            url: '/api/v1/auth/session',
            headers: analyst.headers,
          })
        ).statusCode,
      ).toBe(401);
      await t.signIn(analyst.email, newPassword);
      expect(
        (await post('/api/v1/invitations/accept', null, { token, password: newPassword }))
          .statusCode,
      ).toBe(404);
    });

    it('re-sends an invitation, and the earlier link stops working', async () => {
      const admin = await t.callerWithRole('admin');
      const first = (
        await post('/api/v1/users/invitations', admin, {
          email: 'late@shop.example',
          displayName: 'Late',
          role: 'viewer',
        })
      ).json<{ user: { id: string }; inviteUrl: string }>();
      const again = (await post(`/api/v1/users/${first.user.id}/access-link`, admin)).json<{
        inviteUrl: string;
      }>();
      const tokenOf = (url: string) => new URL(url).hash.replace('#token=', '');
      expect(
        (await post('/api/v1/invitations/inspect', null, { token: tokenOf(first.inviteUrl) }))
          .statusCode,
      ).toBe(404);
      expect(
        (
          await post('/api/v1/invitations/inspect', null, { token: tokenOf(again.inviteUrl) })
        ).json(),
      ).toMatchObject({ purpose: 'invite' });
    });

    it('never demotes or disables the last active admin', async () => {
      const admin = await t.callerWithRole('admin');
      const demote = await t.app.inject({
        method: 'PUT',
        url: `/api/v1/users/${admin.userId}/role`,
        headers: admin.headers,
        payload: { role: 'viewer' },
      });
      expect(demote.statusCode).toBe(409);
      expect((await post(`/api/v1/users/${admin.userId}/disable`, admin)).statusCode).toBe(409);
      const second = await t.createUser('admin');
      expect(
        (
          await t.app.inject({
            method: 'PUT',
            url: `/api/v1/users/${second.id}/role`,
            headers: admin.headers,
            payload: { role: 'analyst' },
          })
        ).json(),
      ).toMatchObject({ role: 'analyst' });
    });
  });

  describe('API tokens', () => {
    it('are shown once, capped at the owner’s role, and die when revoked or expired', async () => {
      const analyst = await t.callerWithRole('analyst');
      expect(
        (
          await post('/api/v1/tokens', analyst, {
            name: 'too much',
            scopes: ['admin'],
            expiresInDays: 1,
          })
        ).statusCode,
      ).toBe(400);
      const created = (
        await post('/api/v1/tokens', analyst, {
          name: 'siem',
          scopes: ['read', 'ingest'],
          expiresInDays: 1,
        })
      ).json<{ secret: string; token: { id: string } }>();
      expect(created.secret).toMatch(/^cdn_/);
      const bearer = { authorization: `Bearer ${created.secret}` };
      const listed = await t.app.inject({
        method: 'GET',
        url: '/api/v1/tokens',
        headers: analyst.headers,
      });
      expect(JSON.stringify(listed.json())).not.toContain(created.secret);
      expect(
        (await t.app.inject({ method: 'GET', url: '/api/v1/audit-events', headers: bearer }))
          .statusCode,
      ).toBe(200);
      t.clock.advance(2 * 86_400_000);
      expect(
        (await t.app.inject({ method: 'GET', url: '/api/v1/audit-events', headers: bearer }))
          .statusCode,
      ).toBe(401);

      const fresh = await t.signIn(analyst.email);
      const second = (
        await post('/api/v1/tokens', fresh, {
          name: 'siem 2',
          scopes: ['read'],
          expiresInDays: null,
        })
      ).json<{ secret: string; token: { id: string } }>();
      await t.app.inject({
        method: 'DELETE',
        url: `/api/v1/tokens/${second.token.id}`,
        headers: fresh.headers,
      });
      expect(
        (
          await t.app.inject({
            method: 'GET',
            url: '/api/v1/audit-events',
            headers: { authorization: `Bearer ${second.secret}` },
          })
        ).statusCode,
      ).toBe(401);
    });
  });

  it('filters the audit log by time in any offset, and refuses hostile filter values', async () => {
    const admin = await t.callerWithRole('admin');
    const list = async (query: string) =>
      t.app.inject({ method: 'GET', url: `/api/v1/audit-events?${query}`, headers: admin.headers });
    // Events so far happened at 2026-03-12T08:00:00.000Z (the test clock).
    const count = async (query: string) =>
      (await list(query)).json<{ items: unknown[] }>().items.length;
    const all = await count('limit=100');
    expect(all).toBeGreaterThan(0);
    expect(await count('from=2026-03-12T08:00:00Z')).toBe(all);
    expect(await count('to=2026-03-12T05:00:01-05:00')).toBe(all);
    expect(await count('from=2026-03-12T03:00:01-05:00')).toBe(0);
    const hostile = await list('actorId=%00');
    expect(hostile.statusCode).toBe(400);
    expect(hostile.json().issues[0].field).toBe('querystring.actorId');
  });

  it('records who did what in an intact chain', async () => {
    const admin = await t.callerWithRole('admin');
    await post('/api/v1/auth/login', null, { email: admin.email, password: 'wrong-password-here' });
    const events = (
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/audit-events?action=identity.login',
        headers: admin.headers,
      })
    ).json<{ items: { outcome: string; ip: string; requestId: string }[] }>();
    expect(events.items.map((e) => e.outcome)).toEqual(['failure', 'success']);
    expect(events.items[0]!.requestId).toBeTruthy();
    const verification = await t.app.inject({
      method: 'GET',
      url: '/api/v1/audit-events/verification',
      headers: admin.headers,
    });
    expect(verification.json()).toMatchObject({ ok: true });
    expect((await t.services.audit.verify(systemContext('test'))).checked).toBeGreaterThan(2);
  });
});
