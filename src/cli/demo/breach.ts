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
}
