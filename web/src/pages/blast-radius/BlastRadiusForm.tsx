import { Button, Group, Paper, Radio, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { IconTargetArrow } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import {
  draftFromSearch,
  targetTypes,
  validateDraft,
  type BlastRadiusDraft,
  type BlastRadiusSearch,
  type DraftErrors,
} from './blast-radius-search.js';
import { TargetSelect } from './TargetSelect.js';

/** Target and window; it follows the URL, so a shared link opens with its form filled in. */
export function BlastRadiusForm({
  search,
  computing,
  onCompute,
}: {
  search: BlastRadiusSearch;
  computing: boolean;
  onCompute: (draft: BlastRadiusDraft) => void;
}) {
  const searchKey = JSON.stringify(search);
  const [syncedKey, setSyncedKey] = useState(searchKey);
  const [draft, setDraft] = useState(() => draftFromSearch(search));
  const [errors, setErrors] = useState<DraftErrors>({});
  // Adjusting state while rendering (not in an effect) keeps the form and URL in step at once.
  if (syncedKey !== searchKey) {
    setSyncedKey(searchKey);
    setDraft(draftFromSearch(search));
    setErrors({});
  }

  function update(patch: Partial<BlastRadiusDraft>) {
    setDraft((current) => ({ ...current, ...patch }));
    setErrors((current) => {
      const next = { ...current };
      for (const key of Object.keys(patch)) delete next[key as keyof BlastRadiusDraft];
      return next;
    });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const found = validateDraft(draft);
    setErrors(found);
    if (Object.keys(found).length === 0) onCompute(draft);
  }

  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      component="form"
      onSubmit={submit}
      noValidate
      aria-label="Blast radius query"
    >
      <Stack gap="sm">
        <Radio.Group
          label="Target type"
          value={draft.targetType}
          onChange={(value) => update({ targetType: value, targetId: '' })}
        >
          <Group gap="lg" mt={6}>
            {targetTypes.map((type) => (
              <Radio key={type.value} value={type.value} label={type.label} />
            ))}
          </Group>
        </Radio.Group>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TargetSelect
            targetType={draft.targetType}
            value={draft.targetId}
            onChange={(targetId) => update({ targetId })}
            error={errors.targetId}
          />
          <TextInput
            label="From date"
            description="From the start of this day (UTC)"
            type="date"
            value={draft.fromDay}
            onChange={(event) => update({ fromDay: event.currentTarget.value })}
            error={errors.fromDay}
            required
          />
          <TextInput
            label="To date"
            description="To the end of this day (UTC)"
            type="date"
            value={draft.toDay}
            onChange={(event) => update({ toDay: event.currentTarget.value })}
            error={errors.toDay}
            required
          />
        </SimpleGrid>
        <Group>
          <Button
            type="submit"
            loading={computing}
            leftSection={<IconTargetArrow size={16} aria-hidden />}
          >
            Compute blast radius
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
