import {
  noticeTemplate,
  type NoticeTemplate,
  type NoticeTemplateInput,
} from '../../contracts/breach-notices.js';
import type { Obligation } from '../../contracts/breach.js';
import { NotFound, ValidationError } from '../../lib/errors.js';
import { authorize, principalUserId, type CallContext } from '../../lib/principal.js';
import type { BreachDeps } from './breach.deps.js';
import {
  draftSections,
  missingContent,
  noticeContext,
  renderNotice,
  templateProblems,
  type NoticeContext,
} from './breach.notices.js';
import { regulatorReport } from './breach.reports.js';
import { versionOn } from './breach.rules.load.js';
import { triggerTime } from './breach.triggers.js';
import type { BreachService } from './breach.service.js';
import type { TemplateRow, TemplateStore } from './breach.templates.store.js';
import { BREACH_ACCESS } from './breach.access.js';

/**
 * Notice templates, one per rule and locale, versioned; a template that lacks an element its
 * rule requires, or does not compile, is refused when saved. Previews render one for an
 * incident's obligation and check its content again, against that obligation's version.
 */
export function createTemplateService(
  deps: BreachDeps & { templates: TemplateStore; service: BreachService },
) {
  const { templates, rules } = deps;

  function contentOf(ruleId: string): Obligation['content'] {
    const rule = rules.byId.get(ruleId);
    if (!rule) throw new NotFound('Breach rule', ruleId);
    const version =
      versionOn(rule, deps.clock.now().toISOString().slice(0, 10)) ?? rule.versions[0]!;
    return version.content.map((item) => ({
      id: item.id,
      label: item.label,
      heading: item.heading,
      when: item.when ?? null,
      citation: item.citation ?? null,
    }));
  }

  async function current(ruleId: string, locale: string): Promise<NoticeTemplate> {
    const content = contentOf(ruleId);
    const row = await templates.latest(ruleId, locale);
    if (row) return templateOf(row);
    const title = content.find((element) => element.id === 'title');
    return {
      ruleId,
      locale,
      version: 0,
      subject: title?.label ?? rules.byId.get(ruleId)!.duty,
      sections: draftSections(content),
      createdBy: null,
      createdAt: null,
    };
  }

  /** The obligation's current notice, rendered for a sample recipient, and what it lacks. */
  async function noticeFor(ctx: CallContext, incidentId: string, key: string, locale: string) {
    const { incident, report } = await deps.service.assess(ctx, incidentId);
    const obligation = report.obligations.find((o) => o.key === key);
    if (!obligation) throw new NotFound('Obligation', key);
    const template = await current(obligation.ruleId, locale);
    const context: NoticeContext = {
      ...noticeContext({
        config: deps.config,
        incident,
        obligation,
        today: deps.clock.now().toISOString().slice(0, 10),
        locale,
      }),
      recipient: SAMPLE_RECIPIENT,
    };
    const rendered = renderNotice(template.subject, template.sections, context);
    const missing = missingContent(
      rendered.subject,
      rendered.sections,
      obligation.content,
      obligation.late,
    );
    return { incident, obligation, rendered, missing };
  }

  return {
    async get(ctx: CallContext, ruleId: string, locale: string) {
      authorize(ctx, BREACH_ACCESS.read);
      return current(ruleId, locale);
    },

    async versions(ctx: CallContext, ruleId: string, locale: string) {
      authorize(ctx, BREACH_ACCESS.read);
      contentOf(ruleId);
      return (await templates.versions(ruleId, locale)).map(templateOf);
    },

    async save(ctx: CallContext, ruleId: string, input: NoticeTemplateInput) {
      const principal = authorize(ctx, BREACH_ACCESS.write);
      const content = contentOf(ruleId);
      const problems = templateProblems(input.subject, input.sections);
      if (problems.length)
        throw new ValidationError(`${problems[0]!.field}: ${problems[0]!.message}`, problems);
      input.sections.forEach((section, i) => {
        if (section.covers && !content.some((element) => element.id === section.covers))
          throw ValidationError.forField(
            `sections.${i}.covers`,
            `${ruleId} requires no element '${section.covers}'`,
          );
      });
      // A notice sent late owes more (GDPR's reasons for delay): a template must be ready for it.
      const missing = missingContent(input.subject, input.sections, content, true);
      if (missing.length)
        throw new ValidationError(
          `sections: the notice lacks what ${ruleId} requires: ${missing
            .map((m) => `"${m.label}"${m.citation ? ` (${m.citation})` : ''}`)
            .join('; ')}`,
          missing.map((m) => ({
            field: 'sections',
            message: `missing ${m.heading ? 'the heading ' : ''}"${m.label}"${m.citation ? ` (${m.citation})` : ''}`,
          })),
        );
      return deps.db.kysely.transaction().execute(async (trx) => {
        const row = await templates.append(
          {
            rule_id: ruleId,
            locale: input.locale,
            subject: input.subject,
            sections: JSON.stringify(input.sections),
            created_by: principalUserId(principal),
            created_at: deps.clock.now().toISOString(),
          },
          trx,
        );
        await deps.audit.record(
          ctx,
          {
            action: 'breach.template.saved',
            objectType: 'breach_template',
            objectId: `${ruleId}/${input.locale}`,
            details: { version: row.version },
          },
          trx,
        );
        return templateOf(row);
      });
    },

    /** One obligation's notice for an incident, rendered for a sample recipient and checked. */
    async preview(ctx: CallContext, incidentId: string, key: string, locale: string) {
      const { rendered, missing } = await noticeFor(ctx, incidentId, key, locale);
      return {
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        check: { ok: missing.length === 0, missing },
      };
    },

    /** A printable report to an authority, pre-filled from the incident and the obligation. */
    async report(ctx: CallContext, incidentId: string, key: string, locale: string) {
      const { incident, obligation, rendered, missing } = await noticeFor(
        ctx,
        incidentId,
        key,
        locale,
      );
      const triggers: Record<string, string | null> = {};
      for (const name of ['aware', 'discovered', 'exposure_from', 'exposure_to'])
        triggers[name] = triggerTime(incident, name);
      return regulatorReport({
        shop: {
          name: deps.config.shopName,
          contactEmail: deps.config.shopContactEmail ?? deps.config.mailFrom,
        },
        incident,
        obligation,
        notice: rendered,
        missing,
        generatedAt: deps.clock.now().toISOString(),
        triggers,
      });
    },
  };
}

/** Who a preview or a test letter is addressed to: nobody real. */
export const SAMPLE_RECIPIENT = {
  name: 'Alex Example',
  email: 'alex@example.com',
  dataInvolved: 'Email address, Order history',
};

export function templateOf(row: TemplateRow): NoticeTemplate {
  return noticeTemplate.parse({
    ruleId: row.rule_id,
    locale: row.locale,
    version: Number(row.version),
    subject: row.subject,
    sections: JSON.parse(row.sections) as unknown,
    createdBy: row.created_by,
    createdAt: row.created_at,
  });
}
