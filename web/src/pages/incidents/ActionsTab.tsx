import { Center, Loader, Stack, Text } from '@mantine/core';
import { useActions, type Incident } from '../../api/incidents.js';
import { QueryError } from '../../components/QueryError.js';
import { ActionForm } from './ActionForm.js';
import { ActionItem } from './ActionItem.js';
import { peopleOf } from './people.js';

/** Containment the shop was asked to carry out, newest as the server lists them, and each try. */
export function ActionsTab({
  incident,
  names,
  editable,
}: {
  incident: Incident;
  names: ReadonlyMap<string, string>;
  editable: boolean;
}) {
  const actions = useActions(incident.id);
  const items = actions.data?.items ?? [];
  const people = peopleOf(incident);

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        Cordon never changes the shop&rsquo;s systems itself: it sends each action as a signed
        request to the receiver an admin set up for its type, retries until the receiver confirms,
        and records every attempt in the timeline.
      </Text>
      {actions.isPending && (
        <Center p="md">
          <Loader aria-label="Loading the containment actions" />
        </Center>
      )}
      {actions.isError && (
        <QueryError error={actions.error} onRetry={() => void actions.refetch()} />
      )}
      {actions.isSuccess && items.length === 0 && (
        <Text size="sm" c="dimmed">
          No containment action has been requested.
        </Text>
      )}
      {items.length > 0 && (
        <Stack
          component="ul"
          gap="xs"
          p={0}
          m={0}
          style={{ listStyle: 'none' }}
          aria-label="Containment actions"
          data-testid="incident-actions"
        >
          {items.map((action) => (
            <ActionItem key={action.id} action={action} people={people} />
          ))}
        </Stack>
      )}
      {editable && <ActionForm incident={incident} names={names} />}
    </Stack>
  );
}
