import { Group, MultiSelect, Select } from '@mantine/core';
import type { ChoiceTarget } from './conditionTargets.js';
import type { DraftQuestion } from './draft.js';
import { choiceData, unique } from './labels.js';

const short = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}…` : text);

/**
 * "Show only if": an earlier choice question and the answers that reveal this one. Only
 * earlier questions are offered, because the portal decides visibility in one pass in order.
 */
export function ConditionEditor({
  name,
  question,
  earlier,
  errorAt,
  onChange,
}: {
  name: string;
  question: DraftQuestion;
  /** The choice questions before this one. */
  earlier: readonly ChoiceTarget[];
  errorAt: (field: string) => string | undefined;
  onChange: (showIf: DraftQuestion['showIf']) => void;
}) {
  const showIf = question.showIf;
  // First question per key: a repeated key is an error the contract reports, not a choice.
  const candidates = new Map<string, ChoiceTarget>();
  for (const q of earlier) if (q.key && !candidates.has(q.key)) candidates.set(q.key, q);
  const data = [...candidates.values()].map((q) => ({
    value: q.key,
    label: `${q.key}: ${short(q.text || 'no text yet')}`,
  }));
  if (showIf && !candidates.has(showIf.question))
    data.push({
      value: showIf.question,
      label: `${showIf.question} (not an earlier choice question)`,
    });
  const target = showIf && candidates.get(showIf.question);

  return (
    <Group align="flex-start" grow>
      <Select
        label="Show only if"
        aria-label={`${name} show only if question`}
        description={
          data.length === 0
            ? 'Only an earlier choice question can hide this one; there is none yet.'
            : 'Leave empty to always show this question.'
        }
        placeholder="Always shown"
        data={data}
        value={showIf?.question ?? null}
        clearable
        disabled={data.length === 0}
        onChange={(key) => onChange(key ? { question: key, anyOf: [] } : null)}
        error={errorAt('showIf.question') ?? errorAt('showIf')}
      />
      {showIf && (
        <MultiSelect
          label="…is answered with any of"
          aria-label={`${name} show only if answers`}
          data={choiceData(target ?? { type: 'single_choice', options: [] }, showIf.anyOf)}
          value={unique(showIf.anyOf)}
          placeholder={showIf.anyOf.length ? undefined : 'Pick one or more answers'}
          onChange={(anyOf) => onChange({ ...showIf, anyOf })}
          error={errorAt('showIf.anyOf')}
        />
      )}
    </Group>
  );
}
