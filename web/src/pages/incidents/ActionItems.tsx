import { Center, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useTasks, type Incident } from '../../api/incidents.js';
import { QueryError } from '../../components/QueryError.js';
import { ActionItemForm } from './ActionItemForm.js';
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
        {tasks.isPending && (
          <Center p="md">
            <Loader aria-label="Loading the action items" />
          </Center>
        )}
        {tasks.isError && <QueryError error={tasks.error} onRetry={() => void tasks.refetch()} />}
        {tasks.isSuccess && items.length === 0 && (
          <Text size="sm" c="dimmed">
            No action item yet.
          </Text>
        )}
        {items.length > 0 && (
          <Stack
            component="ul"
            gap="xs"
            p={0}
            m={0}
            style={{ listStyle: 'none' }}
            aria-label="Action items"
            data-testid="incident-action-items"
          >
            {items.map((task) => (
              <TaskItem
                key={task.id}
                task={task}
                people={people}
                playbookTitle={undefined}
                editable={editable}
              />
            ))}
          </Stack>
        )}
        {editable && <ActionItemForm incidentId={incident.id} people={people} />}
      </Stack>
    </Paper>
  );
}
