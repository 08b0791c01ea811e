import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Evidence, Incident } from '../../src/contracts/incidents.js';
import { verifyBundle } from '../../src/modules/incidents/incidents.bundle.verify.js';
import { runCli } from '../cli/run-cli.js';
import { testDialect } from '../support/database.js';
import { createTestApp, type Caller, type TestApp } from '../support/app.js';

/** The legal export: a zip that verifies on its own, and names the file a changed byte is in. */
describe(`incident export bundle (${testDialect})`, { timeout: 60_000 }, () => {
  let t: TestApp;
  let analyst: Caller;
  let incident: Incident;
  let tmp: string;
  const LOG = Buffer.from('Mar 12 07:00:01 web-1 sshd[311]: Failed password for root\n');
  const ADVICE = Buffer.from('Counsel: the notice to the regulator can wait until …\n');

  const call = (method: string, url: string, payload?: object) =>
    t.app.inject({
      method: method as 'GET',
      url: `/api/v1${url}`,
      headers: analyst.headers,
      ...(payload ? { payload } : {}),
    });
  async function upload(name: string, bytes: Buffer) {
    const form = new FormData();
    form.append('acquiredFrom', 'web-1');
    form.append('file', new Blob([bytes]), name);
    const encoded = new Response(form);
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/incidents/${incident.id}/evidence`,
      headers: { ...analyst.headers, 'content-type': encoded.headers.get('content-type')! },
      payload: Buffer.from(await encoded.arrayBuffer()),
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<Evidence>();
  }
  async function exported(query = '') {
    const response = await call('GET', `/incidents/${incident.id}/export${query}`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/zip');
    return response.rawPayload;
  }

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'cordon-bundle-'));
    t = await createTestApp();
    analyst = await t.callerWithRole('analyst');
    incident = (
      await call('POST', '/incidents', {
        title: 'Vendor X breach',
        type: 'vendor_compromise',
        severity: 'critical',
      })
    ).json<Incident>();
    await call('POST', `/incidents/${incident.id}/timeline`, {
      kind: 'note',
      text: 'keys revoked',
    });
    await upload('auth.log', LOG);
    const advice = await upload('advice.txt', ADVICE);
    await call('PATCH', `/incidents/${incident.id}/evidence/${advice.id}`, { privileged: true });
  });
  afterAll(async () => {
    await t.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('verifies on its own, leaves privileged evidence out, and records the export as custody', async () => {
    const bundle = await exported();
    const check = await verifyBundle(bundle);
    expect(check.problems).toEqual([]);
    const head = (await call('GET', `/incidents/${incident.id}`)).json<Incident>().timeline;
    expect(check.manifest!.chain).toEqual({ entries: head.entries, headHash: head.headHash });
    const paths = check.manifest!.files.map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining(['incident.json', 'timeline.json', 'timeline.html', 'custody.json']),
    );
    expect(paths.filter((p) => p.startsWith('evidence/'))).toEqual([
      expect.stringMatching(/auth\.log$/),
    ]);
    expect(bundle.includes(ADVICE)).toBe(false);
    const withAdvice = await verifyBundle(await exported('?privileged=include'));
    expect(withAdvice.ok).toBe(true);
    expect(withAdvice.manifest!.files.some((f) => f.path.endsWith('advice.txt'))).toBe(true);
  });

  it('names the file whose byte was changed, and the CLI says the same', async () => {
    const bundle = Buffer.from(await exported());
    const at = bundle.indexOf(LOG);
    expect(at).toBeGreaterThan(0);
    const altered = Buffer.from(bundle);
    altered[at + 20] = altered[at + 20]! ^ 0x01;
    const check = await verifyBundle(altered);
    expect(check.ok).toBe(false);
    expect(check.problems.join('\n')).toMatch(/evidence\/[^ ]*auth\.log: altered/);

    const good = path.join(tmp, 'good.zip');
    const bad = path.join(tmp, 'bad.zip');
    writeFileSync(good, bundle);
    writeFileSync(bad, altered);
    const [ok, failed] = await Promise.all([
      runCli(['incident', 'verify-bundle', good], {}),
      runCli(['incident', 'verify-bundle', bad], {}),
    ]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('Bundle intact');
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/auth\.log: altered/);
  });

  it('finds a timeline entry edited inside the bundle, even with the manifest rewritten', async () => {
    const bundle = await exported();
    const edited = bundle.toString('latin1').replace('keys revoked', 'keys kept!!!');
    const first = await verifyBundle(Buffer.from(edited, 'latin1'));
    const altered =
      /timeline\.json: altered \(SHA-256 ([0-9a-f]{64}), manifest ([0-9a-f]{64})\)/.exec(
        first.problems.join('\n'),
      );
    expect(altered).not.toBeNull();
    // Someone also fixes the manifest: the chain still names the entry.
    const forged = edited.replace(altered![2]!, altered![1]!);
    const second = await verifyBundle(Buffer.from(forged, 'latin1'));
    expect(second.problems).toEqual([
      expect.stringMatching(/^timeline\.json: entry 2: entry 2 was altered/),
    ]);
  });
});
