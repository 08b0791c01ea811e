import { Badge } from '@mantine/core';
import type { CampaignStatus } from '../../../../api/breach-campaigns.js';
import { campaignStatusColors, campaignStatusLabels } from './campaignLabels.js';

/** The campaign's status in words; the colour only repeats it. */
export function CampaignStatusBadge({ status }: { status: CampaignStatus }) {
  const label = campaignStatusLabels[status];
  return (
    <Badge
      color={campaignStatusColors[status]}
      variant="light"
      aria-label={`Letters status ${label}`}
    >
      {label}
    </Badge>
  );
}
