import type { DecisionOutcome } from '@contracts/assessments.js';
import type { AssessmentDetail } from '../../api/assessments.js';
import type { QuestionOutcome } from '../../components/AssessmentBadges.js';
import { formatDay } from '../vendors/labels.js';

export type StoredQuestion =
  AssessmentDetail['definition']['sections'][number]['questions'][number];
export type AnswerValue = AssessmentDetail['answers'][string];

const yesNoLabels: Record<string, string> = { yes: 'Yes', no: 'No', na: 'N/A' };

/** A choice key in the words the vendor saw; an unknown key (a renamed option) as it is. */
export function choiceLabel(question: StoredQuestion, key: string): string {
  if (question.type === 'yes_no_na') return yesNoLabels[key] ?? key;
  return question.options.find((option) => option.key === key)?.label ?? key;
}

function listOf(words: string[], joiner: string): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${joiner} ${words.at(-1)}`;
}

/** The vendor's answer as text; null when there is none (file questions show evidence instead). */
export function answerText(
  question: StoredQuestion,
  value: AnswerValue | undefined,
): string | null {
  if (value === undefined || value === '') return null;
  if (Array.isArray(value))
    return value.length ? value.map((key) => choiceLabel(question, key)).join(', ') : null;
  switch (question.type) {
    case 'yes_no_na':
    case 'single_choice':
      return choiceLabel(question, String(value));
    case 'date':
      return formatDay(String(value));
    default:
      return String(value);
  }
}

/** What a good answer is, in words, for reviewers and auditors alike. */
export function expectedText(question: StoredQuestion): string | null {
  const expected = question.expected;
  if (!expected) return null;
  switch (expected.kind) {
    case 'one_of':
      return `Expected: ${listOf(
        expected.values.map((key) => choiceLabel(question, key)),
        'or',
      )}`;
    case 'includes_all':
      return `Expected: all of ${listOf(
        expected.values.map((key) => choiceLabel(question, key)),
        'and',
      )}`;
    case 'at_most':
      return `Expected: at most ${expected.value}`;
    case 'at_least':
      return `Expected: at least ${expected.value}`;
    case 'not_past':
      return 'Expected: a date not in the past';
    case 'provided':
      return question.type === 'file' ? 'Expected: evidence provided' : 'Expected: provided';
  }
}

export const outcomeLabels: Record<QuestionOutcome, string> = {
  met: 'Met',
  short: 'Short',
  unanswered: 'Unanswered',
  not_applicable: 'N/A',
  unscored: 'Unscored',
};

/** Choices in the decision form, said as the reviewer would. */
export const decisionChoiceLabels: Record<DecisionOutcome, string> = {
  approve: 'Approve',
  approve_with_conditions: 'Approve with conditions',
  reject: 'Reject',
  risk_acceptance: 'Accept the risk',
};

/** The same outcomes in the trail, where they are already done. */
export const decisionTrailLabels: Record<DecisionOutcome, string> = {
  approve: 'Approved',
  approve_with_conditions: 'Approved with conditions',
  reject: 'Rejected',
  risk_acceptance: 'Risk accepted',
};

export const decisionColors: Record<DecisionOutcome, string> = {
  approve: 'teal',
  approve_with_conditions: 'cyan',
  reject: 'red',
  risk_acceptance: 'orange',
};

/** Statuses in which the vendor can still be asked (send, resend, cancel). */
export const isOpen = (status: AssessmentDetail['status']) =>
  status === 'draft' || status === 'sent' || status === 'overdue';

/** Statuses with answers to judge: findings and ordinary decisions follow submission. */
export const isReviewable = (status: AssessmentDetail['status']) =>
  status === 'submitted' || status === 'decided';
