import { Stack, Text, Title } from '@mantine/core';
import type { Obligation } from '../../../api/breach.js';
import { formatCount } from '../../../components/counts.js';
import { PlainList } from '../PlainList.js';
import { ObligationCard } from './ObligationCard.js';

/** A titled list of obligation cards, in the report's order (most urgent first). */
export function ObligationGroup({
  id,
  title,
  empty,
  incidentId,
  obligations,
  dutyNames,
  editable,
}: {
  id: string;
  title: string;
  /** What to say when the group is empty; without it an empty group is not shown. */
  empty?: string;
  incidentId: string;
  obligations: Obligation[];
  dutyNames: ReadonlyMap<string, string>;
  editable: boolean;
}) {
  if (obligations.length === 0 && !empty) return null;
  const headingId = `${id}-heading`;
  return (
    <Stack gap="sm" component="section" aria-labelledby={headingId}>
      <Title order={3} size="h5" id={headingId}>
        {title} ({formatCount(obligations.length)})
      </Title>
      {obligations.length === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        <PlainList gap="sm" label={title} testId={id}>
          {obligations.map((obligation) => (
            <ObligationCard
              key={obligation.key}
              incidentId={incidentId}
              obligation={obligation}
              dutyNames={dutyNames}
              editable={editable}
            />
          ))}
        </PlainList>
      )}
    </Stack>
  );
}
