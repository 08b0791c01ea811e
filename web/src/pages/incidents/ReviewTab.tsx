import { Button, Group, Stack, Text } from '@mantine/core';
import { IconPrinter } from '@tabler/icons-react';
import { reportUrl, type Incident } from '../../api/incidents.js';
import { ActionItems } from './ActionItems.js';
import { peopleOf } from './people.js';
import { ReviewCard } from './ReviewCard.js';

/** After the incident: the lessons-learned review, its action items, and the printable report. */
export function ReviewTab({ incident, editable }: { incident: Incident; editable: boolean }) {
  const people = peopleOf(incident);
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Text size="sm" c="dimmed" maw={720}>
          What happened, why, and what to keep and to change. Every saved version of the review is
          kept in the timeline. The printable report gathers the trigger times, the lifecycle, the
          latest scope snapshot, the review and the action items on one page.
        </Text>
        <Button
          component="a"
          href={reportUrl(incident.id)}
          target="_blank"
          rel="noopener"
          variant="default"
          leftSection={<IconPrinter size={16} aria-hidden />}
        >
          Printable report
        </Button>
      </Group>
      <ReviewCard incident={incident} people={people} editable={editable} />
      <ActionItems incident={incident} people={people} editable={editable} />
    </Stack>
  );
}
