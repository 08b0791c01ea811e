import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialect } from '../support/database.js';
import { createTestApp, type TestApp } from '../support/app.js';

describe(`HTTP surface (${testDialect})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    const webRoot = mkdtempSync(path.join(os.tmpdir(), 'cordon-web-'));
    writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>Cordon</title>');
    t = await createTestApp({ webRoot });
  });
  afterAll(() => t.close());

  it('answers health and readiness', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({
      status: 'ok',
    });
    expect((await t.app.inject({ method: 'GET', url: '/readyz' })).json()).toEqual({
      status: 'ready',
      database: testDialect,
    });
    t.markDraining();
    expect((await t.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(503);
  });

  it('publishes OpenAPI with every API route and serves the docs page', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<string, unknown>;
    }>();
    const apiRoutes = t.routes.filter((route) => route.url.startsWith('/api/v1/'));
    for (const route of apiRoutes)
      expect(Object.keys(spec.paths)).toContain(route.url.replace(/:(\w+)/g, '{$1}'));
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });

  it('sets security headers, a strict CSP without upgrades on plain HTTP, and a request id', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/healthz' });
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['strict-transport-security']).toBeUndefined();
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves the web app for client routes but JSON 404s for unknown API paths', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/users' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['cache-control']).toBe('no-cache');
    const api = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('sets an HttpOnly, SameSite=Strict session cookie', async () => {
    const user = await t.createUser('viewer');
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: 'correct horse battery staple' },
    });
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
  });
});

describe('HTTPS deployments', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ config: { publicUrl: 'https://cordon.shop.example' } });
  });
  afterAll(() => t.close());

  it('use HSTS, upgrade insecure requests and a __Host- Secure cookie', async () => {
    const health = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(health.headers['strict-transport-security']).toContain('max-age=');
    expect(String(health.headers['content-security-policy'])).toContain(
      'upgrade-insecure-requests',
    );
    const user = await t.createUser('viewer');
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: 'correct horse battery staple' },
    });
    expect(String(login.headers['set-cookie'])).toMatch(/^__Host-cordon_session=.*; Secure/);
    // Clearing must repeat Secure, or browsers keep the __Host- cookie.
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const csrf = login.json<{ csrfToken: string }>().csrfToken;
    const logout = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie, 'x-csrf-token': csrf },
    });
    expect(String(logout.headers['set-cookie'])).toMatch(/^__Host-cordon_session=;.*Secure/);
  });
});
