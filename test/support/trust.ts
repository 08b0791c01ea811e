import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { createWorker } from '../../src/jobs/jobs.worker.js';
import { registerTrustJobs } from '../../src/modules/trust/trust.jobs.js';
import type { Caller, TestApp } from './app.js';

/** Helpers for the trust center's tests: the staff API, the public forms, the job queue. */
export function trustHelpers(t: TestApp) {
  let ip = 0;
  const call = (caller: Caller | null, method: string, url: string, payload?: object) =>
    t.app.inject({
      method: method as 'GET',
      url,
      ...(caller ? { headers: caller.headers } : {}),
      ...(payload ? { payload } : {}),
    });

  async function ok<T>(caller: Caller, method: string, url: string, payload?: object) {
    const response = await call(caller, method, url, payload);
    expect(response.statusCode, `${method} ${url}: ${response.body}`).toBeLessThan(300);
    return response.json<T>();
  }

  /** Runs queued jobs until none is left. */
  async function runJobs(): Promise<void> {
    const worker = createWorker({
      db: t.database.db,
      clock: t.clock,
      queue: t.queue,
      registry: t.registry,
      logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
    });
    while ((await worker.runOnce()) > 0);
  }

  /** A form page's CSRF cookie and field, as a browser would hold them. */
  async function openForm(url: string) {
    const response = await t.app.inject({ method: 'GET', url });
    expect(response.statusCode, response.body).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'trust_csrf');
    const csrf = /name="csrf"\s+value="([^"]+)"/.exec(response.body)?.[1];
    if (!cookie || !csrf) throw new Error(`no CSRF cookie or field on ${url}`);
    return { cookie: `trust_csrf=${cookie.value}`, csrf };
  }

  /** Posts a form urlencoded, each call from its own address so rate limits stay out of the way. */
  function postForm(
    url: string,
    fields: Record<string, string | string[]>,
    cookie?: string,
  ): Promise<LightMyRequestResponse> {
    const body = new URLSearchParams();
    for (const [key, value] of Object.entries(fields))
      for (const one of [value].flat()) body.append(key, one);
    ip += 1;
    return t.app.inject({
      method: 'POST',
      url,
      remoteAddress: `10.0.${Math.floor(ip / 250)}.${ip % 250}`,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...(cookie ? { cookie } : {}),
      },
      payload: body.toString(),
    });
  }

  async function activeVendor(analyst: Caller, legalName: string, extra: object = {}) {
    const vendor = await ok<{ id: string }>(analyst, 'POST', '/api/v1/vendors', {
      legalName,
      ...extra,
    });
    for (const status of ['assessing', 'approved', 'active'])
      await ok(analyst, 'POST', `/api/v1/vendors/${vendor.id}/status`, { status, reason: 'test' });
    return vendor.id;
  }

  return {
    call,
    ok,
    runJobs,
    openForm,
    postForm,
    activeVendor,
    registerJobs: () => registerTrustJobs(t.registry, t.queue, t.services.trust),
  };
}

/** The links in a message's text, by path prefix. */
export function linkIn(text: string, prefix: string): string {
  const match = new RegExp(`https?://[^\\s]+${prefix}[A-Za-z0-9._~%-]+`).exec(text);
  if (!match) throw new Error(`no ${prefix} link in:\n${text}`);
  return match[0];
}
