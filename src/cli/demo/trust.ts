import { systemContext } from '../../lib/principal.js';
import type { CoreServices } from '../../server/app.js';
import { TITLE as INCIDENT_TITLE } from './incident.js';
import type { DemoVendors } from './vendors.js';

const ctx = systemContext('demo');

const MEASURES: [string, string][] = [
  [
    'Encryption',
    'Customer data is encrypted in transit (TLS 1.2 or later) and at rest (AES-256), backups included.',
  ],
  [
    'Firewalls and network security',
    'Default-deny network policies between services and a web application firewall in front of the shop.',
  ],
  ['Patching cadence', 'Critical security patches within 72 hours, all others within 30 days.'],
  [
    'Vendor due diligence',
    'Every vendor answers a security questionnaire and is risk-rated before it receives any customer data.',
  ],
  [
    'Incident response',
    'A rehearsed response playbook; regulators and affected customers are told within the legal deadlines.',
  ],
  [
    'Vulnerability disclosure',
    'Researchers report issues through the address in /.well-known/security.txt; we acknowledge within one business day.',
  ],
];

/** The incident's public story (shopco.md): written for customers, nothing from internal notes. */
const UPDATES = [
  {
    at: '2026-03-12T10:00:00.000Z',
    state: 'investigating',
    body: 'We are investigating unusual access to customer data at one of our service providers and a wave of automated sign-in attempts against customer accounts. As a precaution we have reset passwords of accounts that may be affected.',
  },
  {
    at: '2026-03-13T16:00:00.000Z',
    state: 'identified',
    body: 'We have identified the cause: an access key of Vendor X, our recommendations provider, was misused to copy customer email addresses, order history and phone numbers. The key has been revoked, and the networks used for the sign-in attempts are blocked.',
  },
  {
    at: '2026-03-16T12:00:00.000Z',
    state: 'monitoring',
    body: 'We have notified the data protection authority and are writing to every affected customer. We are monitoring our systems and Vendor X’s for any further access.',
  },
  {
    at: '2026-03-20T09:00:00.000Z',
    state: 'resolved',
    body: 'The incident is resolved. No further unauthorised access has been seen since March 12. Affected customers have received a letter explaining what happened and what they can do.',
  },
] as const;

/** ShopCo's trust center: theme, measures, the published subprocessors and the March incident. */
export async function seedTrust(services: CoreServices, vendors: DemoVendors): Promise<void> {
  const { trust } = services;
  if ((await trust.content.measures()).length > 0) return;
  await trust.settings.update(ctx, {
    shopName: 'ShopCo',
    logoUrl: null,
    brandColour: '#1f4f99',
    noticeDays: 30,
    linkDays: 7,
  });
  for (const [title, description] of MEASURES)
    await trust.content.createMeasure(ctx, { title, description });
  // The list ShopCo had published before Cordon: both apps, live since the integrations began.
  await trust.subprocessors.importPublished(
    ctx,
    vendors.authenticator.vendorId,
    '2025-06-01T00:00:00.000Z',
  );
  await trust.subprocessors.importPublished(
    ctx,
    vendors.vendorX.vendorId,
    '2025-09-01T00:00:00.000Z',
  );
  const incident = (
    await services.incidents.incidents.list(ctx, { limit: 100, offset: 0 })
  ).items.find((item) => item.title === INCIDENT_TITLE);
  if (!incident) return;
  for (const update of UPDATES)
    await trust.content.publishUpdate(
      ctx,
      {
        incidentId: incident.id,
        state: update.state,
        title: 'Unauthorised access to customer data',
        body: update.body,
      },
      { publishedAt: update.at },
    );
}
