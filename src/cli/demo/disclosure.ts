import { securityTxtSettingsInput } from '../../contracts/securitytxt.js';
import { systemContext } from '../../lib/principal.js';
import type { CoreServices } from '../../server/app.js';

const ctx = systemContext('demo');

/**
 * ShopCo's disclosure story: its security.txt (the contact researchers use, and a signing key,
 * so the served file is valid and signed; Policy and CSAF default to the pages Cordon serves)
 * and the researcher's account-access report with its published advisory. Left alone when
 * already there.
 */
export async function seedDisclosure(services: CoreServices): Promise<void> {
  await seedSecurityTxt(services);
  // shopco.md: reported 2 February, acknowledged within a business day, fixed 20 February,
  // advisory published 2 March 2026, with credit.
  const imported = await services.disclosure.importPast(ctx, {
    title: 'Any customer’s addresses through GET /api/account/{id}/addresses',
    description:
      'Signed in as one customer, changing `{id}` in `GET /api/account/{id}/addresses` returns **another** customer’s saved addresses (an IDOR).',
    asset: 'shopco.example account API',
    contact: { name: 'Ada Researcher', email: 'ada@researcher.example' },
    credit: { name: 'Ada Researcher', optIn: true },
    cvss: IDOR_CVSS,
    cwe: { id: 'CWE-639', name: 'Authorization Bypass Through User-Controlled Key' },
    affectedVersions: ['before 2026-02-20'],
    receivedAt: '2026-02-02T09:14:00.000Z',
    firstResponse: {
      at: '2026-02-02T15:30:00.000Z',
      body: 'Thank you, Ada. We reproduced it and are fixing the access check now.',
    },
    triagedAt: '2026-02-02T15:30:00.000Z',
    fixedAt: '2026-02-20T11:00:00.000Z',
    advisory: {
      id: 'SHOPCO-2026-0001',
      publishedAt: '2026-03-02T10:00:00.000Z',
      title: 'Customer addresses readable by other signed-in customers',
      summary:
        'A signed-in customer could read the saved addresses of another customer by changing the account id in an API request.',
      details:
        'The address endpoint of the account API checked that the caller was signed in, but not that the account was theirs. It now checks the owner on every request.',
      product: 'ShopCo account API',
      affectedVersions: ['before 2026-02-20'],
      fixedVersions: ['2026-02-20'],
      remediation: 'ShopCo fixed this on 2026-02-20. No action is needed from customers.',
      cvss: IDOR_CVSS,
      severity: null,
      cwe: 'CWE-639',
      references: [],
      creditResearcher: true,
    },
  });
  if (imported) await services.trust.advisoriesPublished();
}

const IDOR_CVSS = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N';

async function seedSecurityTxt(services: CoreServices): Promise<void> {
  const { securityTxt } = services.disclosure;
  if (await securityTxt.get(ctx)) return;
  await securityTxt.update(
    ctx,
    securityTxtSettingsInput.parse({
      contact: ['mailto:security@shopco.example'],
      preferredLanguages: ['en', 'de'],
      expiresDays: 180,
    }),
  );
  await securityTxt.generateSigningKey(ctx);
}
