import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useMemo } from 'react';
import { z } from 'zod';
import { questionKey } from '@contracts/questionnaires.js';
import { copyTemplate, templateKeys } from '../../api/assessments.js';
import { FormError } from '../../components/FormError.js';
import { useZodForm } from '../../hooks/useZodForm.js';

const copyForm = z.object({ key: questionKey });

export interface CopySource {
  id: string;
  key: string;
  name: string;
}

/** Copies a template (typically a built-in one) under a new key, then opens the copy. */
export function CopyTemplateModal({
  source,
  onClose,
}: {
  source: CopySource | null;
  onClose: () => void;
}) {
  return (
    <Modal
      opened={source !== null}
      onClose={onClose}
      title={source ? `Copy ${source.name}` : 'Copy questionnaire'}
      centered
    >
      {source && <CopyForm source={source} onDone={onClose} />}
    </Modal>
  );
}

function CopyForm({ source, onDone }: { source: CopySource; onDone: () => void }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const initial = useMemo(() => ({ key: `${source.key.slice(0, 59)}_copy` }), [source.key]);
  const form = useZodForm(copyForm, initial);
  const mutation = useMutation({
    mutationFn: ({ key }: { key: string }) => copyTemplate(source.id, key),
    onSuccess: async (copy) => {
      notifications.show({ color: 'teal', message: `Copied as ${copy.key}; now edit your copy.` });
      await queryClient.invalidateQueries({ queryKey: templateKeys.all });
      onDone();
      await navigate({ to: '/questionnaires/$templateId', params: { templateId: copy.id } });
    },
    onError: (error) => form.applyError(error),
  });

  return (
    <form onSubmit={form.submitWith((input) => mutation.mutate(input))} noValidate>
      <Stack>
        <Text size="sm">
          The copy starts as the latest version of {source.name} and is yours to edit. Later Cordon
          releases do not change it.
        </Text>
        <FormError message={form.formError} title="Could not copy the questionnaire" />
        <TextInput
          label="Key of the copy"
          description="Lower case: a–z, 0–9 and _. It cannot be changed later."
          required
          data-autofocus
          {...form.field('key')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone} disabled={mutation.isPending}>
            Cancel
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            Copy and edit
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
