import type { z } from 'zod';
import { ApiError } from '../../api/client.js';

/** One thing wrong with a template, located in words ("Section 1, question 3") and by path. */
export interface TemplateIssue {
  /** Dotted path inside the definition, e.g. `sections.0.questions.2.expected.kind`. */
  path: string;
  where: string;
  field: string;
  message: string;
}

const questionFields: Record<string, string> = {
  key: 'key',
  text: 'text',
  help: 'help text',
  type: 'answer type',
  options: 'options',
  required: 'required',
  weight: 'weight',
  expected: 'expected answer',
  'expected.kind': 'expected answer',
  'expected.values': 'expected answers',
  'expected.value': 'expected limit',
  finding: 'finding',
  'finding.title': 'finding title',
  'finding.severity': 'finding severity',
  'finding.remediation': 'finding remediation',
  showIf: 'condition',
  'showIf.question': '"Show only if" question',
  'showIf.anyOf': '"Show only if" answers',
};

function locate(path: readonly (string | number)[]): { where: string; field: string } {
  const [top, si, sub, qi, ...rest] = path.map(String);
  if (top !== 'sections' || si === undefined) return { where: 'Questionnaire', field: top ?? '' };
  const section = `Section ${Number(si) + 1}`;
  if (sub !== 'questions' || qi === undefined) return { where: section, field: sub ?? '' };
  const where = `${section}, question ${Number(qi) + 1}`;
  if (rest[0] === 'options' && rest[1] !== undefined)
    return { where, field: `option ${Number(rest[1]) + 1} ${rest[2] ?? ''}`.trim() };
  const field = rest.join('.');
  return { where, field: questionFields[field] ?? rest.join(' ') };
}

const rewrites: [RegExp, (...groups: string[]) => string][] = [
  [/^Too small: expected string to have >=1 characters?$/, () => 'is required'],
  [/^Too small: expected string to have >=(\d+) characters$/, (n) => `needs ${n} characters`],
  [/^Too big: expected string to have <=(\d+) characters$/, (n) => `is too long (at most ${n})`],
  [/^Too small: expected array to have >=1 items?$/, () => 'needs at least one'],
  [/^Too small: expected array to have >=(\d+) items$/, (n) => `needs at least ${n}`],
  [/^Too big: expected array to have <=(\d+) items$/, (n) => `may have at most ${n}`],
  [/^Too small: expected number to be >=?(\S+)$/, (n) => `must be at least ${n}`],
  [/^Too big: expected number to be <=?(\S+)$/, (n) => `must be at most ${n}`],
  [/^Invalid input: expected int/, () => 'must be a whole number'],
  [/^Invalid input: expected \w+, received undefined$/, () => 'is missing'],
  [/^Invalid input: expected number/, () => 'must be a number'],
  [/^Invalid discriminator value/, () => 'is not a kind Cordon knows'],
  [/^Invalid option: expected one of (.*)$/, (values) => `must be one of ${values}`],
  [/^Unrecognized keys?: (.*)$/, (keys) => `has fields Cordon does not know: ${keys}`],
];

/** Zod's default messages are written for developers; these read better next to a field. */
export function plainMessage(message: string): string {
  for (const [pattern, rewrite] of rewrites) {
    const match = pattern.exec(message);
    if (match) return rewrite(...match.slice(1));
  }
  return message;
}

function toIssue(path: readonly (string | number)[], message: string): TemplateIssue {
  return { path: path.join('.'), ...locate(path), message: plainMessage(message) };
}

export function clientIssues(error: z.ZodError): TemplateIssue[] {
  return error.issues.map((issue) =>
    toIssue(
      issue.path.filter((part): part is string | number => typeof part !== 'symbol'),
      issue.message,
    ),
  );
}

/**
 * The server names fields from the request body (`body.definition.sections.0.key`, or
 * `body.key` for an import document); those inside the definition are located like ours.
 */
export function serverIssues(error: unknown): TemplateIssue[] {
  if (!(error instanceof ApiError)) return [];
  return error.issues.map((issue) => {
    const path = issue.field
      .replace(/^body\.?/, '')
      .split('.')
      .filter(Boolean);
    if (path[0] === 'definition') return toIssue(path.slice(1), issue.message);
    return { path: '', where: 'Document', field: path.join('.'), message: issue.message };
  });
}

export const describeIssue = (issue: TemplateIssue) =>
  `${issue.where}: ${issue.field ? `${issue.field} ` : ''}${issue.message}`;

/** The first message per path, for showing beside the input it belongs to. */
export function issuesByPath(issues: readonly TemplateIssue[]): Record<string, string> {
  const byPath: Record<string, string> = {};
  for (const issue of issues) byPath[issue.path] ??= issue.message;
  return byPath;
}

const none: Readonly<Record<string, string>> = Object.freeze({});

/**
 * The messages under one prefix, keyed by the rest of their path. With none, always the same
 * empty object, so an editor without problems is not re-rendered for another's.
 */
export function errorsUnder(
  errors: Readonly<Record<string, string>>,
  prefix: string,
): Readonly<Record<string, string>> {
  let found: Record<string, string> | null = null;
  for (const [path, message] of Object.entries(errors))
    if (path.startsWith(`${prefix}.`)) (found ??= {})[path.slice(prefix.length + 1)] = message;
  return found ?? none;
}
