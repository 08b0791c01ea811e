import { Stack, Text } from '@mantine/core';
import { useActions, type Incident } from '../../api/incidents.js';
import { ActionForm } from './ActionForm.js';
import { ActionItem } from './ActionItem.js';
import { ListState } from './ListState.js';
import { PlainList } from './PlainList.js';
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
      <ListState
        query={actions}
        count={items.length}
        loadingLabel="Loading the containment actions"
        empty="No containment action has been requested."
      >
        <PlainList label="Containment actions" testId="incident-actions">
          {items.map((action) => (
            <ActionItem key={action.id} action={action} people={people} />
          ))}
        </PlainList>
      </ListState>
      {editable && <ActionForm incident={incident} names={names} />}
    </Stack>
  );
}
