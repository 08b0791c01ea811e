import type { EventLine } from '../../contracts/detection.js';
import { systemContext } from '../../lib/principal.js';
import type { DetectionEvent } from '../../modules/detection/detection.events.js';
import { customerAccount } from '../../modules/detection/simulate/network.js';
import { shopcoAttackScenario } from '../../modules/detection/simulate/scenario.js';
import type { CoreServices } from '../../server/app.js';
import { CUSTOMER_COUNT, customerEmailOf } from './customers.js';
import type { DemoVendors } from './vendors.js';

const ctx = systemContext('demo');
const BATCH = 10_000;

/**
 * The March 10 attack (shopco.md): two weeks of ordinary logins and vendor API traffic, then
 * credential stuffing from 3,400 addresses and Vendor X's key pulling 40× with phone numbers.
 * Generated deterministically and sent through the real ingest path, so the alerts are the
 * detectors' own. Customers log in with their email, so the accounts join the customer list.
 */
export async function seedDetection(services: CoreServices, vendors: DemoVendors): Promise<void> {
  const { detection } = services;
  if ((await detection.alerts.list(ctx, { limit: 1, offset: 0 })).total > 0) return;
  const started = Date.now();
  const traffic = shopcoAttackScenario({
    vendorXIntegrationId: vendors.vendorX.integrationId,
    authenticatorIntegrationId: vendors.authenticator.integrationId,
  });
  const emails = customerEmails(traffic.events);
  const total = traffic.events.length;
  let signals = 0;
  for (let from = 0; from < total; from += BATCH) {
    const lines: EventLine[] = [];
    for (let i = from; i < Math.min(total, from + BATCH); i++)
      lines.push(wireLine(traffic.events[i]!, i, emails));
    // In process, as `cordon ingest` sends them: the same validation, without a JSON round trip.
    signals += (await detection.ingest.ingestLines(ctx, lines)).signals;
    process.stdout.write(
      `\rReplaying ShopCo's logins and API traffic: ${Math.min(total, from + BATCH).toLocaleString('en')} of ${total.toLocaleString('en')} events`,
    );
  }
  if (process.stdout.isTTY) process.stdout.write('\n');
  const { total: alerts } = await detection.alerts.list(ctx, { limit: 1, offset: 0 });
  console.log(
    `Loaded ${total.toLocaleString('en')} detection events in ${((Date.now() - started) / 1000).toFixed(1)} s: ${alerts} alerts from ${signals} detector signals`,
  );
}

/** The simulator's stable customer ids, mapped back to the demo customers' emails. */
function customerEmails(events: readonly DetectionEvent[]): Map<string, string> {
  const seen = new Set<string>();
  for (const event of events) if (event.kind === 'login' && event.account) seen.add(event.account);
  const emails = new Map<string, string>();
  for (let index = 0; index < CUSTOMER_COUNT; index++) {
    const id = customerAccount(index);
    if (seen.has(id)) emails.set(id, customerEmailOf(index));
  }
  return emails;
}

function wireLine(event: DetectionEvent, index: number, emails: Map<string, string>): EventLine {
  const base = { id: `demo-${index}`, at: new Date(event.time).toISOString() };
  if (event.kind === 'api_access')
    return {
      ...base,
      type: 'api_access',
      integration: event.integrationId,
      ...(event.keyId ? { key: event.keyId } : {}),
      endpoint: event.endpoint,
      records: event.records,
      bytes: event.bytes,
      categories: event.categories,
    };
  if (event.kind === 'http')
    return {
      ...base,
      type: 'http',
      ip: event.ip,
      method: event.method,
      path: event.path,
      status: event.status,
      bytes: event.bytes,
    };
  return {
    ...base,
    type: 'login',
    stream: event.stream,
    // Names not in the customer list (typos, leaked lists) stay names nobody has here.
    ...(event.account
      ? { account: emails.get(event.account) ?? `${event.account}@unknown.example` }
      : {}),
    ip: event.ip,
    ...(event.userAgent ? { user_agent: event.userAgent } : {}),
    outcome: event.outcome,
    ...(event.country ? { country: event.country } : {}),
    ...(event.asn !== null ? { asn: event.asn } : {}),
  };
}
