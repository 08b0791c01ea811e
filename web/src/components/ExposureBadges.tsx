import { Badge, Tooltip } from '@mantine/core';
import { IconFlame } from '@tabler/icons-react';
import type { FindingStatus, SeverityRating } from '@contracts/exposure.js';
import { humanize } from '../pages/vendors/labels.js';

export const severityRatingColors: Record<SeverityRating, string> = {
  critical: 'red',
  high: 'orange',
  medium: 'yellow',
  low: 'gray',
  none: 'gray',
  unknown: 'gray',
};

export const exposureStatusColors: Record<FindingStatus, string> = {
  open: 'red',
  fixed: 'teal',
  not_affected: 'gray',
  risk_accepted: 'violet',
};

/** The advisory's rating, with its CVSS score when there is one. */
export function SeverityRatingBadge({
  severity,
  score,
}: {
  severity: SeverityRating;
  score?: number | null;
}) {
  const label =
    score === null || score === undefined ? severity : `${severity} ${score.toFixed(1)}`;
  return (
    <Badge
      color={severityRatingColors[severity]}
      variant={severity === 'unknown' || severity === 'none' ? 'outline' : 'filled'}
      aria-label={`Severity ${label}`}
    >
      {label}
    </Badge>
  );
}

export function ExposureStatusBadge({ status }: { status: FindingStatus }) {
  return (
    <Badge color={exposureStatusColors[status]} variant="light">
      {humanize(status)}
    </Badge>
  );
}

/** On CISA's Known Exploited Vulnerabilities list: attackers use it now, so it comes first. */
export function KnownExploitedBadge({ ransomware = false }: { ransomware?: boolean }) {
  return (
    <Tooltip
      label={
        ransomware
          ? 'On the CISA KEV list, and known to be used in ransomware campaigns'
          : 'On the CISA Known Exploited Vulnerabilities list'
      }
    >
      <Badge color="red" variant="filled" leftSection={<IconFlame size={12} aria-hidden />}>
        Known exploited
      </Badge>
    </Tooltip>
  );
}
