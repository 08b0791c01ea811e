import { Badge } from '@mantine/core';
import type { AlertStatus } from '../../api/detection.js';
import { alertStatusLabels } from './labels.js';

const alertStatusColors: Record<AlertStatus, string> = {
  new: 'red',
  acknowledged: 'blue',
  closed: 'teal',
  false_positive: 'gray',
};

export function AlertStatusBadge({ status }: { status: AlertStatus }) {
  return (
    <Badge
      color={alertStatusColors[status]}
      variant="light"
      aria-label={`Status ${alertStatusLabels[status]}`}
    >
      {alertStatusLabels[status]}
    </Badge>
  );
}
