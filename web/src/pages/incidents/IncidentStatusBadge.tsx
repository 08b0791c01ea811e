import { Badge } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import type { IncidentStatus } from '../../api/incidents.js';
import { incidentStatusLabels } from './labels.js';

const incidentStatusColors: Record<IncidentStatus, string> = {
  detected: 'red',
  analysing: 'orange',
  contained: 'yellow',
  eradicated: 'blue',
  recovered: 'teal',
  closed: 'gray',
};

export function IncidentStatusBadge({ status }: { status: IncidentStatus }) {
  return (
    <Badge
      color={incidentStatusColors[status]}
      variant="light"
      aria-label={`Status ${incidentStatusLabels[status]}`}
    >
      {incidentStatusLabels[status]}
    </Badge>
  );
}

/** Restricted incidents are seen only by their owner and members. */
export function RestrictedBadge() {
  return (
    <Badge
      color="dark"
      variant="outline"
      leftSection={<IconLock size={12} aria-hidden />}
      title="Seen only by its owner and members"
    >
      Restricted
    </Badge>
  );
}
