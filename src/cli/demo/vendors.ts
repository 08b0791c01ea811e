import type { AgreementInput, IntegrationInput, VendorInput } from '../../contracts/vendors.js';
import { systemContext } from '../../lib/principal.js';
import type { CoreServices } from '../../server/app.js';

const ctx = systemContext('demo');

/** Parse through the contract so defaults apply exactly as they would for an API call. */
type Profile = Partial<VendorInput> & Pick<VendorInput, 'legalName'>;

export interface DemoVendors {
  authenticator: { vendorId: string; integrationId: string };
  vendorX: { vendorId: string; integrationId: string };
  cloudHost: { vendorId: string };
}

/** ShopCo's vendors (DESIGN §1): two integrated apps and one fourth party. */
export async function seedVendors(services: CoreServices): Promise<DemoVendors> {
  const authenticator = await vendorWithIntegration(
    services,
    {
      legalName: 'Authenticator Inc.',
      website: 'https://authenticator.example',
      domains: ['authenticator.example'],
      country: 'US',
      services: 'Customer login and single sign-on for the shop',
      businessOwner: 'Head of E-commerce',
      securityContact: 'security@authenticator.example',
      tags: ['identity', 'critical-path'],
    },
    {
      name: 'Customer login (SSO)',
      kind: 'server_api_client',
      endpoints: ['https://api.authenticator.example/v2'],
      domains: ['api.authenticator.example'],
      declaredScopes: ['customers:read', 'customers:write', 'sessions:write'],
      declaredCategories: ['name', 'email', 'phone', 'password_hash'],
      credentialsRef: 'vault:kv/shopco/authenticator/api-key',
      owner: 'Identity team',
    },
    {
      type: 'DPA',
      title: 'Data processing agreement',
      breachNoticeHours: 24,
      auditRights: true,
      subprocessorApproval: true,
      effectiveOn: '2025-05-01',
      expiresOn: '2027-04-30',
      renewalNoticeDays: 90,
    },
  );
  const vendorX = await vendorWithIntegration(
    services,
    {
      legalName: 'Vendor X Analytics GmbH',
      tradingName: 'Vendor X',
      website: 'https://vendorx.example',
      domains: ['vendorx.example'],
      country: 'DE',
      services: 'Analytics and product recommendations',
      businessOwner: 'Head of Marketing',
      securityContact: 'security@vendorx.example',
      tags: ['analytics', 'marketing'],
    },
    {
      name: 'Recommendations API',
      kind: 'server_api_client',
      endpoints: ['https://api.vendorx.example/recommendations'],
      domains: ['api.vendorx.example'],
      declaredScopes: ['orders:read', 'customers:read:email'],
      declaredCategories: ['email', 'order_history'],
      credentialsRef: 'vault:kv/shopco/vendor-x/api-key',
      owner: 'Marketing engineering',
    },
    {
      type: 'DPA',
      title: 'Data processing agreement',
      breachNoticeHours: 72,
      auditRights: true,
      subprocessorApproval: false,
      effectiveOn: '2025-08-15',
      expiresOn: '2026-08-14',
      renewalNoticeDays: 60,
    },
  );
  const cloudHost = await vendor(services, {
    legalName: 'CloudHost Ltd',
    website: 'https://cloudhost.example',
    domains: ['cloudhost.example'],
    country: 'IE',
    services: 'Managed hosting (Vendor X runs on it)',
    tags: ['hosting', 'fourth-party'],
  });
  const links = await services.vendors.subprocessors.list(ctx, vendorX.vendorId);
  if (!links.some((link) => link.subprocessorId === cloudHost))
    await services.vendors.subprocessors.link(ctx, vendorX.vendorId, {
      subprocessorId: cloudHost,
      categories: ['email', 'order_history'],
      location: 'Ireland (IE)',
      purpose: 'Hosts the recommendation service and its database',
    });
  return { authenticator, vendorX, cloudHost: { vendorId: cloudHost } };
}

/** Finds the vendor by its legal name, or creates it and walks it to `active`. */
async function vendor(services: CoreServices, profile: Profile): Promise<string> {
  const page = await services.vendors.vendors.list(ctx, {
    q: profile.legalName,
    limit: 10,
    offset: 0,
  });
  const existing = page.items.find((item) => item.legalName === profile.legalName);
  if (existing) return existing.id;
  const created = await services.vendors.vendors.create(ctx, {
    tradingName: null,
    website: null,
    domains: [],
    country: null,
    services: '',
    businessOwner: null,
    securityContact: null,
    notes: '',
    tags: [],
    ...profile,
  });
  for (const status of ['assessing', 'approved', 'active'] as const)
    await services.vendors.vendors.changeStatus(ctx, created.id, {
      status,
      reason: 'ShopCo demo history',
    });
  return created.id;
}

async function vendorWithIntegration(
  services: CoreServices,
  profile: Profile,
  integration: Partial<IntegrationInput> & Pick<IntegrationInput, 'name' | 'kind'>,
  agreement: Partial<AgreementInput> & Pick<AgreementInput, 'type' | 'title'>,
) {
  const vendorId = await vendor(services, profile);
  const existing = await services.vendors.integrations.list(ctx, vendorId);
  const found = existing.find((item) => item.name === integration.name);
  if (found) return { vendorId, integrationId: found.id };
  const created = await services.vendors.integrations.create(ctx, vendorId, {
    environment: 'production',
    endpoints: [],
    domains: [],
    declaredScopes: [],
    declaredCategories: [],
    credentialsRef: null,
    owner: null,
    ...integration,
    // Going live needs an approved assessment (the demo's assessments decide which may).
    status: 'planned',
  });
  await services.vendors.agreements.create(ctx, vendorId, {
    signedOn: agreement.effectiveOn ?? null,
    effectiveOn: null,
    expiresOn: null,
    autoRenews: true,
    renewalNoticeDays: null,
    terminationNoticeDays: 90,
    breachNoticeHours: null,
    auditRights: false,
    subprocessorApproval: false,
    notes: '',
    ...agreement,
  });
  return { vendorId, integrationId: created.id };
}
