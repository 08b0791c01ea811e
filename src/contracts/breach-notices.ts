import { z } from 'zod';
import { longText, text } from './common.js';

/**
 * Notice templates: one per rule and locale, versioned (every save is a new version). A
 * template is a subject and sections; each section may say which required content element of
 * the rule it covers. Bodies are Handlebars text over the variables in NOTICE_VARIABLES.
 */

export const locale = z
  .string()
  .regex(/^[a-z]{2}(?:-[A-Z]{2})?$/, 'must be a language tag such as en or de-DE');

export const noticeSection = z.strictObject({
  /** The rule's content element this section provides (`what_happened`), or null. */
  covers: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,59}$/, 'must be a content element id such as what_happened')
    .nullable()
    .default(null),
  heading: text(200, 0).default(''),
  body: longText(20_000),
});

export const noticeTemplateInput = z.strictObject({
  locale,
  subject: text(300),
  sections: z.array(noticeSection).min(1).max(40),
});
export type NoticeTemplateInput = z.output<typeof noticeTemplateInput>;

export const noticeTemplate = z.object({
  ruleId: z.string(),
  locale: z.string(),
  /** 0 for the starting draft Cordon offers before anyone saved one. */
  version: z.number().int(),
  subject: z.string(),
  sections: z.array(
    z.object({ covers: z.string().nullable(), heading: z.string(), body: z.string() }),
  ),
  createdBy: z.string().nullable(),
  createdAt: z.string().nullable(),
});
export type NoticeTemplate = z.infer<typeof noticeTemplate>;
export const noticeTemplateVersions = z.object({ items: z.array(noticeTemplate) });

export const templateParams = z.strictObject({
  ruleId: z
    .string()
    .regex(/^[a-z0-9]+(?:[.-][a-z0-9]+)*$/, 'must be a rule id such as us-ca.residents'),
});
export const templateQuery = z.strictObject({ locale: locale.default('en') });

/** What a notice must say and does not, each with where the law asks for it. */
export const contentCheck = z.object({
  ok: z.boolean(),
  missing: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      heading: z.boolean(),
      citation: z.string().nullable(),
    }),
  ),
});

export const noticePreview = z.object({
  subject: z.string(),
  text: z.string(),
  html: z.string(),
  check: contentCheck,
});
export const previewParams = z.strictObject({ id: z.uuid(), key: z.string().min(1).max(100) });

/** The variables a template may use; anything else is refused when it is saved. */
export const NOTICE_VARIABLES = [
  'shop.name',
  'shop.url',
  'shop.contactEmail',
  'incident.title',
  'incident.detectedAt',
  'incident.awareAt',
  'incident.exposureFrom',
  'incident.exposureTo',
  'obligation.duty',
  'obligation.jurisdiction',
  'obligation.recipient',
  'obligation.due',
  'obligation.affected',
  'recipient.name',
  'recipient.email',
  /** What of this person's data was exposed, in words ("Email address, Order history"). */
  'recipient.dataInvolved',
  'support.helpline',
  'support.creditMonitoringCode',
  'notice.date',
] as const;

/**
 * Whether a notice says one required element: a titled element needs a section with exactly
 * that heading (the notice's title may be in the subject); any other, a section that says it
 * covers the element. Either way the section must say something. The server refuses a save on
 * it and the editor ticks its checklist with it, so the two cannot disagree.
 */
export function contentMet(
  element: { id: string; label: string; heading: boolean },
  subject: string,
  sections: readonly { covers: string | null; heading: string; body: string }[],
): boolean {
  const said = sections.filter((section) => section.body.trim() !== '');
  if (element.heading)
    return (
      said.some((section) => section.heading.trim() === element.label) ||
      (element.id === 'title' && subject.includes(element.label))
    );
  return said.some((section) => section.covers === element.id);
}
