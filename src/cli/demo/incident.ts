import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { ACTION_TYPES } from '../../contracts/incidents.js';
import { seedObligations } from './breach.js';
import { systemContext } from '../../lib/principal.js';
import type { CoreServices } from '../../server/app.js';
import type { DemoVendors } from './vendors.js';

const ctx = systemContext('demo');
export const TITLE = 'ShopCo breach: Vendor X data pull and credential stuffing';

/**
 * The response to the March 10 attack (shopco.md): an incident opened from Vendor X's alert,
 * with the stuffing alerts linked, the trigger times of the story (detected 02:40, aware
 * March 12 08:00, Vendor X's notice March 16 10:00, late against its 72 h term), the vendor
 * compromise playbook, the scope snapshot, and containment sent as signed webhooks to a
 * stand-in for ShopCo's own systems that checks every signature.
 */
export async function seedIncident(
  services: CoreServices,
  vendors: DemoVendors,
  users: { analystId: string },
): Promise<void> {
  const { incidents, detection } = services;
  const receiver = await startShopReceiver(services);
  const existing = await incidents.incidents.list(ctx, { limit: 100, offset: 0 });
  if (existing.items.some((item) => item.title === TITLE)) return;

  const alerts = (await detection.alerts.list(ctx, { limit: 100, offset: 0 })).items;
  const vendorAlert = alerts.find(
    (a) => a.detector === 'vendor_api_scope' && a.integrationId === vendors.vendorX.integrationId,
  );
  if (!vendorAlert) return;
  const { incidentId: id } = await detection.alerts.openIncident(
    ctx,
    vendorAlert.id,
    detection.incidents,
  );
  if (!id) return;
  await incidents.incidents.update(ctx, id, {
    title: TITLE,
    type: 'vendor_compromise',
    severity: 'critical',
    ownerId: users.analystId,
  });
  for (const alert of alerts)
    if (alert.id !== vendorAlert.id && alert.stream === 'web')
      await incidents.links.addLink(ctx, id, 'alert', alert.id);
  const story = [
    ['detected', '2026-03-10T02:40:00Z', 'The first alert the team saw', 'Cordon detection alerts'],
    [
      'aware',
      '2026-03-12T08:00:00Z',
      'The SOC confirmed the breach on the morning call',
      'SOC call notes',
    ],
    [
      'exposure_from',
      '2025-09-01T00:00:00Z',
      'Vendor X began receiving customer data',
      'integration record',
    ],
    ['exposure_to', '2026-03-12T00:00:00Z', "Vendor X's key was revoked", 'vault audit log'],
    // US state laws count from discovery or determination: the same confirmation.
    [
      'discovered',
      '2026-03-12T08:00:00Z',
      'The SOC confirmed the breach: discovery under the US state laws',
      'SOC call notes',
    ],
    [
      'determined',
      '2026-03-12T08:00:00Z',
      'The SOC determined that a breach occurred',
      'SOC call notes',
    ],
  ] as const;
  // Instants in the stored form, as the API's contract would have made them.
  const instant = (text: string) => new Date(text).toISOString();
  for (const [trigger, at, reason, source] of story)
    await incidents.timeline.setTrigger(ctx, id, { trigger, at: instant(at), reason, source });
  await incidents.timeline.setTrigger(ctx, id, {
    trigger: 'vendor_notice_received',
    at: instant('2026-03-16T10:00:00Z'),
    vendorId: vendors.vendorX.vendorId,
    reason: "Vendor X's breach notice arrived by email",
    source: 'mailbox security@shopco.example',
  });
  await incidents.timeline.write(ctx, id, {
    kind: 'communication',
    direction: 'received',
    channel: 'email',
    parties: ['security@vendorx.example', 'security@shopco.example'],
    subject: 'Notification of a security incident',
    content:
      'Dear ShopCo,\n\nwe have identified unauthorised use of an API key issued to your integration "Recommendations API" between 10 and 12 March 2026. We are investigating and will share our report.\n\nVendor X Analytics GmbH, Security',
    occurredAt: instant('2026-03-16T10:00:00Z'),
    occurredTimeZone: 'Europe/Berlin',
    occurredSource: 'mailbox security@shopco.example',
    confidence: 'confirmed',
  });
  await incidents.tasks.apply(ctx, id, 'vendor-compromise');
  await incidents.scope.take(ctx, id);
  await seedObligations(services, id);
  for (const [n, type] of ACTION_TYPES.entries())
    await incidents.actions.request(ctx, id, {
      ...(type === 'revoke_credentials'
        ? { type, integrationId: vendors.vendorX.integrationId }
        : { type }),
      idempotencyKey: `demo-${n}`,
    });
  for (const [status, reason] of [
    ['analysing', undefined],
    ['contained', undefined],
  ] as const)
    await incidents.incidents.setStatus(ctx, id, { status, reason });
  console.log(
    `Opened the ShopCo incident: containment requests go to ShopCo's stand-in systems at ${receiver}`,
  );
}

/**
 * ShopCo's side of containment, for the demo only: one receiver per action type that checks
 * each Standard Webhooks signature with the secret Cordon issued and answers with a receipt.
 */
async function startShopReceiver(services: CoreServices): Promise<string> {
  const secrets = new Map<string, Webhook>();
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const type = (request.url ?? '').split('/').pop() ?? '';
      try {
        secrets.get(type)?.verify(body, request.headers as Record<string, string>);
        if (!secrets.has(type)) throw new Error('unknown action type');
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end('{"status":"done"}');
      } catch {
        response
          .writeHead(401, { 'content-type': 'application/json' })
          .end('{"error":"bad signature"}');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/shopco/containment`;
  for (const type of ACTION_TYPES) {
    const saved = await services.incidents.actions.saveEndpoint(ctx, type, `${base}/${type}`);
    secrets.set(type, new Webhook(saved.secret));
  }
  return base;
}
