import {
  choicesOf,
  questionsOf,
  visibleQuestions,
  type Expectation,
  type Question,
  type Severity,
  type TemplateDefinition,
} from '../../contracts/questionnaires.js';
import { longText } from '../../contracts/common.js';

/** An answer as stored: a choice key, several keys, free text, a number or a YYYY-MM-DD date. */
export type AnswerValue = string | number | string[];
export type Answers = Readonly<Record<string, AnswerValue>>;
export { questionsOf, visibleQuestions };

/**
 * How one visible question came out. `unanswered` scores as `short`: a vendor that leaves the
 * breach-notice question blank has not committed to one. `not_applicable` is a "n/a" answer,
 * left out of the score; `unscored` has no expectation or no weight.
 */
export type Outcome = 'met' | 'short' | 'unanswered' | 'not_applicable' | 'unscored';

export interface QuestionResult {
  key: string;
  section: string;
  outcome: Outcome;
  weight: number;
}

export interface AutoFinding {
  questionKey: string;
  title: string;
  severity: Severity;
  remediation: string;
}

export interface Evaluation {
  /** Visible questions only, in template order. */
  results: QuestionResult[];
  /** 0–100: the weighted share of scored questions met; null when nothing is scored. */
  score: number | null;
  findings: AutoFinding[];
  /** Required visible questions still without an answer (or, for files, without evidence). */
  missingRequired: string[];
}

export interface EvaluationContext {
  /** Question keys of file questions that have at least one piece of evidence. */
  evidence: ReadonlySet<string>;
  /** The day answers are judged on (YYYY-MM-DD), e.g. for certificate expiry: never "today". */
  asOf: string;
}

function isAnswered(question: Question, answers: Answers, context: EvaluationContext): boolean {
  if (question.type === 'file') return context.evidence.has(question.key);
  const value = answers[question.key];
  if (value === undefined) return false;
  return Array.isArray(value) ? question.type === 'multi_choice' : String(value).length > 0;
}

function meets(expected: Expectation, value: AnswerValue | undefined, asOf: string): boolean {
  switch (expected.kind) {
    case 'one_of':
      return typeof value === 'string' && expected.values.includes(value);
    case 'includes_all':
      return Array.isArray(value) && expected.values.every((key) => value.includes(key));
    case 'at_most':
      return typeof value === 'number' && value <= expected.value;
    case 'at_least':
      return typeof value === 'number' && value >= expected.value;
    case 'not_past':
      return typeof value === 'string' && value >= asOf;
    case 'provided':
      return true;
  }
}

function outcomeOf(question: Question, answers: Answers, context: EvaluationContext): Outcome {
  const answered = isAnswered(question, answers, context);
  if (answered && question.type === 'yes_no_na' && answers[question.key] === 'na')
    return 'not_applicable';
  if (!question.expected || question.weight === 0) return 'unscored';
  if (!answered) return 'unanswered';
  return meets(question.expected, answers[question.key], context.asOf) ? 'met' : 'short';
}

/** Scores answers against a template: outcomes, the control score and the findings to raise. */
export function evaluate(
  definition: TemplateDefinition,
  answers: Answers,
  context: EvaluationContext,
): Evaluation {
  const visible = visibleQuestions(definition, answers);
  const results: QuestionResult[] = [];
  const findings: AutoFinding[] = [];
  const missingRequired: string[] = [];
  let met = 0;
  let scored = 0;
  for (const { section, question } of questionsOf(definition)) {
    if (!visible.has(question.key)) continue;
    const outcome = outcomeOf(question, answers, context);
    results.push({ key: question.key, section, outcome, weight: question.weight });
    if (question.required && !isAnswered(question, answers, context))
      missingRequired.push(question.key);
    if (outcome === 'met' || outcome === 'short' || outcome === 'unanswered') {
      scored += question.weight;
      if (outcome === 'met') met += question.weight;
    }
    if ((outcome === 'short' || outcome === 'unanswered') && question.finding)
      findings.push({ questionKey: question.key, ...question.finding });
  }
  return {
    results,
    score: scored === 0 ? null : Math.round((100 * met) / scored),
    findings,
    missingRequired,
  };
}

/**
 * Checks one answer against its question and returns it normalised, or a message saying what
 * is wrong with it. File questions take no value: their answer is the evidence uploaded.
 */
export function checkAnswer(
  question: Question,
  value: unknown,
): { ok: true; value: AnswerValue } | { ok: false; message: string } {
  const fail = (message: string) => ({ ok: false as const, message });
  switch (question.type) {
    case 'yes_no_na':
    case 'single_choice': {
      const choices = choicesOf(question);
      return typeof value === 'string' && choices.includes(value)
        ? { ok: true, value }
        : fail(`must be one of ${choices.join(', ')}`);
    }
    case 'multi_choice': {
      const choices = choicesOf(question);
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || !choices.includes(v)))
        return fail(`must be a list of ${choices.join(', ')}`);
      return { ok: true, value: [...new Set(value as string[])] };
    }
    case 'text': {
      // The same rules as every other text from outside: no controls, bidi overrides or
      // broken UTF-16, NFC-normalised and trimmed.
      const checked = longText(10_000).safeParse(value);
      return checked.success
        ? { ok: true, value: checked.data }
        : fail(checked.error.issues[0]?.message ?? 'must be text');
    }
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) < 1e12
        ? { ok: true, value }
        : fail('must be a number');
    case 'date':
      return typeof value === 'string' &&
        /^\d{4}-\d{2}-\d{2}$/.test(value) &&
        !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
        new Date(`${value}T00:00:00Z`).toISOString().startsWith(value)
        ? { ok: true, value }
        : fail('must be a date (YYYY-MM-DD)');
    case 'file':
      return fail('is answered by uploading evidence, not with a value');
  }
}
