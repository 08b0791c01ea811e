import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialect } from '../support/database.js';
import { createTestApp, type Caller, type TestApp } from '../support/app.js';

/**
 * Hostile or broken input gets a clear 4xx naming the field, never a 500, and never a
 * half-written record. The invite route is the probe: it validates, writes and audits.
 */
describe(`bad input (${testDialect})`, () => {
  let t: TestApp;
  let admin: Caller;
  beforeAll(async () => {
    t = await createTestApp({ config: { bodyLimitBytes: 16 * 1024 } });
    admin = await t.callerWithRole('admin');
  });
  afterAll(() => t.close());

  const invite = (payload: string | object, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/users/invitations',
      headers: { ...admin.headers, 'content-type': 'application/json', ...headers },
      payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
    });
  const valid = { email: 'someone@shop.example', displayName: 'Some One', role: 'viewer' };
  const userCount = async () =>
    (await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: admin.headers })).json<
      unknown[]
    >().length;

  it('malformed JSON', async () => {
    const response = await invite('{"email": "a@b.example",');
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toMatch(/^body: is not valid JSON/);
  });

  it('a wrong content type', async () => {
    const response = await invite('email=a@b.example', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(response.statusCode).toBe(415);
    expect(response.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('an oversized body', async () => {
    const response = await invite({ ...valid, displayName: 'x'.repeat(20 * 1024) });
    expect(response.statusCode).toBe(413);
    expect(response.json().code).toBe('PAYLOAD_TOO_LARGE');
  });

  it.each([
    ['an unknown field', { ...valid, isAdmin: true }, 'body.isAdmin', /not a known field/],
    ['an over-long string', { ...valid, displayName: 'x'.repeat(101) }, 'body.displayName', /100/],
    ['a NUL byte', { ...valid, displayName: 'Eve\u0000Admin' }, 'body.displayName', /NUL/],
    [
      'a bidirectional override',
      { ...valid, displayName: 'Eve\u202eoiv' },
      'body.displayName',
      /bidirectional/,
    ],
    [
      'an unpaired surrogate',
      { ...valid, displayName: 'Eve\ud800' },
      'body.displayName',
      /valid Unicode/,
    ],
    [
      'a control character',
      { ...valid, displayName: 'Eve\u001bAdmin' },
      'body.displayName',
      /control/,
    ],
    ['a bad email', { ...valid, email: 'not-an-email' }, 'body.email', /email/],
    ['a wrong enum', { ...valid, role: 'root' }, 'body.role', /.+/],
    ['a wrong type', { ...valid, displayName: 42 }, 'body.displayName', /.+/],
  ])('%s names the field', async (_name, payload, field, message) => {
    const before = await userCount();
    const response = await invite(payload);
    expect(response.statusCode).toBe(400);
    const body = response.json<{
      code: string;
      issues: { field: string; message: string }[];
      requestId: string;
    }>();
    expect(body.code).toBe('VALIDATION');
    expect(body.requestId).toBeTruthy();
    expect(body.issues.map((issue) => issue.field)).toContain(field);
    expect(body.issues.find((issue) => issue.field === field)!.message).toMatch(message);
    expect(await userCount()).toBe(before);
  });

  it('normalizes odd but valid Unicode instead of refusing it', async () => {
    const response = await invite({
      ...valid,
      email: 'zoe@shop.example',
      displayName: 'Zoe\u0301 Z',
    });
    expect(response.statusCode).toBe(201);
    expect(response.json().user.displayName).toBe('Zoé Z');
  });

  it('a bad path parameter is a 400 naming params.id', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/v1/users/not-a-uuid',
      headers: admin.headers,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().issues[0].field).toBe('params.id');
  });

  it('random JSON never causes a 5xx on any public or admin form', async () => {
    const urls = [
      '/api/v1/auth/login',
      '/api/v1/setup',
      '/api/v1/invitations/accept',
      '/api/v1/users/invitations',
      '/api/v1/tokens',
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...urls),
        fc.jsonValue({ maxDepth: 3 }),
        async (url, body) => {
          const response = await t.app.inject({
            method: 'POST',
            url,
            headers: { ...admin.headers, 'content-type': 'application/json' },
            payload: JSON.stringify(body),
          });
          expect(response.statusCode).toBeLessThan(500);
          expect(response.statusCode).toBeGreaterThanOrEqual(400);
        },
      ),
      { numRuns: 150 },
    );
  });
});
