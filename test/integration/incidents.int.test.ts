import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DetectionAlert } from '../../src/contracts/detection.js';
import type {
  CustodyEvent,
  Evidence,
  Incident,
  Task,
  TimelineEntry,
} from '../../src/contracts/incidents.js';
import type { ChainVerification } from '../../src/lib/hash-chain.js';
import { sharedFile } from '../support/exposure.js';
import { testDialect } from '../support/database.js';
import { createTestApp, type Caller, type TestApp } from '../support/app.js';

/** Incidents through the real routes: lifecycle, trigger times, links and the timeline chain. */
describe(`incidents (${testDialect})`, () => {
  let t: TestApp;
  let analyst: Caller;
  let viewer: Caller;

  const call = (method: string, url: string, caller: Caller, payload?: object) =>
    t.app.inject({
      method: method as 'GET',
      url: `/api/v1${url}`,
      headers: caller.headers,
      ...(payload ? { payload } : {}),
    });
  async function ok<T>(method: string, url: string, caller: Caller, payload?: object) {
    const response = await call(method, url, caller, payload);
    expect(response.statusCode, response.body).toBeLessThan(300);
    return response.json<T>();
  }
  const open = (payload: object = {}, caller = analyst) =>
    ok<Incident>('POST', '/incidents', caller, {
      title: 'Vendor X pulls 40× its usual records',
      type: 'vendor_compromise',
      severity: 'critical',
      ...payload,
    });
  const entries = async (id: string) =>
    (await ok<{ items: TimelineEntry[] }>('GET', `/incidents/${id}/timeline`, viewer)).items;
  const verify = (id: string) =>
    ok<ChainVerification>('GET', `/incidents/${id}/timeline/verify`, viewer);

  beforeAll(async () => {
    t = await createTestApp();
    analyst = await t.callerWithRole('analyst');
    viewer = await t.callerWithRole('viewer');
  });
  afterAll(() => t.close());

  it('opens an incident from an alert with its evidence, links and detection time, once', async () => {
    const lines = Array.from({ length: 40 }, (_, i) =>
      JSON.stringify({
        id: `inc-${i}`,
        type: 'login',
        at: new Date(Date.parse('2026-03-12T07:00:00Z') + i * 3000).toISOString(),
        account: `victim${i}@example.com`,
        ip: '198.51.100.7',
        outcome: 'unknown_account',
      }),
    );
    const ingested = await t.app.inject({
      method: 'POST',
      url: '/api/v1/events',
      headers: { ...analyst.headers, 'content-type': 'application/x-ndjson' },
      payload: lines.join('\n'),
    });
    expect(ingested.statusCode, ingested.body).toBe(200);
    const { items } = await ok<{ items: DetectionAlert[] }>(
      'GET',
      '/detection/alerts?detector=source_stuffing',
      viewer,
    );
    const alert = items.find((a) => a.title.includes('198.51.100.7'))!;
    const opened = await ok<DetectionAlert>(
      'POST',
      `/detection/alerts/${alert.id}/incident`,
      analyst,
    );
    expect(opened.incidentId).toBeTruthy();
    const again = await call('POST', `/detection/alerts/${alert.id}/incident`, analyst);
    expect(again.statusCode).toBe(409);

    const incident = await ok<Incident>('GET', `/incidents/${opened.incidentId}`, viewer);
    expect(incident).toMatchObject({
      type: 'credential_stuffing',
      severity: alert.severity,
      status: 'detected',
      ownerEmail: analyst.email,
      links: [{ kind: 'alert', targetId: alert.id, label: alert.title }],
    });
    expect(incident.triggers).toEqual([
      expect.objectContaining({ trigger: 'detected', at: alert.firstSeenAt }),
    ]);
    const timeline = await entries(incident.id);
    expect(timeline.map((e) => e.kind)).toEqual(['status_change', 'link_change', 'trigger_set']);
    expect(timeline[1]!.body).toMatchObject({
      alert: { id: alert.id, topSources: alert.topSources },
    });
    expect(await verify(incident.id)).toMatchObject({ ok: true, checked: 3 });
  });

  it('moves through the lifecycle, needing a reason to go back or close', async () => {
    const incident = await open();
    const status = (payload: object) =>
      call('POST', `/incidents/${incident.id}/status`, analyst, payload);
    expect((await status({ status: 'contained' })).statusCode).toBe(200);
    const back = await status({ status: 'analysing' });
    expect(back.statusCode).toBe(400);
    expect(back.json<{ issues: { field: string }[] }>().issues[0]!.field).toBe('reason');
    expect(
      (await status({ status: 'analysing', reason: 'a second key was found' })).statusCode,
    ).toBe(200);
    expect((await status({ status: 'closed' })).statusCode).toBe(400);
    const closed = await status({ status: 'closed', reason: 'lessons recorded' });
    expect(closed.json<Incident>()).toMatchObject({
      status: 'closed',
      closedAt: t.clock.now().toISOString(),
    });
    const changes = (await entries(incident.id)).filter((e) => e.kind === 'status_change');
    expect(changes.map((e) => e.body.to)).toEqual(['detected', 'contained', 'analysing', 'closed']);
  });

  it("records trigger times with their sources and shows Vendor X's notice late", async () => {
    const vendor = await ok<{ id: string }>('POST', '/vendors', analyst, {
      legalName: 'Vendor X Analytics GmbH',
    });
    await ok('POST', `/vendors/${vendor.id}/agreements`, analyst, {
      type: 'DPA',
      title: 'Data processing agreement',
      breachNoticeHours: 72,
    });
    const incident = await open();
    const trigger = (payload: object) =>
      call('POST', `/incidents/${incident.id}/triggers`, analyst, {
        reason: 'from the record',
        source: 'SOC call notes',
        ...payload,
      });
    const unlinked = await trigger({
      trigger: 'vendor_notice_received',
      at: '2026-03-16T10:00:00Z',
      vendorId: vendor.id,
    });
    expect(unlinked.statusCode).toBe(400);
    expect(unlinked.body).toContain('vendorId');
    await ok('POST', `/incidents/${incident.id}/links`, analyst, {
      kind: 'vendor',
      targetId: vendor.id,
    });
    for (const payload of [
      { trigger: 'detected', at: '2026-03-10T02:40:00Z' },
      { trigger: 'aware', at: '2026-03-12T10:00:00+02:00' },
      { trigger: 'vendor_notice_received', at: '2026-03-16T10:00:00Z', vendorId: vendor.id },
    ])
      expect((await trigger(payload)).statusCode).toBe(200);
    const shown = await ok<Incident>('GET', `/incidents/${incident.id}`, viewer);
    expect(shown.triggers.find((s) => s.trigger === 'aware')).toMatchObject({
      at: '2026-03-12T08:00:00.000Z',
      source: 'SOC call notes',
    });
    expect(shown.vendorNotices).toEqual([
      expect.objectContaining({
        vendorName: 'Vendor X Analytics GmbH',
        termHours: 72,
        countedFrom: 'detected',
        dueAt: '2026-03-13T02:40:00.000Z',
        lateByHours: 79.3,
      }),
    ]);
    const missing = await trigger({
      trigger: 'vendor_notice_received',
      at: '2026-03-16T10:00:00Z',
    });
    expect(missing.body).toContain('vendorId');
  });

  it('keeps communications verbatim and corrections as new entries', async () => {
    const incident = await open();
    const content = 'Dear ShopCo,\n\nwe have detected unauthorised access…\n\n— Vendor X';
    await ok('POST', `/incidents/${incident.id}/timeline`, analyst, {
      kind: 'communication',
      direction: 'received',
      channel: 'email',
      parties: ['security@vendorx.example', 'soc@shopco.example'],
      subject: 'Security incident notification',
      content,
      occurredAt: '2026-03-16T11:00:00+01:00',
      occurredTimeZone: 'Europe/Berlin',
      occurredSource: 'mailbox soc@shopco.example',
    });
    await ok('POST', `/incidents/${incident.id}/timeline`, analyst, {
      kind: 'note',
      text: 'The notice arrived at 10:00 UTC, not 11:00.',
      supersedes: 2,
      confidence: 'probable',
    });
    const timeline = await entries(incident.id);
    expect(timeline[1]).toMatchObject({
      kind: 'communication',
      occurredAt: '2026-03-16T10:00:00.000Z',
      occurredTimeZone: 'Europe/Berlin',
      body: { content, direction: 'received' },
      supersededBy: 3,
    });
    expect(timeline[2]).toMatchObject({ supersedes: 2, confidence: 'probable' });
    const communications = await ok<{ items: TimelineEntry[]; total: number }>(
      'GET',
      `/incidents/${incident.id}/timeline?kind=communication`,
      viewer,
    );
    expect(communications.total).toBe(1);
    expect(communications.items.map((e) => e.seq)).toEqual([2]);
    const badZone = await call('POST', `/incidents/${incident.id}/timeline`, analyst, {
      kind: 'note',
      text: 'x',
      occurredTimeZone: 'Mars/Olympus',
    });
    expect(badZone.statusCode).toBe(400);
    expect(badZone.body).toContain('occurredTimeZone');
    const future = await call('POST', `/incidents/${incident.id}/timeline`, analyst, {
      kind: 'note',
      text: 'x',
      supersedes: 99,
    });
    expect(future.statusCode).toBe(400);
    expect(future.body).toContain('supersedes');
  });

  it('names the first broken link when an entry is altered or the last one removed', async () => {
    const incident = await open();
    await ok('POST', `/incidents/${incident.id}/timeline`, analyst, { kind: 'note', text: 'one' });
    await ok('POST', `/incidents/${incident.id}/timeline`, analyst, {
      kind: 'decision',
      text: 'two',
    });
    expect(await verify(incident.id)).toMatchObject({ ok: true, checked: 3 });
    const db = t.database.db.kysely;
    await db
      .updateTable('incident_timeline')
      .set({ body: JSON.stringify({ text: 'changed' }) })
      .where('incident_id', '=', incident.id)
      .where('seq', '=', 2)
      .execute();
    expect(await verify(incident.id)).toMatchObject({
      ok: false,
      firstBreak: { seq: 2, reason: 'hash-mismatch' },
    });
    await db
      .deleteFrom('incident_timeline')
      .where('incident_id', '=', incident.id)
      .where('seq', '>=', 2)
      .execute();
    expect(await verify(incident.id)).toMatchObject({
      ok: false,
      firstBreak: { reason: 'head-mismatch' },
    });
  });

  it('refuses links to objects that do not exist, naming the field', async () => {
    const incident = await open();
    const response = await call('POST', `/incidents/${incident.id}/links`, analyst, {
      kind: 'finding',
      targetId: '7c9e6679-7425-40de-944b-e07fc1f66ae7',
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('targetId');
  });

  it('applies a playbook whose deadlines follow the trigger times, once', async () => {
    const incident = await open();
    const apply = (playbook: string) =>
      call('POST', `/incidents/${incident.id}/playbooks`, analyst, { playbook });
    const unknown = await apply('vendor-compromize');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('playbook');
    await ok('POST', `/incidents/${incident.id}/triggers`, analyst, {
      trigger: 'detected',
      at: '2026-03-10T02:40:00Z',
      reason: 'first alert',
      source: 'detection',
    });
    const applied = await apply('vendor-compromise');
    expect(applied.statusCode, applied.body).toBe(201);
    const tasks = applied.json<{ items: Task[] }>().items;
    const byKey = (title: string) => tasks.find((task) => task.title.startsWith(title))!;
    expect(byKey("Revoke the vendor's credentials")).toMatchObject({
      dueAt: '2026-03-10T04:40:00.000Z',
      role: 'security',
      assigneeId: null,
    });
    expect(byKey('Assess notification duties')).toMatchObject({ dueAt: null });
    expect(byKey('Scope the affected customers')).toMatchObject({ assigneeId: analyst.userId });
    expect((await apply('vendor-compromise')).statusCode).toBe(409);

    await ok('POST', `/incidents/${incident.id}/triggers`, analyst, {
      trigger: 'aware',
      at: '2026-03-12T08:00:00Z',
      reason: 'the SOC confirmed the breach',
      source: 'SOC call',
    });
    const after = (await ok<{ items: Task[] }>('GET', `/incidents/${incident.id}/tasks`, viewer))
      .items;
    expect(after.find((task) => task.title === 'Assess notification duties')!.dueAt).toBe(
      '2026-03-14T08:00:00.000Z',
    );
    const kinds = (await entries(incident.id)).map((e) => e.kind);
    expect(kinds).toContain('task_change');
  });

  it('adds, ticks off and completes a task; a deadline set by hand stays put', async () => {
    const incident = await open();
    const task = await ok<Task>('POST', `/incidents/${incident.id}/tasks`, analyst, {
      title: 'Call the vendor',
      due: { from: 'aware', hours: 2 },
      checklist: ['Get the incident report', 'Agree a contact'],
    });
    expect(task).toMatchObject({ dueAt: null, status: 'open' });
    const patch = (payload: object) =>
      call('PATCH', `/incidents/${incident.id}/tasks/${task.id}`, analyst, payload);
    const wrong = await patch({ checked: [true] });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('checked');
    expect(
      (await patch({ checked: [true, false], dueAt: '2026-03-13T09:00:00Z' })).statusCode,
    ).toBe(200);
    await ok('POST', `/incidents/${incident.id}/triggers`, analyst, {
      trigger: 'aware',
      at: '2026-03-12T08:00:00Z',
      reason: 'r',
      source: 's',
    });
    const done = (await patch({ status: 'done' })).json<Task>();
    expect(done).toMatchObject({
      dueAt: '2026-03-13T09:00:00.000Z',
      due: null,
      status: 'done',
      completedBy: analyst.userId,
      checklist: [
        { text: 'Get the incident report', done: true },
        { text: 'Agree a contact', done: false },
      ],
    });
    const missing = await call(
      'PATCH',
      `/incidents/${incident.id}/tasks/7c9e6679-7425-40de-944b-e07fc1f66ae7`,
      analyst,
      { status: 'done' },
    );
    expect(missing.statusCode).toBe(404);
  });

  it('chases an overdue task once, by mail to its assignee, and records it', async () => {
    const incident = await open();
    const task = await ok<Task>('POST', `/incidents/${incident.id}/tasks`, analyst, {
      title: 'Revoke the API key',
      assigneeId: analyst.userId,
      dueAt: new Date(t.clock.now().getTime() - 60_000).toISOString(),
    });
    const mails = t.sentMail.length;
    expect(await t.services.incidents.tasks.remindOverdue()).toBeGreaterThanOrEqual(1);
    const sent = t.sentMail.slice(mails).filter((mail) => mail.subject.includes(task.title));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.to).toBe(analyst.email);
    expect(sent[0]!.text).toContain(`/incidents/${incident.id}`);
    await t.services.incidents.tasks.remindOverdue();
    expect(
      t.sentMail.slice(mails).filter((mail) => mail.subject.includes(task.title)),
    ).toHaveLength(1);
    const overdue = (await entries(incident.id)).filter((e) => e.body.overdue === true);
    expect(overdue).toHaveLength(1);
    expect(overdue[0]!.actor.type).toBe('system');
  });

  describe('evidence', () => {
    const authLog = sharedFile('logs/ubuntu-auth-3weeks.log');
    const upload = async (id: string, fields: Record<string, string>, bytes = authLog) => {
      const form = new FormData();
      for (const [name, value] of Object.entries(fields)) form.append(name, value);
      form.append('file', new Blob([bytes]), 'auth.log');
      const encoded = new Response(form);
      return t.app.inject({
        method: 'POST',
        url: `/api/v1/incidents/${id}/evidence`,
        headers: { ...analyst.headers, 'content-type': encoded.headers.get('content-type')! },
        payload: Buffer.from(await encoded.arrayBuffer()),
      });
    };

    it('stores a file under its hash, serves it verified and logs each hand in the custody chain', async () => {
      const incident = await open();
      const missing = await upload(incident.id, { description: 'no source given' });
      expect(missing.statusCode).toBe(400);
      expect(missing.body).toContain('body.acquiredFrom');
      const added = await upload(incident.id, {
        acquiredFrom: 'web-1:/var/log/auth.log',
        acquiredAt: '2026-03-12T09:30:00Z',
        description: 'sshd log of the web server',
      });
      expect(added.statusCode, added.body).toBe(201);
      const item = added.json<Evidence>();
      expect(item).toMatchObject({
        sha256: createHash('sha256').update(authLog).digest('hex'),
        byteSize: authLog.length,
        mediaType: 'text/plain',
        acquiredAt: '2026-03-12T09:30:00.000Z',
      });
      const download = await call(
        'GET',
        `/incidents/${incident.id}/evidence/${item.id}/content?purpose=${encodeURIComponent('counsel review')}`,
        analyst,
      );
      expect(download.statusCode).toBe(200);
      expect(download.rawPayload.equals(authLog)).toBe(true);
      expect(download.headers['x-content-sha256']).toBe(item.sha256);
      expect(download.headers['content-disposition']).toContain('attachment');
      expect(
        (await call('GET', `/incidents/${incident.id}/evidence/${item.id}/content`, viewer))
          .statusCode,
      ).toBe(403);
      await ok('POST', `/incidents/${incident.id}/evidence/${item.id}/custody`, analyst, {
        action: 'transferred',
        from: 'SOC',
        to: 'Outside counsel (Smith & Partners)',
        purpose: 'claim against Vendor X',
        location: 'encrypted USB drive #4',
      });
      const labelled = await ok<Evidence>(
        'PATCH',
        `/incidents/${incident.id}/evidence/${item.id}`,
        analyst,
        {
          legalHold: true,
        },
      );
      expect(labelled.legalHold).toBe(true);
      const custody = await ok<{ items: CustodyEvent[] }>(
        'GET',
        `/incidents/${incident.id}/evidence/${item.id}/custody`,
        viewer,
      );
      expect(custody.items.map((c) => [c.action, c.to])).toEqual([
        ['acquired', analyst.email],
        ['accessed', analyst.email],
        ['transferred', 'Outside counsel (Smith & Partners)'],
      ]);
      expect(custody.items[1]!.purpose).toBe('counsel review');
      const kinds = (await entries(incident.id)).map((e) => e.kind);
      expect(kinds).toEqual([
        'status_change',
        'evidence_added',
        'custody',
        'custody',
        'record_change',
      ]);
      expect(await verify(incident.id)).toMatchObject({ ok: true, checked: 5 });
    });

    it('refuses to serve a file whose stored bytes were changed, naming it', async () => {
      const incident = await open();
      const item = (
        await upload(incident.id, { acquiredFrom: 'web-1' }, Buffer.from('original log line\n'))
      ).json<Evidence>();
      await t.database.db.kysely
        .updateTable('blobs')
        .set({ content: Buffer.from('tampered log line\n') })
        .where('sha256', '=', item.sha256)
        .execute();
      const response = await call(
        'GET',
        `/incidents/${incident.id}/evidence/${item.id}/content`,
        analyst,
      );
      expect(response.statusCode).toBe(409);
      expect(response.json<{ code: string; message: string }>()).toMatchObject({
        code: 'INTEGRITY_FAILED',
        message: expect.stringContaining("'auth.log'"),
      });
    });
  });

  it('keeps each version of the review and prints a report that runs nothing', async () => {
    const incident = await open({ title: 'Vendor X <script>alert(1)</script> breach' });
    await ok('PUT', `/incidents/${incident.id}/review`, analyst, { summary: 'First draft.' });
    const saved = await ok<{ summary: string; rootCause: string }>(
      'PUT',
      `/incidents/${incident.id}/review`,
      analyst,
      { summary: 'Vendor X lost an API key.', rootCause: 'The key was in a public repository.' },
    );
    expect(saved).toMatchObject({ summary: 'Vendor X lost an API key.' });
    const versions = (await entries(incident.id))
      .filter((e) => e.body.review)
      .map((e) => (e.body.review as { summary: string }).summary);
    expect(versions).toEqual(['First draft.', 'Vendor X lost an API key.']);
    await ok('POST', `/incidents/${incident.id}/tasks`, analyst, {
      title: 'Scan repositories for keys',
      assigneeId: analyst.userId,
      actionItem: true,
    });
    const named = await ok<Incident>('GET', `/incidents/${incident.id}`, viewer);
    expect(named.people).toContainEqual({ userId: analyst.userId, email: analyst.email });
    const report = await call('GET', `/incidents/${incident.id}/report`, viewer);
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-type']).toContain('text/html');
    expect(report.headers['content-security-policy']).toContain("default-src 'none'");
    expect(report.body).not.toContain('<script>');
    expect(report.body).toContain('&lt;script&gt;');
    expect(report.body).toContain('The key was in a public repository.');
    expect(report.body).toMatch(/Scan repositories for keys<\/td><td>[^<]*@example\.com/);
  });
});
