import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { z } from 'zod';
import { text } from '@contracts/common.js';
import { questionKey } from '@contracts/questionnaires.js';
import { createTemplate, templateKeys } from '../../api/assessments.js';
import { FormError } from '../../components/FormError.js';
import { useZodForm } from '../../hooks/useZodForm.js';
import { starterDefinition } from './starterDefinition.js';

const newTemplateForm = z.object({ key: questionKey, name: text(200) });
const initialValues = { key: '', name: '' };

export function NewTemplateModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="New questionnaire" centered>
      {opened && <NewTemplateForm onDone={onClose} />}
    </Modal>
  );
}

function NewTemplateForm({ onDone }: { onDone: () => void }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const form = useZodForm(newTemplateForm, initialValues);
  const mutation = useMutation({
    mutationFn: ({ key, name }: z.infer<typeof newTemplateForm>) =>
      createTemplate({ key, level: null, definition: starterDefinition(name) }),
    onSuccess: async (created) => {
      notifications.show({ color: 'teal', message: `${created.name} was created.` });
      await queryClient.invalidateQueries({ queryKey: templateKeys.all });
      onDone();
      await navigate({ to: '/questionnaires/$templateId', params: { templateId: created.id } });
    },
    onError: (error) => form.applyError(error),
  });

  return (
    <form onSubmit={form.submitWith((input) => mutation.mutate(input))} noValidate>
      <Stack>
        <FormError message={form.formError} title="Could not create the questionnaire" />
        <TextInput label="Name" required data-autofocus {...form.field('name')} />
        <TextInput
          label="Key"
          description="A stable identifier, lower case: a–z, 0–9 and _, e.g. payments_review. It cannot be changed later."
          required
          {...form.field('key')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone} disabled={mutation.isPending}>
            Cancel
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            Create and edit
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
