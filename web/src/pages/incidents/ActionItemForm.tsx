import { Button, Group, Stack, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { z } from 'zod';
import { taskInput } from '@contracts/incidents.js';
import { useAddTask, type TaskInput } from '../../api/incidents.js';
import { FormError } from '../../components/FormError.js';
import { useZodForm } from '../../hooks/useZodForm.js';
import { localDateTimeToIso, localTimeZone } from '../../lib/format.js';
import { asRecord, nullable } from '../vendors/formValues.js';
import { AssigneeSelect } from './AssigneeSelect.js';

const actionItemForm = z.preprocess((raw): TaskInput => {
  const v = asRecord(raw);
  const assigneeId = nullable(v.assigneeId);
  const dueAt = nullable(v.dueAt);
  return {
    title: v.title ?? '',
    ...(assigneeId ? { assigneeId } : {}),
    // An unreadable time goes through as typed, so the contract names it.
    ...(dueAt ? { dueAt: localDateTimeToIso(dueAt) ?? dueAt } : {}),
    actionItem: true,
  };
}, taskInput);

const empty = { title: '', assigneeId: '', dueAt: '' };

/** Adds a follow-up from the review: what, who (the owner or a member), and by when. */
export function ActionItemForm({
  incidentId,
  people,
}: {
  incidentId: string;
  people: ReadonlyMap<string, string>;
}) {
  const form = useZodForm(actionItemForm, empty);
  const add = useAddTask(incidentId);

  function submit(input: TaskInput) {
    add.mutate(input, {
      onSuccess: (task) => {
        notifications.show({ color: 'teal', message: `Action item "${task.title}" added.` });
        form.reset();
      },
      onError: (error) => form.applyError(error),
    });
  }

  return (
    <form onSubmit={form.submitWith(submit)} noValidate aria-labelledby="add-action-item-heading">
      <Stack gap="sm">
        <Title order={3} size="h5" id="add-action-item-heading">
          Add an action item
        </Title>
        <FormError message={form.formError} title="The action item was not added" />
        <Group align="flex-start" gap="sm" wrap="wrap">
          <TextInput
            label="Title"
            required
            maxLength={200}
            miw={280}
            style={{ flex: 1 }}
            {...form.field('title')}
          />
          <AssigneeSelect
            people={people}
            value={form.values.assigneeId}
            onChange={(userId) => form.setValue('assigneeId', userId)}
            error={form.errors.assigneeId}
          />
          <TextInput
            label="Due at"
            description={`Your time zone (${localTimeZone()}); optional`}
            type="datetime-local"
            w={240}
            {...form.field('dueAt')}
          />
        </Group>
        <Group>
          <Button
            type="submit"
            variant="light"
            loading={add.isPending}
            leftSection={<IconPlus size={16} aria-hidden />}
          >
            Add action item
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
