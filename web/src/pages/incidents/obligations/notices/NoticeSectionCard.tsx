import { ActionIcon, Group, Paper, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconTrash } from '@tabler/icons-react';
import type { ContentElement, DraftSection, SectionErrors } from './noticeDraft.js';

/** The Select's value for "covers nothing": no element id can be empty. */
const NONE = '';

/** A saved section may cover an element the rule's version in force no longer has. */
function coversOptions(content: readonly ContentElement[], covers: string | null) {
  const options = [
    { value: NONE, label: 'None' },
    ...content.map((element) => ({ value: element.id, label: element.label })),
  ];
  if (covers && !content.some((element) => element.id === covers))
    options.push({ value: covers, label: `${covers} (not in this rule)` });
  return options;
}

/**
 * One section of the template: its heading, the element it covers, its body, and buttons to
 * move or remove it. The body is monospace because it is Handlebars source, not the letter.
 */
export function NoticeSectionCard({
  index,
  count,
  section,
  content,
  errors,
  onChange,
  onMove,
  onRemove,
  bodyRef,
  onBodyFocus,
}: {
  index: number;
  count: number;
  section: DraftSection;
  content: readonly ContentElement[];
  errors: SectionErrors | undefined;
  onChange: (patch: Partial<Omit<DraftSection, 'id'>>) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
  bodyRef: (element: HTMLTextAreaElement | null) => void;
  onBodyFocus: () => void;
}) {
  const titleId = `${section.id}-title`;
  const name = `Section ${index + 1}`;

  return (
    <Paper component="li" withBorder radius="md" p="sm" aria-labelledby={titleId}>
      <Stack gap="xs">
        <Group justify="space-between" gap="xs" wrap="nowrap">
          <Text size="sm" fw={600} id={titleId}>
            {name}
            {section.heading.trim() && `: ${section.heading.trim()}`}
          </Text>
          <Group gap={4} wrap="nowrap">
            <ActionIcon
              variant="subtle"
              aria-label={`Move ${name.toLowerCase()} up`}
              disabled={index === 0}
              onClick={() => onMove(-1)}
            >
              <IconArrowUp size={16} aria-hidden />
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              aria-label={`Move ${name.toLowerCase()} down`}
              disabled={index === count - 1}
              onClick={() => onMove(1)}
            >
              <IconArrowDown size={16} aria-hidden />
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={`Remove ${name.toLowerCase()}`}
              // A template needs at least one section.
              disabled={count === 1}
              onClick={onRemove}
            >
              <IconTrash size={16} aria-hidden />
            </ActionIcon>
          </Group>
        </Group>
        <Group align="flex-start" gap="sm" grow wrap="wrap">
          <TextInput
            label="Heading"
            description="Empty for none; a titled element needs its heading word for word"
            maxLength={200}
            miw={220}
            value={section.heading}
            onChange={(event) => onChange({ heading: event.currentTarget.value })}
            error={errors?.heading}
          />
          <Select
            label="Covers"
            description="The required element this section provides"
            data={coversOptions(content, section.covers)}
            allowDeselect={false}
            miw={220}
            value={section.covers ?? NONE}
            onChange={(value) => onChange({ covers: value ? value : null })}
            error={errors?.covers}
          />
        </Group>
        <Textarea
          label="Body"
          description="Handlebars text; blank lines make paragraphs"
          required
          autosize
          minRows={3}
          maxRows={16}
          maxLength={20_000}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          ref={bodyRef}
          value={section.body}
          onChange={(event) => onChange({ body: event.currentTarget.value })}
          onFocus={onBodyFocus}
          error={errors?.body}
        />
      </Stack>
    </Paper>
  );
}
