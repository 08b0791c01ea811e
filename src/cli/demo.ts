import { Conflict } from '../lib/errors.js';
import { systemContext, type Role } from '../lib/principal.js';
import type { CoreServices } from '../server/app.js';
import {
  authenticatorHistory,
  CUSTOMER_COUNT,
  customerFile,
  dailyTotals,
  vendorXHistory,
} from './demo/customers.js';
import { seedAssessments } from './demo/assessments.js';
import { seedDetection } from './demo/detection.js';
import { seedDisclosure } from './demo/disclosure.js';
import { seedExposure } from './demo/exposure.js';
import { seedIncident } from './demo/incident.js';
import { seedTrust } from './demo/trust.js';
import { seedVendors, type DemoVendors } from './demo/vendors.js';

/**
 * The ShopCo demo (../shared/scenario/shopco.md): the security team, the vendors and their
 * integrations, 750,000 customers and what was shared with whom. Each module adds its part of
 * the story here. Safe to run on every start: what exists already is left alone.
 */
export const DEMO_PASSWORD = 'shopco-demo-passphrase';

const team: { email: string; displayName: string; role: Role }[] = [
  { email: 'security@shopco.example', displayName: 'ShopCo Security Lead', role: 'admin' },
  { email: 'analyst@shopco.example', displayName: 'ShopCo Security Analyst', role: 'analyst' },
  { email: 'dpo@shopco.example', displayName: 'ShopCo Data Protection Officer', role: 'viewer' },
];

const ctx = systemContext('demo');

export async function seedDemo(services: CoreServices, url: string): Promise<void> {
  for (const member of team) {
    try {
      await services.identity.users.createWithPassword(ctx, { ...member, password: DEMO_PASSWORD });
    } catch (error) {
      if (!(error instanceof Conflict)) throw error;
    }
  }
  const vendors = await seedVendors(services);
  await seedCustomers(services);
  await seedSharing(services, vendors);
  // Reach is part of inherent risk: score the vendors now that the ledger knows it.
  await services.vendors.vendors.risk.recomputeAll(ctx);
  await seedAssessments(services, vendors);
  await seedExposure(services, vendors);
  await seedDetection(services, vendors);
  const analyst = (await services.identity.users.list(ctx)).find(
    (user) => user.email === 'analyst@shopco.example',
  );
  if (analyst) await seedIncident(services, vendors, { analystId: analyst.id });
  await seedTrust(services, vendors);
  await seedDisclosure(services);
  console.log(`ShopCo demo loaded. Sign in at ${url} as one of:`);
  for (const member of team)
    console.log(`  ${member.email.padEnd(26)} ${member.role.padEnd(8)} password: ${DEMO_PASSWORD}`);
}

async function seedCustomers(services: CoreServices): Promise<void> {
  const { total } = await services.datamap.customers.summary(ctx);
  if (total >= CUSTOMER_COUNT) return;
  const started = Date.now();
  const report = (rows: number) =>
    process.stdout.write(
      `\rLoading ShopCo's customers: ${rows.toLocaleString('en')} of ${CUSTOMER_COUNT.toLocaleString('en')}`,
    );
  const result = await services.datamap.customers.import(ctx, customerFile(), 'ndjson', report);
  if (process.stdout.isTTY) process.stdout.write('\n');
  console.log(
    `Loaded ${result.rowsRead.toLocaleString('en')} customers in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

async function seedSharing(services: CoreServices, vendors: DemoVendors): Promise<void> {
  const { integrationId: sso } = vendors.authenticator;
  const { integrationId: recommendations } = vendors.vendorX;
  if ((await services.datamap.reach.summarize([sso, recommendations])).customers > 0) return;
  const started = Date.now();
  process.stdout.write('Loading the sharing history of both integrations…');
  await services.datamap.ledger.loadHistory(ctx, {
    integrationId: sso,
    rows: authenticatorHistory(),
    daily: dailyTotals({
      from: '2025-06-01',
      to: '2026-03-12',
      records: 40_000,
      categories: ['name', 'email', 'phone', 'password_hash'],
    }),
  });
  await services.datamap.ledger.loadHistory(ctx, {
    integrationId: recommendations,
    rows: vendorXHistory(),
    daily: dailyTotals({
      from: '2025-09-01',
      to: '2026-03-12',
      records: 20_000,
      categories: ['email', 'order_history'],
      attack: { from: '2026-03-10', categories: ['email', 'order_history', 'phone'] },
    }),
  });
  console.log(` done (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
