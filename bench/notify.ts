import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { Campaign } from '../src/contracts/breach-campaigns.js';
import type { NoticeTemplate } from '../src/contracts/breach-notices.js';
import { createToken, createVendor, sendJson, signIn } from './support/api.js';
import { customerId, postSharingBatches, scatter } from './support/batches.js';
import { importCustomers } from './support/customers.js';
import { createInstance, formatCount } from './support/instance.js';
import { startBuiltServer, type RunningServer } from './support/server.js';
import { startSmtpSink } from './support/smtp-sink.js';

/**
 * Notification delivery (issue 8): 750,000 personalised letters to a local SMTP sink at
 * ≥ 1,000 a second, then the same again with the server (which runs the worker in-process)
 * killed with SIGKILL half-way and started again; the sink must count exactly one distinct
 * Message-ID per person, none missing and none extra.
 *
 * Everything goes through the API as a shop would do it: customers imported (all in
 * California, so California's residents' duty covers everyone), one event per customer with
 * email and password hash, an incident linked to the vendor, a scope snapshot, a notice
 * template, a campaign prepared, a test letter, and the start. Options: --customers N
 * (750,000), --runs clean,crash (both), --postgres.
 */
const CUSTOMERS_PER_BATCH = 10_000;

export async function runNotifyBench(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      customers: { type: 'string', default: '750000' },
      runs: { type: 'string', default: 'clean,crash' },
      postgres: { type: 'boolean', default: false },
    },
  });
  const customers = Number(values.customers);
  const runs = values.runs.split(',');
  const sink = await startSmtpSink();
  const instance = await createInstance({ postgres: values.postgres });
  const env = {
    ...instance.env,
    SMTP_URL: sink.url,
    CORDON_MAIL_FROM: 'ShopCo Privacy <privacy@shopco.example>',
    CORDON_SHOP_NAME: 'ShopCo',
    CORDON_BREACH_SEND_RATE: '0',
    CORDON_BREACH_SEND_CONNECTIONS: '8',
  };
  let server: RunningServer = await startBuiltServer(env, instance.dataDir);
  try {
    const url = server.url;
    const session = await signIn(url);
    const api = <T>(path: string, method = 'GET', body?: unknown, expect = 200) =>
      sendJson<T>(`${url}${path}`, {
        method,
        headers: session,
        // Fastify refuses an empty JSON body: a POST without fields sends {}.
        ...(method === 'GET' ? {} : { body: JSON.stringify(body ?? {}) }),
        expect,
      });

    const setup = performance.now();
    const imported = await importCustomers(
      url,
      await createToken(url, session, ['write']),
      customers,
      [['US', 'CA']],
    );
    console.log(
      `notify: ${formatCount(imported.rowsRead)} customers imported in ${imported.seconds.toFixed(1)} s`,
    );
    const { vendorId, integrationIds } = await createVendor(url, session, 'Vendor X', 1);
    const ingest = await createToken(url, session, ['ingest']);
    const batches = Math.ceil(customers / CUSTOMERS_PER_BATCH);
    await postSharingBatches({
      url,
      headers: ingest,
      batches,
      concurrency: 2,
      bodyOf: (batch) => {
        let body = '';
        const end = Math.min(customers, (batch + 1) * CUSTOMERS_PER_BATCH);
        for (let i = batch * CUSTOMERS_PER_BATCH; i < end; i++)
          body += `{"id":"e${i}","integration":"${integrationIds[0]}","customer":"${customerId(scatter(i, customers) + 1)}","categories":["email","password_hash"],"records":1,"at":"2026-01-10T10:00:00.000Z"}\n`;
        return body;
      },
    });
    const incident = await api<{ id: string }>(
      '/api/v1/incidents',
      'POST',
      { title: 'Vendor X compromise', type: 'vendor_compromise', severity: 'critical' },
      201,
    );
    await api(
      `/api/v1/incidents/${incident.id}/links`,
      'POST',
      { kind: 'vendor', targetId: vendorId },
      200,
    );
    for (const [trigger, at] of [
      ['exposure_from', '2025-09-01T00:00:00Z'],
      ['aware', '2026-03-12T08:00:00Z'],
    ])
      await api(
        `/api/v1/incidents/${incident.id}/triggers`,
        'POST',
        { trigger, at, reason: 'vendor report', source: 'vendor' },
        200,
      );
    const snapshot = await api<{ customers: number }>(
      `/api/v1/incidents/${incident.id}/scope`,
      'POST',
      undefined,
      201,
    );
    const draft = await api<NoticeTemplate>('/api/v1/breach/templates/us-ca.residents?locale=en');
    await api('/api/v1/breach/templates/us-ca.residents', 'PUT', {
      locale: 'en',
      subject: draft.subject,
      sections: draft.sections.map((section) => ({
        ...section,
        body:
          section.heading === 'What Information Was Involved'
            ? 'Dear {{recipient.name}}, these data of yours were involved: {{recipient.dataInvolved}}.'
            : `{{shop.name}} writes to you about "{{incident.title}}" ({{obligation.jurisdiction}}). If you have questions, write to {{shop.contactEmail}}.`,
      })),
    });
    console.log(
      `notify: scope of ${formatCount(snapshot.customers)} customers and a template ready in ${((performance.now() - setup) / 1000).toFixed(1)} s`,
    );

    for (const run of runs) {
      const deliveredBefore = sink.deliveries();
      const campaignsUrl = `/api/v1/incidents/${incident.id}/campaigns`;
      const preparing = performance.now();
      const created = await api<Campaign>(
        campaignsUrl,
        'POST',
        { obligationKey: 'us-ca.residents' },
        201,
      );
      const campaignUrl = `${campaignsUrl}/${created.id}`;
      const ready = await until(api, campaignUrl, (c) => c.status !== 'preparing', 'prepare');
      const prepareSeconds = (performance.now() - preparing) / 1000;
      console.log(
        `notify ${run}: ${formatCount(ready.recipients)} recipients prepared in ${prepareSeconds.toFixed(1)} s (${formatCount(ready.recipients / prepareSeconds)} a second)`,
      );
      await api(`${campaignUrl}/test`, 'POST', {});
      const started = performance.now();
      await api(`${campaignUrl}/start`, 'POST');
      let killedAt: number | null = null;
      let sentAtKill = 0;
      let restartedAt = 0;
      const done = await until(
        api,
        campaignUrl,
        (c) => c.status === 'completed',
        run,
        async (c) => {
          if (run !== 'crash' || killedAt !== null || c.sent < ready.recipients / 2) return;
          killedAt = performance.now();
          sentAtKill = c.sent;
          server.process.kill('SIGKILL');
          await new Promise((resolve) => server.process.once('exit', resolve));
          const deliveredAtKill = sink.deliveries() - deliveredBefore;
          console.log(
            `notify crash: SIGKILL after ${formatCount(sentAtKill)} recorded, ${formatCount(deliveredAtKill)} delivered; restarting`,
          );
          server = await startBuiltServer(env, instance.dataDir, {
            port: Number(new URL(url).port),
          });
          restartedAt = performance.now();
        },
      );
      const seconds = (performance.now() - started) / 1000;
      await waitForSink(sink, deliveredBefore + done.sent);
      // The campaign's own Message-IDs: the test letter went as ordinary mail.
      const tally = sink.tally(`<breach.${created.id}.`);
      const letters = tally.distinctMessageIds;
      const steady =
        killedAt !== null ? sentAtKill / ((killedAt - started) / 1000) : done.sent / seconds;
      console.log(
        [
          `notify ${run}: ${formatCount(done.sent)} letters sent in ${seconds.toFixed(1)} s, ${formatCount(steady)} a second while sending`,
          killedAt !== null
            ? ` (the restart took ${((restartedAt - killedAt) / 1000).toFixed(1)} s, then the job lease had to lapse)`
            : '',
          `; sink: ${formatCount(letters)} distinct Message-IDs for ${formatCount(ready.recipients)} recipients, ` +
            `${formatCount(tally.repeatedDeliveries)} repeated deliveries (same Message-ID), ` +
            `${tally.recipientsWithTwoMessageIds} people with two Message-IDs, ${tally.withoutMessageId} without one; ` +
            `failed ${done.failed}, suppressed ${done.suppressedTotal}`,
        ].join(''),
      );
      if (letters !== ready.recipients || tally.recipientsWithTwoMessageIds > 0)
        throw new Error(`notify ${run}: the sink's count does not match the recipients`);
    }
  } finally {
    await server.stop();
    await instance.cleanup();
    await sink.close();
  }
}

/** Polls the campaign every second until `done`, printing progress every 10 s. */
async function until(
  api: <T>(path: string) => Promise<T>,
  path: string,
  done: (campaign: Campaign) => boolean,
  label: string,
  onPoll?: (campaign: Campaign) => Promise<void>,
): Promise<Campaign> {
  let printed = performance.now();
  for (;;) {
    const campaign = await api<Campaign>(path).catch(() => null);
    if (campaign && done(campaign)) return campaign;
    if (campaign) await onPoll?.(campaign);
    if (campaign && performance.now() - printed > 10_000) {
      printed = performance.now();
      console.log(
        `  ${label}: ${campaign.status}, examined ${formatCount(campaign.examined)}, sent ${formatCount(campaign.sent)} of ${formatCount(campaign.recipients)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

async function waitForSink(sink: { deliveries(): number }, atLeast: number): Promise<void> {
  for (let tries = 0; tries < 50 && sink.deliveries() < atLeast; tries++)
    await new Promise((resolve) => setTimeout(resolve, 100));
}
