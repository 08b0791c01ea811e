import { Progress, Stack, Text } from '@mantine/core';
import type { Campaign } from '../../../../api/breach-campaigns.js';
import { formatCount } from '../../../../components/counts.js';
import { preparationPercent } from './campaignLabels.js';

/** While the job works out the recipients: how far through the scope snapshot it is. */
export function PreparationProgress({ campaign }: { campaign: Campaign }) {
  const percent = preparationPercent(campaign);
  return (
    <Stack gap={4}>
      <Text size="sm" aria-live="polite">
        Working out who gets a letter: {formatCount(campaign.examined)} of{' '}
        {formatCount(campaign.scopeCustomers)} customers in the scope snapshot examined
        {` (${percent}%).`}
      </Text>
      <Progress value={percent} animated aria-label="Preparation progress" />
    </Stack>
  );
}
