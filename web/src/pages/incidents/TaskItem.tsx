import { Badge, Button, Checkbox, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowBackUp, IconCheck, IconPlayerSkipForward } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { ApiError } from '../../api/client.js';
import { useUpdateTask, type Task } from '../../api/incidents.js';
import { LocalTime } from '../../components/LocalTime.js';
import { ItemCard, ItemCardHeader } from './ItemCard.js';
import { formatHours, taskRoleLabels, taskStatusLabels, triggerLabels } from './labels.js';

type Status = Task['status'];

const statusColors: Record<Status, string> = { open: 'blue', done: 'teal', skipped: 'gray' };

const doneMessages: Record<Status, string> = {
  open: 'reopened',
  done: 'marked done',
  skipped: 'skipped',
};

/** Open and past its deadline: what the minute job chases. */
export const isOverdue = (task: Task, now = Date.now()) =>
  task.status === 'open' && task.dueAt !== null && Date.parse(task.dueAt) < now;

/** One task: who should do it, by when, its checklist, and (for analysts) done, skip, reopen. */
export function TaskItem({
  task,
  people,
  playbookTitle,
  editable,
}: {
  task: Task;
  people: ReadonlyMap<string, string>;
  playbookTitle: string | undefined;
  editable: boolean;
}) {
  const update = useUpdateTask(task.incidentId);
  const headingId = `task-${task.id}`;

  function change(patch: { status: Status } | { checked: boolean[] }, message?: string) {
    update.mutate(
      { taskId: task.id, patch },
      {
        onSuccess: () => message && notifications.show({ color: 'teal', message }),
        onError: (error) =>
          notifications.show({
            color: 'red',
            title: 'The task was not changed',
            message: error instanceof ApiError ? error.message : 'Please try again.',
          }),
      },
    );
  }

  const setStatus = (status: Status) =>
    change({ status }, `"${task.title}" ${doneMessages[status]}.`);
  const tick = (index: number, done: boolean) =>
    change({ checked: task.checklist.map((item, n) => (n === index ? done : item.done)) });
  const busy = (status: Status) => update.isPending && update.variables.patch.status === status;
  // The ticks being saved show at once; the mutation lasts until the refreshed task is read.
  const saving = update.isPending ? update.variables.patch.checked : undefined;

  return (
    <ItemCard headingId={headingId} testId="incident-task">
      <ItemCardHeader
        headingId={headingId}
        title={task.title}
        wrap="nowrap"
        aside={
          <Group gap={6} wrap="nowrap">
            {task.actionItem && (
              <Badge
                color="grape"
                variant="outline"
                title="A follow-up from the post-incident review"
              >
                Action item
              </Badge>
            )}
            <Badge
              color={statusColors[task.status]}
              variant="light"
              aria-label={`Task status ${taskStatusLabels[task.status]}`}
            >
              {taskStatusLabels[task.status]}
            </Badge>
          </Group>
        }
      >
        <Group gap="md" wrap="wrap">
          <Fact label={task.assigneeId ? 'Assignee' : 'Role'}>
            {task.assigneeId
              ? (people.get(task.assigneeId) ?? task.assigneeId)
              : task.role
                ? taskRoleLabels[task.role]
                : 'any'}
          </Fact>
          <Due task={task} />
          {playbookTitle && <Fact label="Playbook">{playbookTitle}</Fact>}
        </Group>
      </ItemCardHeader>
      {task.description && (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {task.description}
        </Text>
      )}
      {task.checklist.length > 0 && (
        <Stack gap={4} role="group" aria-label={`Checklist of ${task.title}`}>
          {task.checklist.map((item, index) => (
            <Checkbox
              key={index}
              size="xs"
              label={item.text}
              checked={saving?.[index] ?? item.done}
              disabled={!editable || update.isPending}
              onChange={(event) => tick(index, event.currentTarget.checked)}
            />
          ))}
        </Stack>
      )}
      {task.completedAt && (
        <Text size="xs" c="dimmed">
          {taskStatusLabels[task.status]} <LocalTime iso={task.completedAt} />
          {task.completedBy &&
            people.has(task.completedBy) &&
            ` by ${people.get(task.completedBy)}`}
        </Text>
      )}
      {editable && (
        <Group gap="xs">
          {task.status === 'open' ? (
            <>
              <Button
                size="xs"
                variant="light"
                color="teal"
                leftSection={<IconCheck size={14} aria-hidden />}
                loading={busy('done')}
                disabled={update.isPending}
                onClick={() => setStatus('done')}
                aria-label={`Mark "${task.title}" done`}
              >
                Mark done
              </Button>
              <Button
                size="xs"
                variant="subtle"
                color="gray"
                leftSection={<IconPlayerSkipForward size={14} aria-hidden />}
                loading={busy('skipped')}
                disabled={update.isPending}
                onClick={() => setStatus('skipped')}
                aria-label={`Skip "${task.title}"`}
              >
                Skip
              </Button>
            </>
          ) : (
            <Button
              size="xs"
              variant="subtle"
              leftSection={<IconArrowBackUp size={14} aria-hidden />}
              loading={busy('open')}
              disabled={update.isPending}
              onClick={() => setStatus('open')}
              aria-label={`Reopen "${task.title}"`}
            >
              Reopen
            </Button>
          )}
        </Group>
      )}
    </ItemCard>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Text size="xs">
      <Text span c="dimmed">
        {label}:{' '}
      </Text>
      {children}
    </Text>
  );
}

/** The deadline, how it is counted, and whether it has passed. */
function Due({ task }: { task: Task }) {
  const rule = task.due && `${formatHours(task.due.hours)} after ${triggerLabels[task.due.from]}`;
  if (task.dueAt === null)
    return (
      <Fact label="Due">
        {rule ? (
          `${rule}, once that time is set`
        ) : (
          <Text span c="dimmed" size="xs">
            no deadline
          </Text>
        )}
      </Fact>
    );
  const overdue = isOverdue(task);
  return (
    <Text size="xs" c={overdue ? 'red' : undefined} fw={overdue ? 600 : undefined}>
      <Text span c={overdue ? 'red' : 'dimmed'}>
        Due:{' '}
      </Text>
      <LocalTime iso={task.dueAt} />
      {rule && ` (${rule})`}
      {overdue && ', overdue'}
    </Text>
  );
}
