import { Group, Progress, Text } from '@mantine/core';
import type { Campaign } from '../../../../api/breach-campaigns.js';
import { formatCount } from '../../../../components/counts.js';
import { deliveryPercent, lettersToSend } from './campaignLabels.js';

/**
 * Letters sent or failed of those to send. The bar is labelled for screen readers; the
 * percentage beside it is text, so everyone (and the tests) can read it.
 */
export function DeliveryProgress({ campaign }: { campaign: Campaign }) {
  const percent = deliveryPercent(campaign);
  const done = campaign.sent + campaign.failed;
  return (
    <Group gap="sm" wrap="nowrap">
      <Progress
        value={percent}
        color={campaign.failed > 0 ? 'orange' : 'teal'}
        animated={campaign.status === 'sending'}
        aria-label="Delivery progress"
        style={{ flex: 1 }}
      />
      <Text size="sm" fw={600} data-testid="campaign-progress">
        {percent}%
      </Text>
      <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
        {formatCount(done)} of {formatCount(lettersToSend(campaign))} letters
      </Text>
    </Group>
  );
}
