import { systemContext } from '../../lib/principal.js';
import type { CoreServices } from '../../server/app.js';

const ctx = systemContext('demo');

/**
 * The decisions ShopCo's team records on the incident's obligations: a high risk for the
 * customers (so GDPR and UK GDPR Art. 34 are owed), not an SEC registrant, and the authorities' notices
 * filed in time. The rest the rules work out.
 */
export async function seedObligations(services: CoreServices, incidentId: string): Promise<void> {
  const { breach } = services;
  for (const obligationKey of ['eu-gdpr.art34', 'gb-uk-gdpr.art34'])
    await breach.service.decide(ctx, incidentId, {
      kind: 'risk_assessment',
      obligationKey,
      conclusion: 'likely',
      justification:
        'Email addresses, order histories and phone numbers of some 612,000 customers reached an attacker, and about 2,500 accounts were taken over: a high risk of targeted phishing and account misuse.',
    });
  await breach.service.decide(ctx, incidentId, {
    kind: 'not_applicable',
    obligationKey: 'us-sec.form-8k',
    justification: 'ShopCo Ltd is a private company, not an SEC registrant.',
  });
  // The authorities were told on 14 March, 16 hours before the 72 hours ran out.
  const before = await breach.service.report(ctx, incidentId);
  for (const obligation of before.obligations)
    if (obligation.status === 'due' && obligation.recipient === 'supervisory_authority')
      await breach.service.decide(ctx, incidentId, {
        kind: 'notice_given',
        obligationKey: obligation.key,
        at: '2026-03-14T16:00:00.000Z',
        reference: `breach report ${obligation.country ?? obligation.jurisdiction.code}-2026-0314`,
        justification: "Filed on the authority's online breach form.",
      });
  const report = await breach.service.report(ctx, incidentId);
  const owed = report.obligations.filter((o) => o.status === 'due');
  console.log(
    `Notification: ${owed.length} obligations owed, soonest ${owed[0]?.duty ?? 'none'} (${owed[0]?.jurisdiction.name ?? ''}) due ${owed[0]?.due ?? '—'}`,
  );
  await seedLetters(services, incidentId);
}

/**
 * The letters: California's residents get theirs (a campaign the worker delivers to the
 * outbox folder, a sample of the whole), and the EU data subjects' campaign is prepared but
 * not started, so its 1,000 undeliverable German addresses show as reported and suppressed.
 */
async function seedLetters(services: CoreServices, incidentId: string): Promise<void> {
  const { breach } = services;
  const team = (await services.identity.users.list(ctx)).find((u) => u.role === 'analyst');
  for (const ruleId of ['us-ca.residents', 'eu-gdpr.art34']) {
    const draft = await breach.templates.get(ctx, ruleId, 'en');
    await breach.templates.save(ctx, ruleId, {
      locale: 'en',
      subject:
        draft.subject === 'Notice of Data Breach' ? draft.subject : `${draft.subject} at ShopCo`,
      sections: draft.sections.map((section) => ({
        ...section,
        body: LETTER[section.covers ?? ''] ?? LETTER.default!,
      })),
    });
  }
  const california = await breach.campaigns.create(ctx, incidentId, {
    obligationKey: 'us-ca.residents',
    locale: 'en',
  });
  await breach.delivery.prepare(california.id);
  if (team) await breach.campaigns.testSend(ctx, incidentId, california.id, [team.email]);
  await breach.campaigns.start(ctx, incidentId, california.id);
  // Prepared by the worker once the server is up: some 600,000 people.
  await breach.campaigns.create(ctx, incidentId, { obligationKey: 'eu-gdpr.art34', locale: 'en' });
  console.log('Notification: the California letters are being delivered to the outbox folder');
}

/** ShopCo's letter, by the content element each section covers. */
const LETTER: Record<string, string> = {
  what_happened:
    'Between {{incident.exposureFrom}} and {{incident.exposureTo}}, an attacker used a stolen access key of Vendor X, a recommendations provider we work with, to copy customer data from its systems, and used some of it to sign in to customer accounts. We learned of it on {{incident.awareAt}}.',
  nature:
    'Between {{incident.exposureFrom}} and {{incident.exposureTo}}, an attacker used a stolen access key of Vendor X, a recommendations provider we work with, to copy customer data. The data of yours involved: {{recipient.dataInvolved}}.',
  what_information: 'Your {{recipient.dataInvolved}}.',
  types_of_information: 'The information involved: {{recipient.dataInvolved}}.',
  breach_dates: 'The breach lasted from {{incident.exposureFrom}} to {{incident.exposureTo}}.',
  notice_date: 'This notice is dated {{notice.date}}.',
  description: "The attacker used a vendor's leaked access key; no ShopCo system was broken into.",
  law_enforcement_delay: 'This notice was not delayed by a law-enforcement investigation.',
  what_we_are_doing:
    "We revoked Vendor X's access, reset the passwords of the affected accounts, blocked the addresses the attack came from, and reported the breach to the authorities.",
  measures:
    "We revoked Vendor X's access, reset the passwords of the affected accounts and blocked the addresses the attack came from. Please choose a new password that you use nowhere else.",
  consequences:
    'You may receive convincing phishing emails that mention your orders. We will never ask for your password by email.',
  what_you_can_do:
    'Choose a new password that you use nowhere else, and be wary of emails that mention your orders and ask you to sign in.',
  credit_agencies:
    "No Social Security, driver's license or card numbers were involved; you may still place a fraud alert with Equifax, Experian or TransUnion.",
  identity_theft_services:
    'No identity-theft prevention service is offered, as no identifiers or card data were involved.',
  more_information: 'Write to {{shop.contactEmail}} or visit {{shop.url}}.',
  business_contact: '{{shop.name}}, {{shop.contactEmail}}.',
  contact_point: 'Our data protection officer: {{shop.contactEmail}}.',
  default: 'Write to {{shop.contactEmail}} with any question about this notice.',
};
