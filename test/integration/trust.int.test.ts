import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Subprocessor, SubprocessorChange, StatusUpdate } from '../../src/contracts/trust.js';
import { testDialect } from '../support/database.js';
import { createTestApp, type Caller, type TestApp } from '../support/app.js';
import { trustHelpers } from '../support/trust.js';

const SECRET_TITLE = 'INTERNAL-ONLY Vendor X key abuse SEC-4711';
const SECRET_NOTE = 'internal note: blame the intern, rotate keys quietly';

/** The trust center's staff API and public pages: authorization, validation, caching, leaks. */
describe(`trust center (${testDialect})`, () => {
  let t: TestApp;
  let admin: Caller;
  let analyst: Caller;
  let viewer: Caller;
  let h: ReturnType<typeof trustHelpers>;
  let incidentId: string;

  beforeAll(async () => {
    t = await createTestApp();
    h = trustHelpers(t);
    await h.registerJobs();
    admin = await t.callerWithRole('admin');
    analyst = await t.callerWithRole('analyst');
    viewer = await t.callerWithRole('viewer');
    incidentId = (
      await h.ok<{ id: string }>(analyst, 'POST', '/api/v1/incidents', {
        title: SECRET_TITLE,
        type: 'vendor_compromise',
        severity: 'critical',
        summary: SECRET_NOTE,
      })
    ).id;
    await h.ok(analyst, 'POST', `/api/v1/incidents/${incidentId}/timeline`, {
      kind: 'note',
      text: SECRET_NOTE,
    });
  });
  afterAll(() => t.close());

  const staffRoutes = () => t.routes.filter((route) => route.url.startsWith('/api/v1/trust'));

  it('refuses anonymous callers (401) and viewers (403) on every staff route', async () => {
    expect(staffRoutes().length).toBeGreaterThanOrEqual(19);
    const url = (u: string) => u.replace(':id', '7c9e6679-7425-40de-944b-e07fc1f66ae7');
    for (const route of staffRoutes()) {
      const payload = route.method === 'GET' ? undefined : {};
      const anonymous = await h.call(null, route.method, url(route.url), payload);
      expect(anonymous.statusCode, `anonymous ${route.method} ${route.url}`).toBe(401);
      const denied = await h.call(viewer, route.method, url(route.url), payload);
      expect(denied.statusCode, `viewer ${route.method} ${route.url}`).toBe(403);
    }
    const settings = await h.call(analyst, 'PUT', '/api/v1/trust/settings', { shopName: 'X' });
    expect(settings.statusCode).toBe(403);
  });

  it('lets anyone mutate only through its forms and signed links', () => {
    const open = t.routes
      .filter((r) => r.auth === 'public' && r.method !== 'GET' && r.url.startsWith('/trust'))
      .map((r) => `${r.method} ${r.url}`);
    expect(open.sort()).toEqual([
      'POST /trust/documents/:id/request',
      'POST /trust/subscribe',
      'POST /trust/subscriptions/confirm/:token',
      'POST /trust/unsubscribe/:token',
    ]);
  });

  it('names the field of bad input, and writes nothing', async () => {
    const measure = await h.call(analyst, 'POST', '/api/v1/trust/measures', { title: '' });
    expect(measure.statusCode).toBe(400);
    expect(measure.json<{ issues: { field: string }[] }>().issues.map((i) => i.field)).toEqual(
      expect.arrayContaining(['body.title', 'body.description']),
    );
    const colour = await h.call(admin, 'PUT', '/api/v1/trust/settings', {
      shopName: 'ShopCo',
      brandColour: 'red',
    });
    expect(colour.json<{ issues: { field: string }[] }>().issues[0]!.field).toBe(
      'body.brandColour',
    );
    const update = await h.call(analyst, 'POST', '/api/v1/trust/updates', {
      incidentId,
      state: 'exploding',
      title: 'x',
      body: 'y',
    });
    expect(update.json<{ issues: { field: string }[] }>().issues[0]!.field).toBe('body.state');
    expect(await h.ok<unknown[]>(analyst, 'GET', '/api/v1/trust/measures')).toEqual([]);
  });

  it('edits and orders the security measures, audited', async () => {
    const titles = ['Encryption', 'Firewalls and network security', 'Patching cadence'];
    const ids: string[] = [];
    for (const title of titles)
      ids.push(
        (
          await h.ok<{ id: string }>(analyst, 'POST', '/api/v1/trust/measures', {
            title,
            description: `${title}: what we do.`,
          })
        ).id,
      );
    const reordered = await h.ok<{ title: string }[]>(
      analyst,
      'PUT',
      '/api/v1/trust/measures/order',
      {
        ids: [ids[2], ids[0], ids[1]],
      },
    );
    expect(reordered.map((m) => m.title)).toEqual([titles[2], titles[0], titles[1]]);
    const partial = await h.call(analyst, 'PUT', '/api/v1/trust/measures/order', { ids: [ids[0]] });
    expect(partial.statusCode).toBe(400);
    const page = await h.call(null, 'GET', '/trust');
    expect(page.body.indexOf('Patching cadence')).toBeLessThan(page.body.indexOf('Encryption'));
    const events = await t.database.db.kysely
      .selectFrom('audit_events')
      .select('action')
      .where('action', 'like', 'trust.measure.%')
      .execute();
    expect(events.map((e) => e.action)).toEqual([
      'trust.measure.created',
      'trust.measure.created',
      'trust.measure.created',
      'trust.measure.reordered',
    ]);
  });

  it('serves pages with ETag and 304, and a change shows at once', async () => {
    const first = await h.call(null, 'GET', '/trust');
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(first.headers['cache-control']).toBe('public, max-age=60');
    expect(first.headers['content-security-policy']).toContain("default-src 'none'");
    const etag = first.headers.etag as string;
    const again = await t.app.inject({ url: '/trust', headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    await h.ok(analyst, 'POST', '/api/v1/trust/measures', {
      title: 'Vulnerability disclosure',
      description: 'See security.txt.',
    });
    const changed = await t.app.inject({ url: '/trust', headers: { 'if-none-match': etag } });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(changed.body).toContain('Vulnerability disclosure');
  });

  it('sees another instance’s change within a second, through the version row', async () => {
    const before = await h.call(null, 'GET', '/trust/feeds/updates.atom');
    await t.database.db.kysely
      .updateTable('trust_measures')
      .set({ title: 'Encryption at rest and in transit' })
      .where('title', '=', 'Encryption')
      .execute();
    await t.database.db.kysely
      .updateTable('trust_version')
      .set((eb) => ({ version: eb('version', '+', 1) }))
      .execute();
    // Same second: still the cached page.
    expect((await h.call(null, 'GET', '/trust')).body).not.toContain('at rest and in transit');
    t.clock.advance(1000);
    expect((await h.call(null, 'GET', '/trust')).body).toContain('at rest and in transit');
    const feed = await h.call(null, 'GET', '/trust/feeds/updates.atom');
    expect(feed.headers.etag).toBe(before.headers.etag);
  });

  it('is accessible and themed: lang, landmarks, skip link, one h1, feed autodiscovery', async () => {
    await h.ok(admin, 'PUT', '/api/v1/trust/settings', {
      shopName: 'ShopCo',
      logoUrl: 'https://shop.example/logo.png',
      brandColour: '#ffdd00',
    });
    const body = (await h.call(null, 'GET', '/trust')).body;
    expect(body).toMatch(/<html lang="en">/);
    for (const landmark of [
      '<header',
      '<nav aria-label="Trust center"',
      '<main id="main"',
      '<footer',
    ])
      expect(body).toContain(landmark);
    expect(body).toContain('href="#main"');
    expect(body.match(/<h1[ >]/g)).toHaveLength(1);
    expect(body).toContain('<img src="https://shop.example/logo.png" alt=""');
    for (const feed of [
      '/trust/feed.atom',
      '/trust/feeds/updates.rss',
      '/trust/feeds/advisories.json',
    ])
      expect(body).toMatch(new RegExp(`<link\\s+rel="alternate"[^>]+href="${feed}"`));
    const cssHref = /href="(\/trust\/theme\.css\?v=[0-9a-f]+)"/.exec(body)![1]!;
    const css = await h.call(null, 'GET', cssHref);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.headers['cache-control']).toContain('immutable');
    // A light brand colour gets dark header text, and links dark enough to read on white.
    expect(css.body).toContain('--on-brand:#111111');
    expect(css.body).not.toContain('--link:#ffdd00');
    const logo = await h.call(admin, 'PUT', '/api/v1/trust/settings', {
      shopName: 'ShopCo',
      logoUrl: 'http://shop.example/logo.png',
    });
    expect(logo.json<{ issues: { field: string }[] }>().issues[0]!.field).toBe('body.logoUrl');
  });

  it('publishes status updates with public text only: nothing of the incident leaks', async () => {
    const states = ['investigating', 'identified', 'monitoring', 'resolved'];
    let last: StatusUpdate | undefined;
    for (const state of states) {
      t.clock.advance(600_000);
      last = await h.ok<StatusUpdate>(analyst, 'POST', '/api/v1/trust/updates', {
        incidentId,
        state,
        title: 'Suspicious access to customer data',
        body: `We are ${state} <script>alert(1)</script> unusual access.`,
      });
    }
    const pages = [
      '/trust',
      '/trust/updates',
      `/trust/updates/${last!.id}`,
      '/trust/feed.atom',
      '/trust/feeds/updates.atom',
      '/trust/feeds/updates.rss',
      '/trust/feeds/updates.json',
    ];
    for (const url of pages) {
      const response = await h.call(null, 'GET', url);
      expect(response.statusCode, url).toBe(200);
      expect(response.body, url).toContain('Suspicious access to customer data');
      for (const secret of [SECRET_TITLE, 'SEC-4711', SECRET_NOTE, incidentId])
        expect(response.body, url).not.toContain(secret);
      expect(response.body, url).not.toContain('<script>alert(1)</script>');
    }
    const thread = (await h.call(null, 'GET', `/trust/updates/${last!.id}`)).body;
    expect(thread.indexOf('We are resolved')).toBeLessThan(thread.indexOf('We are investigating'));
    const json = (await h.call(null, 'GET', '/trust/feeds/updates.json')).json<{
      items: unknown[];
    }>();
    expect(json.items).toHaveLength(4);
    expect((await h.call(null, 'GET', '/trust/updates/nope')).statusCode).toBe(404);
    expect((await h.call(null, 'GET', '/trust/not-a-page')).statusCode).toBe(404);
  });

  it('refuses an update about an incident the caller cannot see (404)', async () => {
    const other = await t.callerWithRole('analyst');
    const restricted = await h.ok<{ id: string }>(other, 'POST', '/api/v1/incidents', {
      title: 'Restricted',
      type: 'vendor_compromise',
      severity: 'low',
      restricted: true,
    });
    const payload = { state: 'investigating', title: 'x', body: 'y' };
    for (const id of [restricted.id, '7c9e6679-7425-40de-944b-e07fc1f66ae7']) {
      const response = await h.call(analyst, 'POST', '/api/v1/trust/updates', {
        ...payload,
        incidentId: id,
      });
      expect(response.statusCode).toBe(404);
    }
  });

  it('schedules subprocessors with notice, lists them upcoming, and takes them live on the day', async () => {
    const vendorId = await h.activeVendor(analyst, 'Vendor X Analytics GmbH', {
      tradingName: 'Vendor X',
      country: 'DE',
      services: 'Analytics and recommendations',
    });
    const early = await h.call(analyst, 'POST', '/api/v1/trust/subprocessors', {
      vendorId,
      goLiveOn: '2026-04-01',
    });
    expect(early.statusCode).toBe(400);
    expect(early.json()).toMatchObject({
      issues: [{ field: 'body.goLiveOn', message: expect.stringContaining('2026-04-11 or later') }],
    });
    const unknown = await h.call(analyst, 'POST', '/api/v1/trust/subprocessors', {
      vendorId: '7c9e6679-7425-40de-944b-e07fc1f66ae7',
      goLiveOn: '2026-06-01',
    });
    expect(unknown.statusCode).toBe(404);
    const overview = await h.ok<{ unannounced: { name: string }[] }>(
      analyst,
      'GET',
      '/api/v1/trust/subprocessors',
    );
    expect(overview.unannounced.map((u) => u.name)).toEqual(['Vendor X']);

    const scheduled = await h.ok<Subprocessor>(analyst, 'POST', '/api/v1/trust/subprocessors', {
      vendorId,
      goLiveOn: '2026-04-20',
    });
    expect(scheduled).toMatchObject({ state: 'upcoming', name: 'Vendor X', location: 'Germany' });
    const again = await h.call(analyst, 'POST', '/api/v1/trust/subprocessors', {
      vendorId,
      goLiveOn: '2026-05-20',
    });
    expect(again.statusCode).toBe(409);
    let page = (await h.call(null, 'GET', '/trust/subprocessors')).body;
    expect(page).toMatch(/Upcoming[\s\S]*Vendor X[\s\S]*2026-04-20[\s\S]*Change log/);

    // Before the day nothing moves; on it, the daily job moves it, once.
    expect(await h.ok(analyst, 'POST', '/api/v1/trust/subprocessors/sync')).toEqual({
      promoted: 0,
      changed: 0,
      removed: 0,
    });
    t.clock.set(new Date('2026-04-20T00:05:00Z'));
    analyst = await t.signIn(analyst.email);
    expect(await h.ok(analyst, 'POST', '/api/v1/trust/subprocessors/sync')).toMatchObject({
      promoted: 1,
    });
    expect(await h.ok(analyst, 'POST', '/api/v1/trust/subprocessors/sync')).toMatchObject({
      promoted: 0,
    });
    page = (await h.call(null, 'GET', '/trust/subprocessors')).body;
    expect(page).toMatch(
      /Current[\s\S]*Vendor X[\s\S]*Analytics and recommendations[\s\S]*Upcoming[\s\S]*None announced/,
    );

    // The vendor changes and then stops being engaged: the sync logs both.
    await h.ok(analyst, 'PUT', `/api/v1/vendors/${vendorId}`, {
      legalName: 'Vendor X Analytics GmbH',
      tradingName: 'Vendor X',
      country: 'IE',
      services: 'Analytics and recommendations',
    });
    expect(await h.ok(analyst, 'POST', '/api/v1/trust/subprocessors/sync')).toMatchObject({
      changed: 1,
    });
    await h.ok(analyst, 'POST', `/api/v1/vendors/${vendorId}/status`, {
      status: 'offboarding',
      reason: 'end',
    });
    expect(await h.ok(analyst, 'POST', '/api/v1/trust/subprocessors/sync')).toMatchObject({
      removed: 1,
    });
    const changes = await t.database.db.kysely
      .selectFrom('trust_subprocessor_changes')
      .selectAll()
      .orderBy('at')
      .execute();
    expect(changes.map((c) => c.kind as SubprocessorChange['kind'])).toEqual([
      'announced',
      'added',
      'changed',
      'removed',
    ]);
    expect(changes[2]!.summary).toBe('Vendor X: location changed');
    const feed = (await h.call(null, 'GET', '/trust/feeds/subprocessors.rss')).body;
    expect(feed).toContain('Vendor X is no longer a subprocessor');
  });

  it('shows advisories from the port, with CSAF and OSV links (fake list)', async () => {
    // The composition root wires an empty port until disclosure provides it.
    expect((await h.call(null, 'GET', '/trust/advisories')).body).toContain('No advisories');
  });
});
