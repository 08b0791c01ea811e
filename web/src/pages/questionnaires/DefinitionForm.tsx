import { Button, Group, Stack, Textarea, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useConditionTargets } from './conditionTargets.js';
import { firstInputId } from './draft.js';
import { focusSoon } from './focusSoon.js';
import { SectionEditor } from './SectionEditor.js';
import type { TemplateDraft } from './useTemplateDraft.js';

/** The form view of the whole definition: name, description, then each section in order. */
export function DefinitionForm({
  draft,
  errors,
}: {
  draft: TemplateDraft;
  errors: Record<string, string>;
}) {
  const { sections } = draft.draft;
  const { actions } = draft;
  const targets = useConditionTargets(sections);

  return (
    <Stack gap="lg">
      <Stack gap="sm">
        <TextInput
          label="Name"
          aria-label="Questionnaire name"
          required
          value={draft.draft.name}
          onChange={(event) => actions.setMeta({ name: event.currentTarget.value })}
          error={errors.name}
        />
        <Textarea
          label="Description"
          aria-label="Questionnaire description"
          description="Shown to vendors at the top of the questionnaire."
          autosize
          minRows={2}
          value={draft.draft.description}
          onChange={(event) => actions.setMeta({ description: event.currentTarget.value })}
          error={errors.description}
        />
      </Stack>
      {sections.map((section, si) => (
        <SectionEditor
          key={section.uid}
          si={si}
          count={sections.length}
          section={section}
          targets={targets}
          errors={errors}
          actions={actions}
        />
      ))}
      <Group>
        <Button
          variant="default"
          leftSection={<IconPlus size={16} aria-hidden />}
          onClick={() => focusSoon(firstInputId(actions.addSection()))}
        >
          Add section
        </Button>
      </Group>
    </Stack>
  );
}
