import { MultiSelect, NumberInput, Select, Stack, Text } from '@mantine/core';
import {
  EXPECTATION_KINDS,
  type DraftExpectation,
  type DraftQuestion,
  type ExpectationKind,
} from './draft.js';
import { choiceData, expectationLabels, unique } from './labels.js';

const NONE = 'none';

const explanations: Partial<Record<ExpectationKind, string>> = {
  not_past:
    'The date must be on or after the day the answers are judged, e.g. a certificate that is still valid.',
  provided: 'Any answer counts as good; only leaving it empty falls short.',
};

/** Starts a new kind of expectation, keeping a number when switching between the limits. */
function start(kind: ExpectationKind, current: DraftExpectation | null): DraftExpectation {
  if (kind === 'one_of' || kind === 'includes_all') return { kind, values: [] };
  if (kind === 'at_most' || kind === 'at_least')
    return { kind, value: current && 'value' in current ? current.value : 0 };
  return { kind };
}

/** What a good answer is: the kinds on offer depend on the answer type. */
export function ExpectationEditor({
  name,
  question,
  errorAt,
  onChange,
}: {
  name: string;
  question: DraftQuestion;
  errorAt: (field: string) => string | undefined;
  onChange: (expected: DraftExpectation | null) => void;
}) {
  const expected = question.expected;
  const kinds = EXPECTATION_KINDS[question.type];
  const data = [
    { value: NONE, label: 'None: not scored, asked for information' },
    ...kinds.map((kind) => ({ value: kind, label: expectationLabels[kind] })),
  ];
  // An expectation left from an earlier answer type stays visible until it is changed.
  if (expected && !kinds.includes(expected.kind))
    data.push({
      value: expected.kind,
      label: `${expectationLabels[expected.kind]} (does not fit)`,
    });

  return (
    <Stack gap="xs">
      <Select
        label="Expected answer"
        aria-label={`${name} expected answer`}
        description="What a good answer is. Answers that fall short lower the control score."
        data={data}
        value={expected?.kind ?? NONE}
        allowDeselect={false}
        onChange={(value) =>
          onChange(!value || value === NONE ? null : start(value as ExpectationKind, expected))
        }
        error={errorAt('expected.kind') ?? errorAt('expected')}
      />
      {expected && 'values' in expected && (
        <MultiSelect
          label={expected.kind === 'one_of' ? 'Good answers' : 'Options that must all be ticked'}
          aria-label={`${name} expected answers`}
          data={choiceData(question, expected.values)}
          value={unique(expected.values)}
          onChange={(values) => onChange({ ...expected, values })}
          placeholder={expected.values.length ? undefined : 'Pick one or more'}
          error={errorAt('expected.values')}
        />
      )}
      {expected && 'value' in expected && (
        <NumberInput
          label={expected.kind === 'at_most' ? 'At most' : 'At least'}
          aria-label={`${name} expected limit`}
          value={expected.value}
          onChange={(value) => onChange({ ...expected, value })}
          error={errorAt('expected.value')}
          w={200}
        />
      )}
      {expected && explanations[expected.kind] && (
        <Text size="sm" c="dimmed">
          {explanations[expected.kind]}
        </Text>
      )}
    </Stack>
  );
}
