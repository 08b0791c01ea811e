import { z } from 'zod';
import { id, isoInstant, longText, text } from './common.js';

/**
 * Questionnaire templates: sections of questions, each with an answer type, a weight, what a
 * good answer is, and the finding to raise when an answer falls short. Shared by the API, the
 * template editor and the vendor portal, so all three agree on what a template may say.
 */

export const ANSWER_TYPES = [
  'yes_no_na',
  'single_choice',
  'multi_choice',
  'text',
  'number',
  'date',
  'file',
] as const;
export type AnswerType = (typeof ANSWER_TYPES)[number];

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export const severity = z.enum(SEVERITIES);
export type Severity = z.infer<typeof severity>;

/** Stable keys: answers, conditions and findings refer to questions by them across versions. */
export const questionKey = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,63}$/, 'must be a lower-case key such as mfa_admin (a–z, 0–9, _)');

const choiceOption = z.strictObject({ key: questionKey, label: text(300) });

/** What a good answer is. Which kinds fit which answer type is checked on the whole template. */
export const expectation = z.discriminatedUnion('kind', [
  /** yes_no_na or single_choice: the answer is one of these ("yes", or option keys). */
  z.strictObject({ kind: z.literal('one_of'), values: z.array(questionKey).min(1).max(50) }),
  /** multi_choice: every one of these options is ticked. */
  z.strictObject({ kind: z.literal('includes_all'), values: z.array(questionKey).min(1).max(50) }),
  z.strictObject({ kind: z.literal('at_most'), value: z.number().finite() }),
  z.strictObject({ kind: z.literal('at_least'), value: z.number().finite() }),
  /** date: on or after the day the answers are judged (a certificate still valid). */
  z.strictObject({ kind: z.literal('not_past') }),
  /** text or file: anything at all was given. */
  z.strictObject({ kind: z.literal('provided') }),
]);
export type Expectation = z.infer<typeof expectation>;

/** Shown only when an earlier choice question's answer is (or, for multi_choice, includes) one of these. */
export const condition = z.strictObject({
  question: questionKey,
  anyOf: z.array(questionKey).min(1).max(50),
});
export type Condition = z.infer<typeof condition>;

export const findingRule = z.strictObject({
  title: text(200),
  severity,
  remediation: longText(2000).default(''),
});
export type FindingRule = z.infer<typeof findingRule>;

export const question = z.strictObject({
  key: questionKey,
  text: text(1000),
  help: longText(2000).default(''),
  type: z.enum(ANSWER_TYPES),
  options: z.array(choiceOption).max(50).default([]),
  required: z.boolean().default(true),
  /** 0 leaves the question out of the control score (asked for information only). */
  weight: z.number().int().min(0).max(10).default(1),
  expected: expectation.nullable().default(null),
  finding: findingRule.nullable().default(null),
  showIf: condition.nullable().default(null),
});
export type Question = z.infer<typeof question>;

export const section = z.strictObject({
  key: questionKey,
  title: text(200),
  description: longText(2000).default(''),
  questions: z.array(question).min(1).max(200),
});
export type Section = z.infer<typeof section>;

const CHOICE_TYPES = new Set<AnswerType>(['yes_no_na', 'single_choice', 'multi_choice']);
const YES_NO_NA = ['yes', 'no', 'na'];

/** The keys a choice question can be answered with. */
export function choicesOf(q: Pick<Question, 'type' | 'options'>): string[] {
  return q.type === 'yes_no_na' ? YES_NO_NA : q.options.map((option) => option.key);
}

const EXPECTATIONS_BY_TYPE: Record<AnswerType, Expectation['kind'][]> = {
  yes_no_na: ['one_of'],
  single_choice: ['one_of'],
  multi_choice: ['includes_all'],
  text: ['provided'],
  number: ['at_most', 'at_least'],
  date: ['not_past'],
  file: ['provided'],
};

/** Checks that need the whole template: unique keys, options, conditions that point backwards. */
function checkTemplate(sections: Section[], ctx: z.RefinementCtx): void {
  const seen = new Map<string, Question>();
  const sectionKeys = new Set<string>();
  sections.forEach((s, si) => {
    if (sectionKeys.has(s.key))
      ctx.addIssue({ code: 'custom', path: ['sections', si, 'key'], message: 'is used twice' });
    sectionKeys.add(s.key);
    s.questions.forEach((q, qi) => {
      const at = (...rest: (string | number)[]) => ['sections', si, 'questions', qi, ...rest];
      const issue = (path: (string | number)[], message: string) =>
        ctx.addIssue({ code: 'custom', path, message });
      if (seen.has(q.key)) issue(at('key'), `'${q.key}' is used by another question`);
      const isChoice = q.type === 'single_choice' || q.type === 'multi_choice';
      if (isChoice && q.options.length < 2) issue(at('options'), 'needs at least two options');
      if (!isChoice && q.options.length > 0) issue(at('options'), `is only for choice questions`);
      if (new Set(q.options.map((o) => o.key)).size !== q.options.length)
        issue(at('options'), 'option keys must be unique');
      if (q.expected) {
        if (!EXPECTATIONS_BY_TYPE[q.type].includes(q.expected.kind))
          issue(at('expected', 'kind'), `'${q.expected.kind}' does not fit a ${q.type} question`);
        else if ('values' in q.expected) {
          const valid = choicesOf(q);
          for (const value of q.expected.values)
            if (!valid.includes(value))
              issue(at('expected', 'values'), `'${value}' is not an option`);
        }
      }
      if (q.finding && !q.expected)
        issue(at('finding'), 'needs an expected answer to tell when the answer falls short');
      if (q.showIf) {
        const target = seen.get(q.showIf.question);
        if (!target)
          issue(at('showIf', 'question'), `'${q.showIf.question}' is not an earlier question`);
        else if (!CHOICE_TYPES.has(target.type))
          issue(at('showIf', 'question'), `'${target.key}' is not a choice question`);
        else
          for (const value of q.showIf.anyOf)
            if (!choicesOf(target).includes(value))
              issue(at('showIf', 'anyOf'), `'${value}' is not an option of '${target.key}'`);
      }
      seen.set(q.key, q);
    });
  });
}

export const templateDefinition = z
  .strictObject({
    name: text(200),
    description: longText(2000).default(''),
    sections: z.array(section).min(1).max(50),
  })
  .superRefine((value, ctx) => checkTemplate(value.sections, ctx));
export type TemplateDefinition = z.infer<typeof templateDefinition>;

/**
 * The same shape for responses: plain types, no transforms or cross-checks (responses are
 * serialised through these, and a stored definition was checked when it was written).
 */
const storedQuestion = z.object({
  key: z.string(),
  text: z.string(),
  help: z.string(),
  type: z.enum(ANSWER_TYPES),
  options: z.array(z.object({ key: z.string(), label: z.string() })),
  required: z.boolean(),
  weight: z.number(),
  expected: z
    .union([
      z.object({ kind: z.enum(['one_of', 'includes_all']), values: z.array(z.string()) }),
      z.object({ kind: z.enum(['at_most', 'at_least']), value: z.number() }),
      z.object({ kind: z.enum(['not_past', 'provided']) }),
    ])
    .nullable(),
  finding: z.object({ title: z.string(), severity, remediation: z.string() }).nullable(),
  showIf: z.object({ question: z.string(), anyOf: z.array(z.string()) }).nullable(),
});
export const storedDefinition = z.object({
  name: z.string(),
  description: z.string(),
  sections: z.array(
    z.object({
      key: z.string(),
      title: z.string(),
      description: z.string(),
      questions: z.array(storedQuestion),
    }),
  ),
});

export const TEMPLATE_LEVELS = ['lite', 'full'] as const;

export const templateSummary = z.object({
  id,
  key: z.string(),
  name: z.string(),
  description: z.string(),
  level: z.enum(TEMPLATE_LEVELS).nullable(),
  builtIn: z.boolean(),
  version: z.number().int(),
  questionCount: z.number().int(),
  updatedAt: isoInstant,
});
export type TemplateSummary = z.infer<typeof templateSummary>;

export const template = templateSummary.extend({ definition: storedDefinition });
export type Template = z.infer<typeof template>;

export const templateInput = z.strictObject({
  key: questionKey,
  level: z.enum(TEMPLATE_LEVELS).nullable().default(null),
  definition: templateDefinition,
});
export type TemplateInput = z.infer<typeof templateInput>;

/** The portable form: what export writes and import reads. */
export const templateExport = z.strictObject({
  format: z.literal('cordon.questionnaire/1'),
  key: questionKey,
  level: z.enum(TEMPLATE_LEVELS).nullable().default(null),
  version: z.number().int().min(1).optional(),
  definition: templateDefinition,
});
export const templateExportOutput = z.object({
  format: z.literal('cordon.questionnaire/1'),
  key: z.string(),
  level: z.enum(TEMPLATE_LEVELS).nullable(),
  version: z.number().int(),
  definition: storedDefinition,
});
export type TemplateExport = z.infer<typeof templateExport>;

export const templateVersionParams = z.strictObject({
  id,
  version: z.coerce.number().int().min(1).max(100_000),
});

/** The part of a definition that decides visibility: stored and submitted shapes both fit. */
interface Outline<Q extends { key: string; showIf: Condition | null }> {
  sections: readonly { key: string; questions: readonly Q[] }[];
}

/** Every question in template order, with the key of its section. */
export function* questionsOf<Q extends { key: string; showIf: Condition | null }>(
  definition: Outline<Q>,
) {
  for (const section of definition.sections)
    for (const question of section.questions) yield { section: section.key, question };
}

/**
 * Which questions show, given the answers so far. Conditions only point at earlier questions
 * (the template contract checks it), so one pass in order settles every chain.
 */
export function visibleQuestions(
  definition: Outline<{ key: string; showIf: Condition | null }>,
  answers: Readonly<Record<string, string | number | string[]>>,
): Set<string> {
  const visible = new Set<string>();
  for (const { question } of questionsOf(definition)) {
    const condition = question.showIf;
    if (condition) {
      if (!visible.has(condition.question)) continue;
      const answer = answers[condition.question];
      const picked = Array.isArray(answer) ? answer : answer === undefined ? [] : [String(answer)];
      if (!picked.some((value) => condition.anyOf.includes(value))) continue;
    }
    visible.add(question.key);
  }
  return visible;
}
