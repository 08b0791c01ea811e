import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isMutation } from '../../src/server/route-auth.js';
import { testDialect } from '../support/database.js';
import { createTestApp, type Caller, type TestApp } from '../support/app.js';

/**
 * The pattern every module extends: each registered route declares its rule, anonymous callers
 * get 401 on everything non-public, and a viewer gets 403 on every mutation above their rank.
 * Mutations a viewer *may* call are listed here on purpose, so adding one is a reviewed change.
 */
const SELF_SERVICE_MUTATIONS = new Set([
  'POST /api/v1/auth/mfa/verify',
  'POST /api/v1/auth/logout',
  'POST /api/v1/me/password',
  'POST /api/v1/me/mfa/enrol',
  'POST /api/v1/me/mfa/confirm',
  'POST /api/v1/me/mfa/disable',
  'POST /api/v1/me/mfa/recovery-codes',
  'DELETE /api/v1/me/sessions/:id',
  'POST /api/v1/me/sessions/revoke-all',
  'POST /api/v1/tokens',
  'DELETE /api/v1/tokens/:id',
  // A POST only because the file is a body: it checks a security.txt and changes nothing.
  'POST /api/v1/disclosure/security-txt/validate',
]);

/**
 * Mutations anyone may call: each is guarded by something other than a session (a capability
 * token, a signed link, a set-up token, the form's own CSRF pair and limits). Listed on purpose,
 * so a new public mutation is a reviewed change.
 */
const PUBLIC_MUTATIONS = new Set([
  'POST /api/v1/setup',
  'POST /api/v1/auth/login',
  'POST /api/v1/invitations/accept',
  'POST /api/v1/invitations/inspect',
  'PUT /api/v1/portal/:token/answers',
  'POST /api/v1/portal/:token/evidence',
  'DELETE /api/v1/portal/:token/evidence/:evidenceId',
  'POST /api/v1/portal/:token/findings/:findingId/remediation',
  'POST /api/v1/portal/:token/sbom',
  'POST /api/v1/portal/:token/submit',
  'POST /api/v1/public/disclosure/reports',
  'POST /api/v1/public/disclosure/thread/:token/messages',
  'POST /api/v1/public/disclosure/thread/:token/attachments',
  'PUT /api/v1/public/disclosure/thread/:token/preferences',
  'POST /trust/subscribe',
  'POST /trust/subscriptions/confirm/:token',
  'POST /trust/unsubscribe/:token',
  'POST /trust/documents/:id/request',
]);

/** Pages behind a signed link that verify it only when their button is pressed (a POST). */
const CONFIRM_LANDINGS = new Set([
  'GET /trust/subscriptions/confirm/:token',
  'GET /trust/unsubscribe/:token',
]);

const rank = { viewer: 0, analyst: 1, admin: 2 } as const;

function concreteUrl(url: string): string {
  return url
    .replace(
      ':id',
      url.startsWith('/api/v1/me/sessions')
        ? '0123456789abcdef'
        : '7c9e6679-7425-40de-944b-e07fc1f66ae7',
    )
    .replace(/:([a-zA-Z]+)/g, 'x');
}

describe(`authorization matrix (${testDialect})`, () => {
  let t: TestApp;
  let viewer: Caller;
  let analyst: Caller;

  beforeAll(async () => {
    t = await createTestApp();
    viewer = await t.callerWithRole('viewer');
    analyst = await t.callerWithRole('analyst');
  });
  afterAll(() => t.close());

  it('every route declares its access rule', () => {
    expect(t.routes.length).toBeGreaterThan(20);
    for (const route of t.routes) expect(route.auth, `${route.method} ${route.url}`).toBeDefined();
  });

  it('anonymous callers get 401 on every non-public route', async () => {
    const guarded = t.routes.filter((route) => route.auth !== 'public');
    expect(guarded.length).toBeGreaterThan(15);
    for (const route of guarded) {
      const response = await t.app.inject({
        method: route.method as 'GET',
        url: concreteUrl(route.url),
      });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(401);
    }
  });

  it('every public mutation is a reviewed one', () => {
    const publicMutations = t.routes
      .filter((route) => isMutation(route.method) && route.auth === 'public')
      .map((route) => `${route.method} ${route.url}`);
    expect(new Set(publicMutations)).toEqual(PUBLIC_MUTATIONS);
  });

  it('a capability route opens nothing for a token it never issued', async () => {
    const capability = t.routes.filter(
      (route) => route.auth === 'public' && route.url.includes(':token'),
    );
    expect(capability.length).toBeGreaterThan(10);
    for (const route of capability) {
      // A well-formed token (43 base64url characters, as issued) that was never issued, and
      // well-formed ids, so only the lookup can refuse it.
      const url = route.url
        .replace(':token', 'A'.repeat(43))
        .replace(/:[a-zA-Z]+/g, '7c9e6679-7425-40de-944b-e07fc1f66ae7');
      const response = await t.app.inject({
        method: route.method as 'GET',
        url,
        payload: isMutation(route.method) ? {} : undefined,
      });
      const key = `${route.method} ${route.url}`;
      // A read proves the lookup: the JSON APIs answer an unknown object, the trust center's
      // signed links a bad signature. A write may be refused for its empty body first.
      // Confirmation landings only show a button (mail scanners follow links), checked on POST.
      const allowed = CONFIRM_LANDINGS.has(key)
        ? [200]
        : route.url.startsWith('/api/') && !isMutation(route.method)
          ? [404]
          : [400, 404];
      expect(allowed, `${key}: ${response.statusCode}`).toContain(response.statusCode);
    }
  });

  it('a viewer gets 403 on every mutation above the viewer rank', async () => {
    const mutations = t.routes.filter(
      (route) => isMutation(route.method) && route.auth !== 'public',
    );
    for (const route of mutations) {
      const key = `${route.method} ${route.url}`;
      const auth = route.auth!;
      if (auth === 'session' || (typeof auth === 'object' && auth.role === 'viewer')) {
        expect(
          SELF_SERVICE_MUTATIONS.has(key),
          `${key} lets a viewer mutate; add it to SELF_SERVICE_MUTATIONS if intended`,
        ).toBe(true);
        continue;
      }
      const response = await t.app.inject({
        method: route.method as 'POST',
        url: concreteUrl(route.url),
        headers: viewer.headers,
        payload: {},
      });
      expect(response.statusCode, key).toBe(403);
    }
  });

  it('callers below a route’s role get 403 on reads too', async () => {
    for (const route of t.routes.filter((r) => typeof r.auth === 'object')) {
      const required = (route.auth as { role: keyof typeof rank }).role;
      for (const [name, caller] of [
        ['viewer', viewer],
        ['analyst', analyst],
      ] as const) {
        if (rank[name] >= rank[required]) continue;
        const response = await t.app.inject({
          method: route.method as 'GET',
          url: concreteUrl(route.url),
          headers: caller.headers,
          payload: isMutation(route.method) ? {} : undefined,
        });
        expect(response.statusCode, `${name} ${route.method} ${route.url}`).toBe(403);
      }
    }
  });

  it('an API token without the needed scope gets 403', async () => {
    const admin = await t.callerWithRole('admin');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: admin.headers,
      payload: { name: 'read only', scopes: ['read'], expiresInDays: 30 },
    });
    const { secret } = created.json<{ secret: string }>();
    const bearer = { authorization: `Bearer ${secret}` };
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/audit-events', headers: bearer }))
        .statusCode,
    ).toBe(200);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: bearer })).statusCode,
    ).toBe(403);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/users/invitations',
          headers: bearer,
          payload: { email: 'x@example.com', displayName: 'X', role: 'viewer' },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('cookie-authenticated mutations without the CSRF token are refused', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/sessions/revoke-all',
      headers: { cookie: viewer.headers.cookie! },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({
      code: 'FORBIDDEN',
      message: 'Missing or invalid CSRF token',
    });
  });

  describe('objects the caller may not see are 404', () => {
    it('another user’s record', async () => {
      const response = await t.app.inject({
        method: 'GET',
        url: `/api/v1/users/${analyst.userId}`,
        headers: viewer.headers,
      });
      expect(response.statusCode).toBe(404);
      const own = await t.app.inject({
        method: 'GET',
        url: `/api/v1/users/${viewer.userId}`,
        headers: viewer.headers,
      });
      expect(own.statusCode).toBe(200);
    });

    it('another user’s API token', async () => {
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/v1/tokens',
        headers: analyst.headers,
        payload: { name: 'ci', scopes: ['read'], expiresInDays: null },
      });
      const { token } = created.json<{ token: { id: string } }>();
      const other = await t.app.inject({
        method: 'DELETE',
        url: `/api/v1/tokens/${token.id}`,
        headers: viewer.headers,
      });
      expect(other.statusCode).toBe(404);
      const list = await t.app.inject({
        method: 'GET',
        url: '/api/v1/tokens?all=true',
        headers: viewer.headers,
      });
      expect(list.json<unknown[]>()).toHaveLength(0);
    });

    it('another user’s session', async () => {
      const sessions = await t.app.inject({
        method: 'GET',
        url: '/api/v1/me/sessions',
        headers: analyst.headers,
      });
      const [analystSession] = sessions.json<{ id: string }[]>();
      const response = await t.app.inject({
        method: 'DELETE',
        url: `/api/v1/me/sessions/${analystSession!.id}`,
        headers: viewer.headers,
      });
      expect(response.statusCode).toBe(404);
    });
  });
});
