import { Paper, Stack, Text, Title } from '@mantine/core';
import { useTasks, type Incident } from '../../api/incidents.js';
import { teamOf } from './people.js';
import { ActionItemForm } from './ActionItemForm.js';
import { ListState } from './ListState.js';
import { PlainList } from './PlainList.js';
import { TaskItem } from './TaskItem.js';
import { byUrgency } from './TasksTab.js';

/** The review's follow-ups: tasks marked as action items, listed in the report. */
export function ActionItems({
  incident,
  people,
  editable,
}: {
  incident: Incident;
  people: ReadonlyMap<string, string>;
  editable: boolean;
}) {
  const tasks = useTasks(incident.id);
  const items = (tasks.data?.items ?? []).filter((task) => task.actionItem).sort(byUrgency);

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="action-items-heading">
      <Title order={2} size="h4" mb={4} id="action-items-heading">
        Action items
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Follow-ups from the review. They are tasks like any other (the Tasks tab lists them too),
        chased by email when overdue, and listed in the printable report.
      </Text>
      <Stack gap="md">
        <ListState
          query={tasks}
          count={items.length}
          loadingLabel="Loading the action items"
          empty="No action item yet."
        >
          <PlainList label="Action items" testId="incident-action-items">
            {items.map((task) => (
              <TaskItem
                key={task.id}
                task={task}
                people={people}
                playbookTitle={undefined}
                editable={editable}
              />
            ))}
          </PlainList>
        </ListState>
        {editable && <ActionItemForm incidentId={incident.id} people={teamOf(incident)} />}
      </Stack>
    </Paper>
  );
}
