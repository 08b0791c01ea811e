import { ActionIcon, Button, Group, Input, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { inSentence } from './labels.js';
import { freshKey, newUid, removeAt, replaceAt, type DraftOption } from './draft.js';

/** The answers a choice question offers: a stable key (what is stored) and the label shown. */
export function OptionsEditor({
  name,
  options,
  error,
  errorAt,
  onChange,
}: {
  name: string;
  options: DraftOption[];
  error: string | undefined;
  errorAt: (k: number, field: 'key' | 'label') => string | undefined;
  /** `removed` is the key of a deleted option, so answers that named it can forget it. */
  onChange: (options: DraftOption[], removed?: string) => void;
}) {
  const update = (k: number, change: Partial<DraftOption>) =>
    onChange(replaceAt(options, k, (option) => ({ ...option, ...change })));
  const add = () =>
    onChange([
      ...options,
      {
        uid: newUid(),
        key: freshKey(
          'option',
          options.map((o) => o.key),
        ),
        label: '',
      },
    ]);

  return (
    <Input.Wrapper
      label="Options"
      description="The key is stored with each answer and must not change once the questionnaire is in use; the label is what vendors see."
      error={error}
    >
      <Stack gap="xs" mt={6}>
        {options.map((option, k) => (
          <Group key={option.uid} gap="xs" align="flex-start" wrap="nowrap">
            <Text size="sm" c="dimmed" w={20} mt={6} aria-hidden>
              {k + 1}.
            </Text>
            <TextInput
              aria-label={`${name} option ${k + 1} key`}
              placeholder="key"
              value={option.key}
              onChange={(event) => update(k, { key: event.currentTarget.value })}
              error={errorAt(k, 'key')}
              w={180}
            />
            <TextInput
              aria-label={`${name} option ${k + 1} label`}
              placeholder="Label shown to the vendor"
              value={option.label}
              onChange={(event) => update(k, { label: event.currentTarget.value })}
              error={errorAt(k, 'label')}
              style={{ flex: 1 }}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              mt={4}
              aria-label={`Remove ${inSentence(name)} option ${k + 1}`}
              onClick={() => onChange(removeAt(options, k), option.key)}
            >
              <IconTrash size={16} aria-hidden />
            </ActionIcon>
          </Group>
        ))}
        <Group>
          <Button
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={add}
            aria-label={`Add option to ${inSentence(name)}`}
          >
            Add option
          </Button>
        </Group>
      </Stack>
    </Input.Wrapper>
  );
}
