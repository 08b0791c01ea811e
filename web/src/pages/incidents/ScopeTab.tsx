import { Group, Stack, Text, Title } from '@mantine/core';
import { useScopeSnapshots, type Incident, type ScopeSnapshot } from '../../api/incidents.js';
import { ListState } from './ListState.js';
import { peopleOf } from './people.js';
import { PlainList } from './PlainList.js';
import { ScopeSnapshotItem } from './ScopeSnapshotItem.js';
import { TakeSnapshot } from './TakeSnapshot.js';

/** Each snapshot follows the one it is compared with: the later entry is the newer. */
const newestFirst = (a: ScopeSnapshot, b: ScopeSnapshot) => b.timelineSeq - a.timelineSeq;

/** Who the breach reached, as counted at each snapshot, newest first; analysts take new ones. */
export function ScopeTab({ incident, editable }: { incident: Incident; editable: boolean }) {
  const snapshots = useScopeSnapshots(incident.id);
  const items = [...(snapshots.data?.items ?? [])].sort(newestFirst);
  const people = peopleOf(incident);

  return (
    <Stack gap="md" component="section" aria-labelledby="scope-heading">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="md">
        <Stack gap={4} maw={720}>
          <Title order={2} size="h4" id="scope-heading">
            Scope snapshots
          </Title>
          <Text size="sm" c="dimmed">
            A snapshot counts every customer whose data reached the linked vendors and integrations
            within the exposure window, by jurisdiction and by the exact combination of data
            categories, and keeps the exact set under its SHA-256. Take another when a link or the
            window changes: it shows who came in and who dropped out.
          </Text>
        </Stack>
        {editable && <TakeSnapshot incidentId={incident.id} />}
      </Group>
      <ListState
        query={snapshots}
        count={items.length}
        loadingLabel="Loading the scope snapshots"
        empty="No snapshot has been taken."
      >
        <PlainList gap="sm" label="Scope snapshots, newest first" testId="incident-scope-snapshots">
          {items.map((snapshot, index) => (
            <ScopeSnapshotItem
              key={snapshot.id}
              snapshot={snapshot}
              latest={index === 0}
              people={people}
            />
          ))}
        </PlainList>
      </ListState>
    </Stack>
  );
}
