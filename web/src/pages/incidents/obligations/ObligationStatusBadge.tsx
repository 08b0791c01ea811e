import { Badge, Group } from '@mantine/core';
import type { Obligation } from '../../../api/breach.js';
import { obligationStatusColors, obligationStatusLabels } from './labels.js';

/** The status in words (the colour only repeats it), and "Late" beside it when it is. */
export function ObligationStatusBadge({ obligation }: { obligation: Obligation }) {
  const label = obligationStatusLabels[obligation.status];
  return (
    <Group gap={6} wrap="nowrap">
      <Badge
        color={obligationStatusColors[obligation.status]}
        variant="light"
        aria-label={`Obligation status ${label}`}
      >
        {label}
      </Badge>
      {obligation.late && (
        <Badge color="red" variant="filled" title="Past its due time">
          Late
        </Badge>
      )}
    </Group>
  );
}
