import { Button, Checkbox, Group, Modal, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { dataCategoryInput, LEGAL_FLAGS, SENSITIVITIES } from '@contracts/datamap.js';
import {
  createDataCategory,
  datamapKeys,
  updateDataCategory,
  type DataCategory,
} from '../../api/datamap.js';
import { FormError } from '../../components/FormError.js';
import { useZodForm } from '../../hooks/useZodForm.js';
import { legalFlagInfo, type LegalFlag } from './legal-flags.js';

const sensitivityOptions = SENSITIVITIES.map((value) => ({ value, label: value }));

/** Adds a category, or edits one (`category` given); a key never changes once created. */
export function CategoryFormModal({
  opened,
  category,
  onClose,
}: {
  opened: boolean;
  category: DataCategory | null;
  onClose: () => void;
}) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={category ? `Edit ${category.name}` : 'Add a data category'}
      size="lg"
      centered
    >
      <CategoryForm key={category?.key ?? 'new'} category={category} onDone={onClose} />
    </Modal>
  );
}

function CategoryForm({ category, onDone }: { category: DataCategory | null; onDone: () => void }) {
  const queryClient = useQueryClient();
  const [initial] = useState(() => ({
    key: category?.key ?? '',
    name: category?.name ?? '',
    description: category?.description ?? '',
    sensitivity: category?.sensitivity ?? 'moderate',
  }));
  const form = useZodForm(dataCategoryInput, initial);
  const [flags, setFlags] = useState<LegalFlag[]>(category?.legalFlags ?? ['personal_data']);
  const mutation = useMutation({
    mutationFn: (input: ReturnType<typeof dataCategoryInput.parse>) => {
      const { key, ...rest } = { ...input, legalFlags: flags };
      return category
        ? updateDataCategory(category.key, rest)
        : createDataCategory({ key, ...rest });
    },
    onSuccess: async (saved) => {
      notifications.show({
        color: 'teal',
        message: category ? `${saved.name} saved.` : `${saved.name} added to the catalogue.`,
      });
      await queryClient.invalidateQueries({ queryKey: datamapKeys.categories });
      onDone();
    },
    onError: (error) => form.applyError(error),
  });

  return (
    <form onSubmit={form.submitWith((input) => mutation.mutate(input))} noValidate>
      <Stack>
        <FormError message={form.formError} title="Not saved" />
        <TextInput label="Name" required data-autofocus {...form.field('name')} />
        <TextInput
          label="Key"
          description={
            category
              ? 'The key is fixed: integrations and the sharing ledger refer to it.'
              : 'Lower-case letters, digits and underscores, e.g. loyalty_points. It cannot change later.'
          }
          required
          disabled={category !== null}
          autoComplete="off"
          {...form.field('key')}
        />
        <Textarea
          label="Description"
          autosize
          minRows={2}
          {...form.field('description')}
          onChange={(event) => form.setValue('description', event.currentTarget.value)}
        />
        <Select
          label="Sensitivity"
          data={sensitivityOptions}
          allowDeselect={false}
          value={form.values.sensitivity}
          onChange={(value) => value && form.setValue('sensitivity', value)}
          error={form.errors.sensitivity}
          description="How much harm its exposure does; it feeds vendor risk scores."
        />
        <Checkbox.Group
          label="Legal flags"
          description="The breach-notification rules match on these."
          value={flags}
          onChange={setFlags}
        >
          <Stack gap={8} mt="xs">
            {LEGAL_FLAGS.map((flag) => (
              <Checkbox
                key={flag}
                value={flag}
                label={legalFlagInfo[flag].label}
                description={legalFlagInfo[flag].explanation}
              />
            ))}
          </Stack>
        </Checkbox.Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone} disabled={mutation.isPending}>
            Cancel
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {category ? 'Save category' : 'Create category'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
