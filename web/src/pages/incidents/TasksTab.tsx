import { Stack, Text } from '@mantine/core';
import { usePlaybooks, useTasks, type Incident, type Task } from '../../api/incidents.js';
import { ListState } from './ListState.js';
import { PlainList } from './PlainList.js';
import { PlaybookPicker } from './PlaybookPicker.js';
import { TaskForm } from './TaskForm.js';
import { TaskItem } from './TaskItem.js';
import { peopleOf, teamOf } from './people.js';

/** Open tasks first, each group by deadline (none last); instants share one ISO format. */
export const byUrgency = (a: Task, b: Task) =>
  Number(a.status !== 'open') - Number(b.status !== 'open') ||
  Number(a.dueAt === null) - Number(b.dueAt === null) ||
  (a.dueAt ?? '').localeCompare(b.dueAt ?? '') ||
  a.createdAt.localeCompare(b.createdAt);

/** The incident's tasks, from playbooks or added by hand; analysts apply, add and tick them off. */
export function TasksTab({ incident, editable }: { incident: Incident; editable: boolean }) {
  const tasks = useTasks(incident.id);
  const playbooks = usePlaybooks();
  const items = [...(tasks.data?.items ?? [])].sort(byUrgency);
  const people = peopleOf(incident);
  const playbookTitles = new Map(
    (playbooks.data?.items ?? []).map((playbook) => [playbook.key, playbook.title] as const),
  );
  const open = items.filter((task) => task.status === 'open').length;

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {tasks.isSuccess
          ? `${items.length} ${items.length === 1 ? 'task' : 'tasks'}, ${open} open. `
          : ''}
        Deadlines set from a trigger time move when that time is set or corrected; an overdue task
        is chased once by email.
      </Text>
      <ListState
        query={tasks}
        count={items.length}
        loadingLabel="Loading the tasks"
        empty={`No tasks yet.${editable ? ' Apply a playbook or add a task below.' : ''}`}
      >
        <PlainList label="Tasks" testId="incident-tasks">
          {items.map((task) => (
            <TaskItem
              key={task.id}
              task={task}
              people={people}
              playbookTitle={task.playbook ? playbookTitles.get(task.playbook) : undefined}
              editable={editable}
            />
          ))}
        </PlainList>
      </ListState>
      {editable && tasks.isSuccess && (
        <PlaybookPicker incidentId={incident.id} tasks={items} playbooks={playbooks} />
      )}
      {editable && <TaskForm incident={incident} people={teamOf(incident)} />}
    </Stack>
  );
}
