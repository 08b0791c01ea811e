import type { AnswerValue, PortalEvidence, PortalView } from '../../api/portal.js';

export type PortalDefinition = PortalView['definition'];
export type PortalSection = PortalDefinition['sections'][number];
export type QuestionSpec = PortalSection['questions'][number];
export type PortalFinding = PortalView['findings'][number];
export type Answers = Record<string, AnswerValue>;
/** A patch for the server: null clears an answer. */
export type AnswerPatch = Record<string, AnswerValue | null>;

export const yesNoLabels: Record<string, string> = { yes: 'Yes', no: 'No', na: 'N/A' };

export const ACCEPTED_FILE_TYPES = 'PDF, PNG, JPEG, DOCX, XLSX or plain UTF-8 text';
export const MAX_FILE_BYTES = 25 * 1024 * 1024;

/** The same rule the server applies, so the progress bar agrees with what submit will check. */
export function isAnswered(
  question: QuestionSpec,
  value: AnswerValue | undefined,
  evidence: readonly PortalEvidence[],
): boolean {
  if (question.type === 'file') return evidence.some((item) => item.questionKey === question.key);
  if (value === undefined) return false;
  // The server trims text, so spaces alone would not count there either.
  return Array.isArray(value) ? question.type === 'multi_choice' : String(value).trim() !== '';
}

export function progressOf(
  definition: PortalDefinition,
  visible: ReadonlySet<string>,
  answers: Answers,
  evidence: readonly PortalEvidence[],
) {
  let total = 0;
  let answered = 0;
  for (const section of definition.sections)
    for (const question of section.questions) {
      if (!visible.has(question.key)) continue;
      total += 1;
      if (isAnswered(question, answers[question.key], evidence)) answered += 1;
    }
  return { answered, total };
}

/** Server issues name a field (`body.answers.mfa_admin`); this picks out the question keys. */
export function issuesByQuestion(
  issues: readonly { field: string; message: string }[],
): Record<string, string> {
  const found: Record<string, string> = {};
  for (const issue of issues) {
    const match = /^(?:body\.)?answers\.([a-z][a-z0-9_]*)$/.exec(issue.field);
    if (match?.[1] && !found[match[1]]) found[match[1]] = `This answer ${issue.message}`;
  }
  return found;
}

export const questionElementId = (key: string) => `question-${key}`;

/** Brings a question into view and puts the cursor in its first control. */
export function focusQuestion(key: string): void {
  const container = document.getElementById(questionElementId(key));
  if (!container) return;
  container.scrollIntoView({ behavior: 'smooth', block: 'center' });
  container
    .querySelector<HTMLElement>('input:not([type="hidden"]):not(:disabled), textarea, button')
    ?.focus({ preventScroll: true });
}
