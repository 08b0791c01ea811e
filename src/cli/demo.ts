import { Conflict } from '../lib/errors.js';
import { systemContext, type Role } from '../lib/principal.js';
import type { CoreServices } from '../server/app.js';

/**
 * The ShopCo demo (../shared/scenario/shopco.md). At this stage it holds the security team only;
 * each later module adds its part of the story here. Safe to run on every start.
 */
export const DEMO_PASSWORD = 'shopco-demo-passphrase';

const team: { email: string; displayName: string; role: Role }[] = [
  { email: 'security@shopco.example', displayName: 'ShopCo Security Lead', role: 'admin' },
  { email: 'analyst@shopco.example', displayName: 'ShopCo Security Analyst', role: 'analyst' },
  { email: 'dpo@shopco.example', displayName: 'ShopCo Data Protection Officer', role: 'viewer' },
];

export async function seedDemo(services: CoreServices, url: string): Promise<void> {
  const ctx = systemContext('demo');
  for (const member of team) {
    try {
      await services.identity.users.createWithPassword(ctx, { ...member, password: DEMO_PASSWORD });
    } catch (error) {
      if (!(error instanceof Conflict)) throw error;
    }
  }
  console.log(`ShopCo demo loaded. Sign in at ${url} as one of:`);
  for (const member of team)
    console.log(`  ${member.email.padEnd(26)} ${member.role.padEnd(8)} password: ${DEMO_PASSWORD}`);
}
