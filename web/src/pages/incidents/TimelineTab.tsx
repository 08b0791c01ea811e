import { Button, Center, Group, Stack, Text } from '@mantine/core';
import { useTimeline, type Incident, type TimelineKind } from '../../api/incidents.js';
import { ListState } from './ListState.js';
import { PlainList } from './PlainList.js';
import { TimelineEntryForm } from './TimelineEntryForm.js';
import { TimelineEntryItem } from './TimelineEntryItem.js';
import { VerifyTimeline } from './VerifyTimeline.js';

/** The timeline oldest first, or only its entries of one kind (the communications). */
export function TimelineTab({
  incident,
  names,
  editable = false,
  only,
}: {
  incident: Incident;
  names: ReadonlyMap<string, string>;
  editable?: boolean;
  only?: TimelineKind;
}) {
  const timeline = useTimeline(incident.id, only);
  const entries = (timeline.data?.pages ?? []).flatMap((page) => page.items);
  const total = timeline.data?.pages[0]?.total ?? incident.timeline.entries;

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Text size="sm" c="dimmed">
          {only === 'communication'
            ? 'Every message sent or received about the incident, verbatim, with its parties.'
            : `${total} ${total === 1 ? 'entry' : 'entries'}, oldest first. Entries are never changed; a correction is a new entry.`}
        </Text>
        {only === undefined && <VerifyTimeline incidentId={incident.id} />}
      </Group>
      <ListState
        query={timeline}
        count={entries.length}
        loadingLabel="Loading the timeline"
        empty={only === 'communication' ? 'No communication is recorded yet.' : 'No entries yet.'}
      >
        <PlainList
          ordered
          label={only === 'communication' ? 'Communications' : 'Timeline'}
          testId={only === 'communication' ? 'incident-communications' : 'incident-timeline'}
        >
          {entries.map((entry) => (
            <TimelineEntryItem key={entry.seq} entry={entry} names={names} />
          ))}
        </PlainList>
      </ListState>
      {timeline.hasNextPage && (
        <Center>
          <Button
            variant="default"
            onClick={() => void timeline.fetchNextPage()}
            loading={timeline.isFetchingNextPage}
          >
            Load more
          </Button>
        </Center>
      )}
      {editable && <TimelineEntryForm incidentId={incident.id} />}
    </Stack>
  );
}
