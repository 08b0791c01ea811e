import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDisclosure } from '../../src/cli/demo/disclosure.js';
import type { Advisory } from '../../src/contracts/advisories.js';
import { Forbidden } from '../../src/lib/errors.js';
import { validateSecurityTxt } from '../../src/modules/disclosure/disclosure.securitytxt.validate.js';
import { registerTrustJobs } from '../../src/modules/trust/trust.jobs.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { testDialect } from '../support/database.js';
import { mandatoryTestErrors, schemaErrors } from '../support/schemas.js';

/** ShopCo's disclosure demo, imported with its own dates: security.txt, report, advisory. */
describe(`imported disclosure history (${testDialect})`, () => {
  let t: TestApp;
  const get = (url: string) => t.app.inject({ method: 'GET', url });

  beforeAll(async () => {
    // https, as in production: RFC 9116 refuses http URIs.
    t = await createTestApp({
      config: { shopName: 'ShopCo', publicUrl: 'https://shopco.example' },
    });
    await registerTrustJobs(t.registry, t.queue, t.services.trust);
    await seedDisclosure(t.services);
  });
  afterAll(() => t.close());

  it('serves a signed security.txt that the validator accepts', async () => {
    const text = (await get('/.well-known/security.txt')).body;
    const report = validateSecurityTxt(text, { now: t.clock.now() });
    expect(report.signed).toBe(true);
    expect(report.findings.filter((f) => f.level === 'error')).toEqual([]);
  });

  it('keeps the story’s dates, credit and score, and its CSAF validates', async () => {
    const [advisory] = (await get('/api/v1/public/advisories')).json<Advisory[]>();
    expect(advisory).toMatchObject({
      id: 'SHOPCO-2026-0001',
      publishedAt: '2026-03-02T10:00:00.000Z',
      credit: ['Ada Researcher'],
      cvss: { version: '4.0', score: 7.1 },
    });
    const csaf = (await get(advisory!.links.csaf)).json();
    expect(schemaErrors('csaf', csaf)).toEqual([]);
    expect(mandatoryTestErrors(csaf)).toEqual([]);
    const page = await get('/trust/advisories/SHOPCO-2026-0001');
    expect(page.body).toContain('Ada Researcher');
    const [report] = await t.services.disclosure.triage.list(
      { principal: { kind: 'system', name: 'test' }, requestId: null, ip: null },
      {},
    );
    expect(report).toMatchObject({ status: 'disclosed', receivedAt: '2026-02-02T09:14:00.000Z' });
  });

  it('imports once, and only for the system', async () => {
    await seedDisclosure(t.services);
    expect((await get('/api/v1/public/advisories')).json<unknown[]>()).toHaveLength(1);
    const analyst = await t.createUser('analyst');
    const ctx = {
      principal: {
        kind: 'user' as const,
        userId: analyst.id,
        email: analyst.email,
        role: 'analyst' as const,
        sessionId: 'x',
        mfa: 'verified' as const,
      },
      requestId: null,
      ip: null,
    };
    await expect(
      t.services.disclosure.importPast(
        ctx,
        {} as Parameters<typeof t.services.disclosure.importPast>[1],
      ),
    ).rejects.toBeInstanceOf(Forbidden);
  });
});
