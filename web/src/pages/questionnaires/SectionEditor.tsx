import {
  Button,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import type { ChoiceTarget } from './conditionTargets.js';
import { firstInputId, type DraftSection } from './draft.js';
import { focusSoon } from './focusSoon.js';
import { errorsUnder } from './issues.js';
import { MoveButtons } from './MoveButtons.js';
import { QuestionEditor } from './QuestionEditor.js';
import type { DraftActions } from './useTemplateDraft.js';

const noTargets: readonly ChoiceTarget[] = [];

export function SectionEditor({
  si,
  count,
  section,
  targets,
  errors,
  actions,
}: {
  si: number;
  /** How many sections the template has, for the move buttons. */
  count: number;
  section: DraftSection;
  /** Per question uid, the earlier choice questions its condition may refer to. */
  targets: ReadonlyMap<string, readonly ChoiceTarget[]>;
  errors: Readonly<Record<string, string>>;
  actions: DraftActions;
}) {
  const name = `Section ${si + 1}`;
  const errorAt = (field: string) => errors[`sections.${si}.${field}`];
  const update = (change: Partial<DraftSection>) => actions.updateSection(si, change);

  return (
    <Paper withBorder radius="md" p="md" bg="var(--mantine-color-default-hover)">
      <Stack component="section" aria-label={name} gap="md">
        <Group justify="space-between" wrap="nowrap">
          <Title order={2} size="h4">
            {name}
            {section.title && `: ${section.title}`}
          </Title>
          <MoveButtons
            name={name}
            index={si}
            count={count}
            onMove={(delta) => actions.moveSection(si, delta)}
            onRemove={() => actions.removeSection(si)}
            removeHint={count === 1 ? 'A questionnaire needs at least one section' : undefined}
          />
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label="Title"
            id={firstInputId(section.uid)}
            aria-label={`${name} title`}
            required
            value={section.title}
            onChange={(event) => update({ title: event.currentTarget.value })}
            error={errorAt('title')}
          />
          <TextInput
            label="Key"
            aria-label={`${name} key`}
            required
            value={section.key}
            onChange={(event) => update({ key: event.currentTarget.value })}
            error={errorAt('key')}
          />
        </SimpleGrid>
        <Textarea
          label="Description"
          aria-label={`${name} description`}
          autosize
          minRows={1}
          value={section.description}
          onChange={(event) => update({ description: event.currentTarget.value })}
          error={errorAt('description')}
        />
        {errorAt('questions') && (
          <Text size="sm" c="red">
            Questions: {errorAt('questions')}
          </Text>
        )}
        {section.questions.map((question, qi) => (
          <QuestionEditor
            key={question.uid}
            si={si}
            qi={qi}
            count={section.questions.length}
            question={question}
            earlier={targets.get(question.uid) ?? noTargets}
            errors={errorsUnder(errors, `sections.${si}.questions.${qi}`)}
            actions={actions}
          />
        ))}
        <Group>
          <Button
            variant="light"
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => focusSoon(firstInputId(actions.addQuestion(si)))}
            aria-label={`Add question to section ${si + 1}`}
          >
            Add question
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
