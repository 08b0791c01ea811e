import { Stack } from '@mantine/core';
import { useState } from 'react';
import type { Campaign } from '../../../../api/breach-campaigns.js';
import { formatCount } from '../../../../components/counts.js';
import { DisclosureButton } from '../../DisclosureButton.js';
import { RecipientTable } from './RecipientTable.js';

/**
 * Who gets no letter and whose letter failed, by customer id: the API never gives out the
 * addresses. Folded away, and loaded only when opened: a large campaign can list thousands.
 */
export function UndeliveredRecipients({
  incidentId,
  campaign,
}: {
  incidentId: string;
  campaign: Campaign;
}) {
  const [open, setOpen] = useState(false);
  const count = campaign.suppressedTotal + campaign.failed;
  if (count === 0) return null;
  const regionId = `undelivered-${campaign.id}`;

  return (
    <Stack gap="xs">
      <DisclosureButton
        size="compact-sm"
        open={open}
        controls={regionId}
        onToggle={() => setOpen((shown) => !shown)}
      >
        No letter or failed ({formatCount(count)})
      </DisclosureButton>
      {open && (
        <Stack gap="sm" id={regionId}>
          {campaign.suppressedTotal > 0 && (
            <RecipientTable
              incidentId={incidentId}
              campaignId={campaign.id}
              status="suppressed"
              expected={campaign.suppressedTotal}
              title="Not sent"
            />
          )}
          {campaign.failed > 0 && (
            <RecipientTable
              incidentId={incidentId}
              campaignId={campaign.id}
              status="failed"
              expected={campaign.failed}
              title="Failed"
            />
          )}
        </Stack>
      )}
    </Stack>
  );
}
