import type { CallContext } from '../../lib/principal.js';
import type { BreachDeps } from './breach.deps.js';
import type { CampaignRow } from './breach.campaigns.store.js';
import { compileNotice, noticeContext } from './breach.notices.js';
import type { BreachService } from './breach.service.js';
import { templateOf } from './breach.templates.service.js';
import type { TemplateStore } from './breach.templates.store.js';

/**
 * What every letter of a campaign is made from: its obligation as the incident has it now,
 * the template version the campaign froze (compiled once), the shared variables, and the
 * names of the data categories. Null when the obligation or the template is gone.
 */
export async function campaignLetter(
  deps: Pick<BreachDeps, 'config' | 'clock' | 'categories'> & {
    service: BreachService;
    templates: TemplateStore;
  },
  ctx: CallContext,
  row: CampaignRow,
) {
  const { incident, report } = await deps.service.assess(ctx, row.incident_id);
  const obligation = report.obligations.find((o) => o.key === row.obligation_key);
  const stored = await deps.templates.version(
    row.rule_id,
    row.locale,
    Number(row.template_version),
  );
  if (!obligation || !stored) return null;
  const template = templateOf(stored);
  const categories = await deps.categories.list(ctx);
  const names = new Map(categories.map((c) => [c.key, c.name]));
  return {
    obligation,
    catalogue: new Map(categories.map((c) => [c.key, { name: c.name, legalFlags: c.legalFlags }])),
    render: compileNotice(template.subject, template.sections),
    shared: noticeContext({
      config: deps.config,
      incident,
      obligation,
      today: deps.clock.now().toISOString().slice(0, 10),
      locale: row.locale,
    }),
    /** "Email address, Order history" from the outbox row's category keys. */
    dataInvolved(keys: string): string {
      return keys
        .split(',')
        .filter((key) => key !== '')
        .map((key) => (key === 'login_credentials' ? 'Login credentials' : (names.get(key) ?? key)))
        .join(', ');
    },
  };
}

export type CampaignLetter = NonNullable<Awaited<ReturnType<typeof campaignLetter>>>;
