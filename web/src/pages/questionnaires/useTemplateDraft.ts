import { useCallback, useMemo, useState } from 'react';
import {
  blankQuestion,
  blankSection,
  freshKey,
  fromDefinition,
  moveBy,
  newUid,
  questionKeys,
  removeAt,
  replaceAt,
  toDefinition,
  type Draft,
  type DraftQuestion,
  type DraftSection,
  type StoredDefinition,
} from './draft.js';

type Change<T> = Partial<T> | ((current: T) => T);
const apply = <T>(current: T, change: Change<T>): T =>
  typeof change === 'function' ? change(current) : { ...current, ...change };

/**
 * The editor's state. Every update is immutable and goes through setDraft's callback form,
 * so quick successive edits never work on a stale copy. `dirty` compares with the last
 * loaded or saved definition rather than tracking edits, so undoing by hand counts as clean.
 */
export function useTemplateDraft(initial: StoredDefinition) {
  const [draft, setDraft] = useState<Draft>(() => fromDefinition(initial));
  const [baseline, setBaseline] = useState(() => JSON.stringify(toDefinition(draft)));

  const definition = useMemo(() => toDefinition(draft), [draft]);
  const dirty = JSON.stringify(definition) !== baseline;

  const setMeta = useCallback(
    (change: Partial<Pick<Draft, 'name' | 'description'>>) =>
      setDraft((current) => ({ ...current, ...change })),
    [],
  );

  const updateSection = useCallback(
    (si: number, change: Change<DraftSection>) =>
      setDraft((current) => ({
        ...current,
        sections: replaceAt(current.sections, si, (section) => apply(section, change)),
      })),
    [],
  );

  const updateQuestion = useCallback(
    (si: number, qi: number, change: Change<DraftQuestion>) =>
      updateSection(si, (section) => ({
        ...section,
        questions: replaceAt(section.questions, qi, (question) => apply(question, change)),
      })),
    [updateSection],
  );

  /** Returns the new section's uid, so the caller can move focus into it. */
  const addSection = useCallback(() => {
    const uid = newUid();
    setDraft((current) => {
      const key = freshKey(
        'section',
        current.sections.map((s) => s.key),
      );
      const section = { ...blankSection(key, freshKey('question', questionKeys(current))), uid };
      return { ...current, sections: [...current.sections, section] };
    });
    return uid;
  }, []);

  const removeSection = useCallback(
    (si: number) =>
      setDraft((current) => ({ ...current, sections: removeAt(current.sections, si) })),
    [],
  );

  const moveSection = useCallback(
    (si: number, delta: number) =>
      setDraft((current) => ({ ...current, sections: moveBy(current.sections, si, delta) })),
    [],
  );

  /** Returns the new question's uid, so the caller can move focus into it. */
  const addQuestion = useCallback((si: number) => {
    const uid = newUid();
    setDraft((current) => {
      const question = { ...blankQuestion(freshKey('question', questionKeys(current))), uid };
      return {
        ...current,
        sections: replaceAt(current.sections, si, (section) => ({
          ...section,
          questions: [...section.questions, question],
        })),
      };
    });
    return uid;
  }, []);

  const removeQuestion = useCallback(
    (si: number, qi: number) =>
      updateSection(si, (section) => ({ ...section, questions: removeAt(section.questions, qi) })),
    [updateSection],
  );

  const moveQuestion = useCallback(
    (si: number, qi: number, delta: number) =>
      updateSection(si, (section) => ({
        ...section,
        questions: moveBy(section.questions, qi, delta),
      })),
    [updateSection],
  );

  /** Starts again from a definition: a reload, or JSON applied by hand. */
  const replace = useCallback((next: StoredDefinition, asBaseline = false) => {
    const fresh = fromDefinition(next);
    setDraft(fresh);
    if (asBaseline) setBaseline(JSON.stringify(toDefinition(fresh)));
  }, []);

  /** After a save, with what was sent: edits typed while it was on its way stay unsaved. */
  const markSaved = useCallback(
    (sent: ReturnType<typeof toDefinition>) => setBaseline(JSON.stringify(sent)),
    [],
  );

  // One stable object, so memoised question editors skip re-rendering while others are edited.
  const actions = useMemo(
    () => ({
      setMeta,
      updateSection,
      updateQuestion,
      addSection,
      removeSection,
      moveSection,
      addQuestion,
      removeQuestion,
      moveQuestion,
    }),
    [
      setMeta,
      updateSection,
      updateQuestion,
      addSection,
      removeSection,
      moveSection,
      addQuestion,
      removeQuestion,
      moveQuestion,
    ],
  );

  return { draft, definition, dirty, actions, replace, markSaved };
}

export type TemplateDraft = ReturnType<typeof useTemplateDraft>;
export type DraftActions = TemplateDraft['actions'];
