import {
  Button,
  Group,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { z } from 'zod';
import { taskInput } from '@contracts/incidents.js';
import {
  useAddTask,
  type Incident,
  type Task,
  type TaskInput,
  type TriggerName,
} from '../../api/incidents.js';
import { FormError } from '../../components/FormError.js';
import { useZodForm } from '../../hooks/useZodForm.js';
import { localDateTimeToIso, localTimeZone } from '../../lib/format.js';
import { asRecord, list, listField, nullable, textareaField } from '../vendors/formValues.js';
import { AssigneeSelect } from './AssigneeSelect.js';
import { taskRoleOptions, triggerOptions } from './labels.js';

type DueMode = 'none' | 'fixed' | 'relative';
const MAX_HOURS = 24 * 366;

const dueModes: { value: DueMode; label: string }[] = [
  { value: 'none', label: 'No deadline' },
  { value: 'fixed', label: 'At a fixed time' },
  { value: 'relative', label: 'After a trigger time' },
];

// The hours field is called `due`, so the server's issues about `due.hours` land on it.
const taskForm = z.preprocess((raw): TaskInput => {
  const v = asRecord(raw);
  const role = nullable(v.role);
  const assigneeId = nullable(v.assigneeId);
  const dueAt = nullable(v.dueAt);
  return {
    title: v.title ?? '',
    description: v.description ?? '',
    ...(role ? { role: role as NonNullable<Task['role']> } : {}),
    ...(assigneeId ? { assigneeId } : {}),
    // An unreadable time goes through as typed, so the contract names it.
    ...(v.dueMode === 'fixed' && dueAt ? { dueAt: localDateTimeToIso(dueAt) ?? dueAt } : {}),
    ...(v.dueMode === 'relative'
      ? { due: { from: v.dueFrom as TriggerName, hours: Number(v.due) } }
      : {}),
    checklist: list(v.checklist),
  };
}, taskInput);

const empty = {
  title: '',
  description: '',
  role: '',
  assigneeId: '',
  dueMode: 'none',
  dueAt: '',
  due: '',
  dueFrom: 'detected',
  checklist: '',
};

/** Adds a task by hand: for a role or a person, with a fixed deadline or one after a trigger. */
export function TaskForm({
  incident,
  people,
}: {
  incident: Incident;
  people: ReadonlyMap<string, string>;
}) {
  const form = useZodForm(taskForm, empty);
  const add = useAddTask(incident.id);
  const dueMode = form.values.dueMode as DueMode;

  function submit(input: TaskInput) {
    add.mutate(input, {
      onSuccess: (task) => {
        notifications.show({ color: 'teal', message: `Task "${task.title}" added.` });
        form.reset();
      },
      onError: (error) => form.applyError(error),
    });
  }

  /** What the contract cannot say in words people read: the chosen deadline is filled in. */
  function checkDue(values: typeof empty) {
    if (dueMode === 'fixed' && !values.dueAt.trim()) return { dueAt: 'is required' };
    if (dueMode !== 'relative') return {};
    const hours = Number(values.due);
    if (!values.due.trim() || !Number.isInteger(hours) || hours < 0 || hours > MAX_HOURS)
      return { due: `must be a whole number of hours, 0 to ${MAX_HOURS}` };
    return {};
  }

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="add-task-heading">
      <Title order={3} size="h4" mb="sm" id="add-task-heading">
        Add a task
      </Title>
      <form
        onSubmit={form.submitWith(submit, checkDue)}
        noValidate
        aria-labelledby="add-task-heading"
      >
        <Stack gap="sm">
          <FormError message={form.formError} title="The task was not added" />
          <TextInput label="Title" required maxLength={200} {...form.field('title')} />
          <Textarea
            label="Description"
            autosize
            minRows={2}
            maxLength={5000}
            {...textareaField(form, 'description')}
          />
          <Group align="flex-start" gap="sm" wrap="wrap">
            <Select
              label="Role"
              name="role"
              description="Who should take it"
              placeholder="Any role"
              data={taskRoleOptions}
              value={form.values.role || null}
              onChange={(value) => form.setValue('role', value ?? '')}
              error={form.errors.role}
              clearable
              w={220}
            />
            <AssigneeSelect
              people={people}
              value={form.values.assigneeId}
              onChange={(userId) => form.setValue('assigneeId', userId)}
              error={form.errors.assigneeId}
            />
          </Group>
          <Stack gap={4}>
            <Text size="sm" fw={500} id="task-due-label">
              Due
            </Text>
            <SegmentedControl
              aria-labelledby="task-due-label"
              data={dueModes}
              value={dueMode}
              onChange={(value) => form.setValue('dueMode', value)}
              w="fit-content"
            />
          </Stack>
          {dueMode === 'fixed' && (
            <TextInput
              label="Due at"
              description={`Your time zone (${localTimeZone()})`}
              type="datetime-local"
              required
              w={240}
              {...form.field('dueAt')}
            />
          )}
          {dueMode === 'relative' && (
            <Group align="flex-start" gap="sm" wrap="wrap">
              <TextInput
                label="Hours"
                description="How long after the trigger time"
                type="number"
                min={0}
                max={MAX_HOURS}
                step={1}
                required
                w={160}
                {...form.field('due')}
              />
              <Select
                label="After"
                name="dueFrom"
                description="Moves when that time is set or corrected"
                data={triggerOptions}
                allowDeselect={false}
                value={form.values.dueFrom}
                onChange={(value) => value && form.setValue('dueFrom', value)}
                error={form.errors.dueFrom}
                w={260}
              />
            </Group>
          )}
          <TagsInput
            label="Checklist"
            description="Optional steps; press Enter after each"
            maxTags={50}
            {...listField(form, 'checklist')}
          />
          <Group>
            <Button
              type="submit"
              loading={add.isPending}
              leftSection={<IconPlus size={16} aria-hidden />}
            >
              Add task
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
