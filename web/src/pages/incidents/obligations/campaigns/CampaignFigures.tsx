import { SimpleGrid, Stack, Text } from '@mantine/core';
import { SUPPRESSION_REASONS } from '@contracts/breach-campaigns.js';
import type { Campaign } from '../../../../api/breach-campaigns.js';
import { formatCount } from '../../../../components/counts.js';
import { lettersToSend, suppressionReasonLabels } from './campaignLabels.js';

/**
 * The campaign's counts, as a description list: who the obligation covers, how many can be
 * written to, what happened to those letters, and why the rest get none.
 */
export function CampaignFigures({ campaign }: { campaign: Campaign }) {
  const figures: [string, number][] = [
    ['People covered', campaign.recipients],
    ['Letters to send', lettersToSend(campaign)],
    ['Sent', campaign.sent],
    ['Failed', campaign.failed],
    ['Not sent', campaign.suppressedTotal],
  ];
  const reasons = SUPPRESSION_REASONS.filter((reason) => campaign.suppressed[reason] > 0);

  return (
    <Stack gap={4}>
      <SimpleGrid
        component="dl"
        cols={{ base: 2, sm: 5 }}
        spacing="xs"
        verticalSpacing={4}
        m={0}
        aria-label="Letter figures"
        data-testid="campaign-figures"
      >
        {figures.map(([label, value]) => (
          <div key={label}>
            <Text component="dt" size="xs" c="dimmed">
              {label}
            </Text>
            <Text component="dd" size="sm" fw={600} m={0}>
              {formatCount(value)}
            </Text>
          </div>
        ))}
      </SimpleGrid>
      {reasons.length > 0 && (
        <Text size="xs" data-testid="campaign-not-sent-reasons">
          <Text span c="dimmed" size="xs">
            Not sent because of:{' '}
          </Text>
          {reasons
            .map(
              (reason) =>
                `${suppressionReasonLabels[reason]} ${formatCount(campaign.suppressed[reason])}`,
            )
            .join(', ')}
        </Text>
      )}
    </Stack>
  );
}
