import {
  Code,
  Divider,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { memo } from 'react';
import type { ChoiceTarget } from './conditionTargets.js';
import { ConditionEditor } from './ConditionEditor.js';
import { firstInputId, hasOptions, withType, type DraftQuestion } from './draft.js';
import { ExpectationEditor } from './ExpectationEditor.js';
import { FindingEditor } from './FindingEditor.js';
import { answerTypeOptions, questionName } from './labels.js';
import { MoveButtons } from './MoveButtons.js';
import { OptionsEditor } from './OptionsEditor.js';
import type { DraftActions } from './useTemplateDraft.js';

/** Memoised: a template may hold hundreds of questions, and typing touches only one. */
export const QuestionEditor = memo(function QuestionEditor({
  si,
  qi,
  count,
  question,
  earlier,
  errors,
  actions,
}: {
  si: number;
  qi: number;
  /** How many questions the section has, for the move buttons. */
  count: number;
  question: DraftQuestion;
  /** The choice questions before this one in the template, for "Show only if". */
  earlier: readonly ChoiceTarget[];
  /** Messages for this question, keyed by field path (`text`, `expected.kind`). */
  errors: Readonly<Record<string, string>>;
  actions: DraftActions;
}) {
  const name = questionName(si, qi);
  const errorAt = (field: string) => errors[field];
  const update = (change: Partial<DraftQuestion> | ((q: DraftQuestion) => DraftQuestion)) =>
    actions.updateQuestion(si, qi, change);

  return (
    <Paper withBorder radius="md" p="md" component="article" aria-label={name}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="xs">
            <Title order={3} size="h5">
              Question {qi + 1}
            </Title>
            {question.key && <Code>{question.key}</Code>}
          </Group>
          <MoveButtons
            name={name}
            index={qi}
            count={count}
            onMove={(delta) => actions.moveQuestion(si, qi, delta)}
            onRemove={() => actions.removeQuestion(si, qi)}
            removeHint={count === 1 ? 'A section needs at least one question' : undefined}
          />
        </Group>
        <TextInput
          label="Question text"
          id={firstInputId(question.uid)}
          aria-label={`${name} text`}
          required
          value={question.text}
          onChange={(event) => update({ text: event.currentTarget.value })}
          error={errorAt('text')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label="Key"
            aria-label={`${name} key`}
            description="Answers, conditions and findings refer to it; keep it once in use."
            required
            value={question.key}
            onChange={(event) => update({ key: event.currentTarget.value })}
            error={errorAt('key')}
          />
          <Select
            label="Answer type"
            aria-label={`${name} answer type`}
            data={answerTypeOptions}
            value={question.type}
            allowDeselect={false}
            onChange={(value) => value && update((q) => withType(q, value))}
            error={errorAt('type')}
          />
        </SimpleGrid>
        <Textarea
          label="Help"
          aria-label={`${name} help`}
          description="Optional guidance shown to the vendor under the question."
          autosize
          minRows={1}
          value={question.help}
          onChange={(event) => update({ help: event.currentTarget.value })}
          error={errorAt('help')}
        />
        {hasOptions(question.type) && (
          <OptionsEditor
            name={name}
            options={question.options}
            error={errorAt('options')}
            errorAt={(k, field) => errorAt(`options.${k}.${field}`)}
            onChange={(options, removed) =>
              update((q) => ({
                ...q,
                options,
                expected:
                  removed && q.expected && 'values' in q.expected
                    ? { ...q.expected, values: q.expected.values.filter((v) => v !== removed) }
                    : q.expected,
              }))
            }
          />
        )}
        <Group align="flex-start" gap="xl">
          <Switch
            label="Required"
            aria-label={`${name} required`}
            checked={question.required}
            onChange={(event) => update({ required: event.currentTarget.checked })}
            mt={28}
          />
          <NumberInput
            label="Weight"
            aria-label={`${name} weight`}
            description="0 to 10; 0 leaves it out of the score."
            min={0}
            max={10}
            step={1}
            allowDecimal={false}
            value={question.weight}
            onChange={(value) => update({ weight: value })}
            error={errorAt('weight')}
            w={200}
          />
        </Group>
        <Divider label="Scoring" labelPosition="left" />
        <ExpectationEditor
          name={name}
          question={question}
          errorAt={errorAt}
          onChange={(expected) =>
            update((q) => ({ ...q, expected, finding: expected ? q.finding : null }))
          }
        />
        <FindingEditor
          name={name}
          question={question}
          errorAt={errorAt}
          onChange={(finding) => update({ finding })}
        />
        <Divider label="Visibility" labelPosition="left" />
        <ConditionEditor
          name={name}
          question={question}
          earlier={earlier}
          errorAt={errorAt}
          onChange={(showIf) => update({ showIf })}
        />
      </Stack>
    </Paper>
  );
});
