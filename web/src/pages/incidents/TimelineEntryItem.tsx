import { Badge, Code, Group, Text } from '@mantine/core';
import type { TimelineEntry } from '../../api/incidents.js';
import { LocalTime } from '../../components/LocalTime.js';
import { EntryBody } from './EntryBody.js';
import { ItemCard } from './ItemCard.js';
import { confidenceLabels, shortHash, timelineKindLabels } from './labels.js';

/** One timeline entry: when it happened and how that is known, who recorded it, and what. */
export function TimelineEntryItem({
  entry,
  names,
}: {
  entry: TimelineEntry;
  names: ReadonlyMap<string, string>;
}) {
  const headingId = `timeline-entry-${entry.seq}`;
  const actor = entry.actor.label ?? entry.actor.type;
  return (
    <ItemCard
      headingId={headingId}
      testId="timeline-entry"
      bg={entry.supersededBy !== null ? 'var(--mantine-color-gray-light)' : undefined}
    >
      <Group gap="xs" justify="space-between" wrap="wrap">
        <Group gap="xs" wrap="wrap">
          <Text size="sm" fw={600} id={headingId}>
            #{entry.seq} {timelineKindLabels[entry.kind]}
          </Text>
          {entry.confidence !== 'confirmed' && (
            <Badge size="sm" color="yellow" variant="light">
              {confidenceLabels[entry.confidence]}
            </Badge>
          )}
          {entry.supersedes !== null && (
            <Badge size="sm" color="blue" variant="light">
              corrects entry {entry.supersedes}
            </Badge>
          )}
          {entry.supersededBy !== null && (
            <Badge size="sm" color="gray" variant="outline">
              corrected by entry {entry.supersededBy}
            </Badge>
          )}
        </Group>
        <Code fz="xs" title={entry.hash} aria-label={`Hash ${entry.hash}`}>
          {shortHash(entry.hash)}
        </Code>
      </Group>
      <Text size="xs" c="dimmed">
        <LocalTime iso={entry.occurredAt} /> (observed in {entry.occurredTimeZone}) · by {actor} ·
        source: {entry.occurredSource}
        {entry.recordedAt !== entry.occurredAt && (
          <>
            {' '}
            · recorded <LocalTime iso={entry.recordedAt} />
          </>
        )}
      </Text>
      <EntryBody entry={entry} names={names} />
    </ItemCard>
  );
}
