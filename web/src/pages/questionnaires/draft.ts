import type { AnswerType } from '@contracts/questionnaires.js';
import type { Template } from '../../api/assessments.js';

/**
 * The editor's working copy of a template definition. It mirrors the stored shape, plus a
 * `uid` per section, question and option so React keeps each editor (and its focus) attached
 * to the same item when items move; keys cannot serve, people edit them. Numbers may be
 * strings while a field is half typed; the contract says so when saving.
 */
export type StoredDefinition = Template['definition'];
type StoredSection = StoredDefinition['sections'][number];
type StoredQuestion = StoredSection['questions'][number];

export interface DraftOption {
  uid: string;
  key: string;
  label: string;
}
export type DraftExpectation =
  | { kind: 'one_of' | 'includes_all'; values: string[] }
  | { kind: 'at_most' | 'at_least'; value: number | string }
  | { kind: 'not_past' | 'provided' };
export type ExpectationKind = DraftExpectation['kind'];

export interface DraftQuestion extends Omit<StoredQuestion, 'options' | 'weight' | 'expected'> {
  uid: string;
  options: DraftOption[];
  weight: number | string;
  expected: DraftExpectation | null;
}
export interface DraftSection extends Omit<StoredSection, 'questions'> {
  uid: string;
  questions: DraftQuestion[];
}
export interface Draft {
  name: string;
  description: string;
  sections: DraftSection[];
}

let counter = 0;
export const newUid = () => `draft-${++counter}`;

export const CHOICE_TYPES: readonly AnswerType[] = ['yes_no_na', 'single_choice', 'multi_choice'];
export const hasOptions = (type: AnswerType) => type === 'single_choice' || type === 'multi_choice';

/** Which expectations fit which answer type; the contract checks the same on save. */
export const EXPECTATION_KINDS: Record<AnswerType, ExpectationKind[]> = {
  yes_no_na: ['one_of'],
  single_choice: ['one_of'],
  multi_choice: ['includes_all'],
  text: ['provided'],
  number: ['at_most', 'at_least'],
  date: ['not_past'],
  file: ['provided'],
};

export function fromDefinition(definition: StoredDefinition): Draft {
  return {
    name: definition.name,
    description: definition.description,
    sections: definition.sections.map((section) => ({
      ...section,
      uid: newUid(),
      questions: section.questions.map((question) => ({
        ...question,
        uid: newUid(),
        options: question.options.map((option) => ({ ...option, uid: newUid() })),
      })),
    })),
  };
}

/** The definition as the API takes it: the draft without its uids. */
export function toDefinition(draft: Draft) {
  return {
    name: draft.name,
    description: draft.description,
    sections: draft.sections.map(({ uid: _uid, questions, ...section }) => ({
      ...section,
      questions: questions.map(({ uid: _q, options, ...question }) => ({
        ...question,
        options: options.map(({ uid: _o, ...option }) => option),
      })),
    })),
  };
}

/** The id of an editor's first input, so focus can move there when the item is added. */
export const firstInputId = (uid: string) => `${uid}-first`;

/** A key like `question_3` that no other item uses yet. */
export function freshKey(prefix: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  let n = 1;
  while (used.has(`${prefix}_${n}`)) n++;
  return `${prefix}_${n}`;
}

export const questionKeys = (draft: Draft) =>
  draft.sections.flatMap((section) => section.questions.map((question) => question.key));

export function blankQuestion(key: string): DraftQuestion {
  return {
    uid: newUid(),
    key,
    text: '',
    help: '',
    type: 'yes_no_na',
    options: [],
    required: true,
    weight: 1,
    expected: null,
    finding: null,
    showIf: null,
  };
}

export function blankSection(key: string, questionKey: string): DraftSection {
  return {
    uid: newUid(),
    key,
    title: '',
    description: '',
    questions: [blankQuestion(questionKey)],
  };
}

export const choiceKeys = (question: Pick<DraftQuestion, 'type' | 'options'>): string[] =>
  question.type === 'yes_no_na' ? ['yes', 'no', 'na'] : question.options.map((o) => o.key);

/**
 * A new answer type keeps what still fits: choice questions get two options to start from,
 * other types lose theirs (the contract refuses them), and an expectation that no longer fits
 * goes, with the finding that depended on it (rather than leave a draft that cannot save).
 */
export function withType(question: DraftQuestion, type: AnswerType): DraftQuestion {
  const options = hasOptions(type)
    ? hasOptions(question.type) && question.options.length > 0
      ? question.options
      : [
          { uid: newUid(), key: 'option_1', label: 'Option 1' },
          { uid: newUid(), key: 'option_2', label: 'Option 2' },
        ]
    : [];
  const next = { ...question, type, options };
  // Between single and multiple choice the picked answers carry over under the other kind.
  let expected = question.expected;
  if (expected && 'values' in expected) {
    const kind = EXPECTATION_KINDS[type].find((k) => k === 'one_of' || k === 'includes_all');
    if (kind) expected = { kind, values: expected.values };
  }
  const keeps =
    expected !== null &&
    EXPECTATION_KINDS[type].includes(expected.kind) &&
    (!('values' in expected) || expected.values.every((v) => choiceKeys(next).includes(v)));
  return keeps ? { ...next, expected } : { ...next, expected: null, finding: null };
}

export function replaceAt<T>(items: readonly T[], index: number, change: (item: T) => T): T[] {
  return items.map((item, i) => (i === index ? change(item) : item));
}

export function removeAt<T>(items: readonly T[], index: number): T[] {
  return items.filter((_, i) => i !== index);
}

export function moveBy<T>(items: readonly T[], index: number, delta: number): T[] {
  const target = index + delta;
  if (target < 0 || target >= items.length) return [...items];
  const next = [...items];
  const [moved] = next.splice(index, 1);
  if (moved !== undefined) next.splice(target, 0, moved);
  return next;
}
