import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { isApiError } from '../../api/client.js';
import { portalKey, saveAnswers, type AnswerValue } from '../../api/portal.js';
import { issuesByQuestion, type AnswerPatch, type Answers } from './answers.js';

const SAVE_DELAY_MS = 800;

export type SaveState =
  { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'failed'; message: string };

const INVALID_MESSAGE = 'Some answers are not saved: see the messages under those questions.';

function without(record: Record<string, string>, key: string): Record<string, string> {
  if (!(key in record)) return record;
  const next = { ...record };
  delete next[key];
  return next;
}

/**
 * The vendor's answers, kept locally and saved as a patch of changed keys after a pause in
 * typing. Local state stays the source of truth while editing: the server trims text, and
 * echoing that back would eat the space the vendor just typed.
 */
export function usePortalAnswers(token: string, initial: Answers, locked: boolean) {
  const queryClient = useQueryClient();
  const [answers, setAnswers] = useState<Answers>(initial);
  const [issues, setIssues] = useState<Record<string, string>>({});
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'idle' });
  const pending = useRef(new Map<string, AnswerValue | null>());
  const invalid = useRef(new Set<string>());
  const lastSaveFailed = useRef(false);
  const inFlight = useRef<Promise<unknown> | null>(null);
  const timer = useRef<number | undefined>(undefined);

  /** One request; a refused patch puts its good answers back in the queue. */
  const send = useCallback(
    async (patch: AnswerPatch): Promise<'saved' | 'refused' | 'failed'> => {
      try {
        const view = await saveAnswers(token, patch);
        queryClient.setQueryData(portalKey(token), view);
        for (const key of Object.keys(patch)) invalid.current.delete(key);
        lastSaveFailed.current = false;
        if (invalid.current.size > 0) setSaveState({ kind: 'failed', message: INVALID_MESSAGE });
        else if (pending.current.size === 0) setSaveState({ kind: 'saved' });
        return 'saved';
      } catch (error) {
        lastSaveFailed.current = true;
        const rejected = isApiError(error, 'VALIDATION') ? issuesByQuestion(error.issues) : {};
        for (const [key, value] of Object.entries(patch))
          if (!pending.current.has(key) && !(key in rejected)) pending.current.set(key, value);
        if (Object.keys(rejected).length > 0) {
          for (const key of Object.keys(rejected)) invalid.current.add(key);
          setIssues((current) => ({ ...current, ...rejected }));
          setSaveState({ kind: 'failed', message: INVALID_MESSAGE });
          return 'refused';
        }
        const reason = isApiError(error) ? error.message : 'Please try again.';
        setSaveState({ kind: 'failed', message: `Changes not saved. ${reason}` });
        // Locked, withdrawn or expired meanwhile: re-reading the view shows the vendor which.
        if (isApiError(error) && [404, 409, 410].includes(error.status))
          void queryClient.invalidateQueries({ queryKey: portalKey(token) });
        return 'failed';
      }
    },
    [queryClient, token],
  );

  /** Saves whatever is waiting now; true when every answer on screen is stored. */
  const flush = useCallback(async (): Promise<boolean> => {
    window.clearTimeout(timer.current);
    while (inFlight.current) await inFlight.current;
    if (pending.current.size === 0) return !lastSaveFailed.current && invalid.current.size === 0;
    const patch: AnswerPatch = Object.fromEntries(pending.current);
    pending.current = new Map();
    setSaveState({ kind: 'saving' });
    const run = send(patch).finally(() => {
      inFlight.current = null;
    });
    inFlight.current = run;
    const outcome = await run;
    // The server saves all or nothing, so the good answers of a refused patch go again now.
    if (outcome === 'refused' && pending.current.size > 0) return flush();
    return outcome === 'saved' && invalid.current.size === 0;
  }, [send]);

  const setAnswer = useCallback(
    (key: string, value: AnswerValue | null) => {
      setAnswers((current) => {
        const next = { ...current };
        if (value === null) delete next[key];
        else next[key] = value;
        return next;
      });
      pending.current.set(key, value);
      invalid.current.delete(key);
      setIssues((current) => without(current, key));
      setSaveState({ kind: 'saving' });
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => void flush(), SAVE_DELAY_MS);
    },
    [flush],
  );

  const clearIssue = useCallback(
    (key: string) => setIssues((current) => without(current, key)),
    [],
  );
  const showIssues = useCallback(
    (found: Record<string, string>) => setIssues((current) => ({ ...current, ...found })),
    [],
  );

  // Nothing can be saved into locked answers, so leaving them loses nothing.
  const unsaved = !locked && (saveState.kind === 'saving' || saveState.kind === 'failed');
  useEffect(() => {
    // A phone switching apps may never come back to this tab: save before it goes.
    const saveWhenHidden = () => {
      if (document.visibilityState === 'hidden') void flush();
    };
    const warnBeforeLeaving = (event: BeforeUnloadEvent) => {
      if (unsaved) event.preventDefault();
    };
    document.addEventListener('visibilitychange', saveWhenHidden);
    window.addEventListener('beforeunload', warnBeforeLeaving);
    return () => {
      document.removeEventListener('visibilitychange', saveWhenHidden);
      window.removeEventListener('beforeunload', warnBeforeLeaving);
    };
  }, [flush, unsaved]);

  useEffect(() => () => window.clearTimeout(timer.current), []);

  return { answers, setAnswer, issues, clearIssue, showIssues, saveState, flush };
}
