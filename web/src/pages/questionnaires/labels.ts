import { ANSWER_TYPES, type AnswerType } from '@contracts/questionnaires.js';
import { options } from '../vendors/labels.js';
import type { DraftExpectation, ExpectationKind } from './draft.js';

export const answerTypeLabels: Record<AnswerType, string> = {
  yes_no_na: 'Yes / No / N.a.',
  single_choice: 'Single choice',
  multi_choice: 'Multiple choice',
  text: 'Text',
  number: 'Number',
  date: 'Date',
  file: 'File evidence',
};
export const answerTypeOptions = options(ANSWER_TYPES, (type) => answerTypeLabels[type]);

export const expectationLabels: Record<ExpectationKind, string> = {
  one_of: 'One of these answers',
  includes_all: 'All of these options ticked',
  at_most: 'At most a number',
  at_least: 'At least a number',
  not_past: 'A date not in the past',
  provided: 'Any answer given',
};

export const yesNoLabels: Record<string, string> = { yes: 'Yes', no: 'No', na: 'N.a.' };

/** The label a choice key is answered with: Yes/No/N.a., or the option's own label. */
export function choiceLabel(
  question: { type: AnswerType; options: readonly { key: string; label: string }[] },
  key: string,
): string {
  if (question.type === 'yes_no_na') return yesNoLabels[key] ?? key;
  return question.options.find((option) => option.key === key)?.label || key;
}

export const questionCount = (n: number) => (n === 1 ? '1 question' : `${n} questions`);

/** "Section 1, question 3": how labels and issue messages both name a question. */
export const questionName = (si: number, qi: number) => `Section ${si + 1}, question ${qi + 1}`;

/** The same name in the middle of a sentence: "Move section 1, question 3 up". */
export const inSentence = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

/** One line saying what a good answer is, for the read-only outline. */
export function describeExpectation(
  question: { type: AnswerType; options: readonly { key: string; label: string }[] },
  expected: DraftExpectation | null,
): string {
  if (!expected) return 'Not scored: no expected answer';
  switch (expected.kind) {
    case 'one_of':
      return `Expected: ${expected.values.map((v) => choiceLabel(question, v)).join(' or ')}`;
    case 'includes_all':
      return `Expected: all of ${expected.values.map((v) => choiceLabel(question, v)).join(', ')}`;
    case 'at_most':
      return `Expected: at most ${expected.value}`;
    case 'at_least':
      return `Expected: at least ${expected.value}`;
    case 'not_past':
      return 'Expected: a date that has not passed';
    case 'provided':
      return 'Expected: an answer is given';
  }
}

/**
 * Select data for a choice question's answers. Keys being typed may be empty or repeated,
 * and the combobox refuses duplicate values, so each key appears once.
 */
export function choiceData(
  question: { type: AnswerType; options: readonly { key: string; label: string }[] },
  picked: readonly string[] = [],
): { value: string; label: string }[] {
  const keys =
    question.type === 'yes_no_na' ? ['yes', 'no', 'na'] : question.options.map((o) => o.key);
  const valid = new Set(keys.filter(Boolean));
  const data = [...valid].map((key) => ({
    value: key,
    label:
      question.type === 'yes_no_na'
        ? choiceLabel(question, key)
        : `${choiceLabel(question, key)} (${key})`,
  }));
  // A picked key whose option was renamed away stays visible, so it can be seen and removed.
  for (const key of new Set(picked))
    if (!valid.has(key)) data.push({ value: key, label: `${key} (not an option)` });
  return data;
}

/** The same list without repeats; the combobox refuses them. */
export const unique = (values: readonly string[]) => [...new Set(values)];
