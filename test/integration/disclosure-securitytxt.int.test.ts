import * as openpgp from 'openpgp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SecurityTxtReport, SecurityTxtSettings } from '../../src/contracts/securitytxt.js';
import { validateSecurityTxt } from '../../src/modules/disclosure/disclosure.securitytxt.validate.js';
import { systemContext } from '../../src/lib/principal.js';
import { testDialect } from '../support/database.js';
import { createTestApp, type Caller, type TestApp } from '../support/app.js';

type View = SecurityTxtSettings & { publicKey: string | null };

/** The shop's own security.txt: built from settings, served, renewed and signed. */
describe(`security.txt (${testDialect})`, () => {
  let t: TestApp;
  let admin: Caller;
  let analyst: Caller;
  const settings = {
    contact: ['mailto:security@shopco.example', 'https://shopco.example/report'],
    encryption: ['https://shopco.example/pgp-key.txt'],
    policy: ['https://shopco.example/security/policy'],
    preferredLanguages: ['en', 'de'],
    expiresDays: 90,
  };
  const call = (caller: Caller | null, method: string, url: string, payload?: object) =>
    t.app.inject({
      method: method as 'GET',
      url,
      ...(caller ? { headers: caller.headers } : {}),
      ...(payload ? { payload } : {}),
    });
  const served = () => call(null, 'GET', '/.well-known/security.txt');

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.callerWithRole('admin');
    analyst = await t.callerWithRole('analyst');
  });
  afterAll(() => t.close());

  it('serves nothing until the settings exist, and takes them from admins only', async () => {
    expect((await served()).statusCode).toBe(404);
    expect((await call(admin, 'GET', '/api/v1/disclosure/security-txt')).statusCode).toBe(404);
    const denied = await call(analyst, 'PUT', '/api/v1/disclosure/security-txt', settings);
    expect(denied.statusCode).toBe(403);
    const insecure = await call(admin, 'PUT', '/api/v1/disclosure/security-txt', {
      ...settings,
      policy: ['http://shopco.example/policy'],
    });
    expect(insecure.statusCode).toBe(400);
    expect(insecure.json<{ issues: { field: string }[] }>().issues[0]!.field).toBe('body.policy.0');
    // A line break in a value would add a field of the sender's choosing.
    const injected = await call(admin, 'PUT', '/api/v1/disclosure/security-txt', {
      ...settings,
      contact: ['https://shopco.example/a\nContact: mailto:evil@attacker.example'],
    });
    expect(injected.statusCode).toBe(400);
  });

  it('serves a valid file built from the settings, with Expires set ahead', async () => {
    const saved = await call(admin, 'PUT', '/api/v1/disclosure/security-txt', settings);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json<View>()).toMatchObject({
      canonical: 'http://localhost:8080/.well-known/security.txt',
      expires: '2026-06-10T08:00:00Z',
      signing: { enabled: false },
      warnings: [
        'security.txt is not signed: generate a signing key.',
        expect.stringContaining('Canonical is an http URL'),
      ],
    });
    const response = await served();
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(response.body).toContain('Contact: mailto:security@shopco.example\n');
    expect(response.body).toContain('Preferred-Languages: en, de\n');
    const report = validateSecurityTxt(response.body, { now: t.clock.now() });
    // Canonical and CSAF are the deployment's own URLs; in tests that is plain http on localhost.
    expect(report.findings.map((f) => f.code)).toEqual([
      'insecure_uri',
      'insecure_uri',
      'not_signed',
    ]);
    const redirect = await call(null, 'GET', '/security.txt');
    expect(redirect.statusCode).toBe(301);
    expect(redirect.headers.location).toBe('/.well-known/security.txt');
  });

  it('validates any security.txt for a signed-in user', async () => {
    const response = await call(analyst, 'POST', '/api/v1/disclosure/security-txt/validate', {
      text: 'Contact: security@shop.example\n',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json<SecurityTxtReport>().findings.map((f) => f.code)).toEqual([
      'invalid_uri',
      'no_expires',
      'not_signed',
    ]);
    expect(
      (await call(null, 'POST', '/api/v1/disclosure/security-txt/validate', { text: '' }))
        .statusCode,
    ).toBe(401);
  });

  it('signs the file with a generated key that verifies against its public half', async () => {
    expect(
      (await call(analyst, 'POST', '/api/v1/disclosure/security-txt/signing-key')).statusCode,
    ).toBe(403);
    const keyed = await call(admin, 'POST', '/api/v1/disclosure/security-txt/signing-key');
    expect(keyed.statusCode, keyed.body).toBe(200);
    const view = keyed.json<View>();
    expect(view.signing).toMatchObject({
      enabled: true,
      fingerprint: expect.stringMatching(/^[0-9A-F]{40,64}$/),
    });
    expect(JSON.stringify(view)).not.toContain('PRIVATE KEY');
    const text = (await served()).body;
    expect(text.startsWith('-----BEGIN PGP SIGNED MESSAGE-----')).toBe(true);
    const verified = await openpgp.verify({
      message: await openpgp.readCleartextMessage({ cleartextMessage: text }),
      verificationKeys: await openpgp.readKey({ armoredKey: view.publicKey! }),
    });
    await expect(verified.signatures[0]!.verified).resolves.toBe(true);
    const report = validateSecurityTxt(text, { now: t.clock.now() });
    expect(report.signed).toBe(true);
    expect(report.fields.Contact).toEqual(settings.contact);
    // The sealed key is all the database holds.
    const row = await t.database.db.kysely
      .selectFrom('settings')
      .select('value')
      .where('key', '=', 'disclosure.security_txt')
      .executeTakeFirstOrThrow();
    expect(row.value).not.toContain('PRIVATE KEY');
  });

  it('renews Expires once it is within 30 days of lapsing, and warns until then', async () => {
    const job = systemContext('test');
    expect(await t.services.disclosure.securityTxt.renew(job)).toBe(false);
    t.clock.set(new Date('2026-05-20T08:00:00Z'));
    const warned = (await t.services.disclosure.securityTxt.get(systemContext('test'))) as View;
    expect(warned.warnings[0]).toContain('expires in 21 days');
    expect(await t.services.disclosure.securityTxt.renew(job)).toBe(true);
    const renewed = (await t.services.disclosure.securityTxt.get(systemContext('test'))) as View;
    expect(renewed.expires).toBe('2026-08-18T08:00:00Z');
    expect((await served()).body).toContain('Expires: 2026-08-18T08:00:00Z');
  });

  it('points Policy and CSAF at the pages Cordon serves unless the settings name others', async () => {
    t.clock.set(new Date('2026-03-12T08:00:00Z'));
    admin = await t.signIn(admin.email);
    const { policy: _policy, ...withoutPolicy } = settings;
    expect(
      (await call(admin, 'PUT', '/api/v1/disclosure/security-txt', withoutPolicy)).statusCode,
    ).toBe(200);
    const text = (await served()).body;
    // Signed by now (an earlier test made a key): the cleartext has CRLF line ends.
    expect(text).toMatch(/\nPolicy: http:\/\/localhost:8080\/trust\/vulnerability-disclosure\r?\n/);
    expect(text).toMatch(
      /\nCSAF: http:\/\/localhost:8080\/\.well-known\/csaf\/provider-metadata\.json\r?\n/,
    );
    await call(admin, 'PUT', '/api/v1/disclosure/security-txt', settings);
    expect((await served()).body).not.toContain('/trust/vulnerability-disclosure');
  });
});
