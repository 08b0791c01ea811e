import { useRef } from 'react';
import { CHOICE_TYPES, type DraftQuestion, type DraftSection } from './draft.js';

/** What "Show only if" needs to know about an earlier choice question. */
export type ChoiceTarget = Pick<DraftQuestion, 'key' | 'text' | 'type' | 'options'>;

const same = (a: readonly ChoiceTarget[], b: readonly ChoiceTarget[]) =>
  a.length === b.length &&
  a.every(
    (t, i) =>
      t.key === b[i]?.key &&
      t.text === b[i]?.text &&
      t.type === b[i]?.type &&
      t.options === b[i]?.options,
  );

/**
 * For each question (by uid), the choice questions before it. A list that did not change
 * keeps its identity from the last render, so a memoised question editor is only re-rendered
 * when the questions its condition can point at really changed.
 */
export function useConditionTargets(sections: readonly DraftSection[]) {
  const previous = useRef(new Map<string, readonly ChoiceTarget[]>());
  const next = new Map<string, readonly ChoiceTarget[]>();
  let running: readonly ChoiceTarget[] = [];
  for (const section of sections)
    for (const question of section.questions) {
      const before = previous.current.get(question.uid);
      next.set(question.uid, before && same(before, running) ? before : running);
      if (CHOICE_TYPES.includes(question.type)) {
        const { key, text, type, options } = question;
        running = [...running, { key, text, type, options }];
      }
    }
  previous.current = next;
  return next;
}
