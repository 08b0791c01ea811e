import { Alert, Text } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import type { Campaign } from '../../../../api/breach-campaigns.js';
import { formatCount } from '../../../../components/counts.js';
import { LocalTime } from '../../../../components/LocalTime.js';

/**
 * How a closed campaign ended. A completed one with letters sent recorded the notice as given
 * (a "Notice given" decision and the evidence on the timeline), which settles the obligation.
 */
export function CampaignOutcome({ campaign }: { campaign: Campaign }) {
  if (campaign.status === 'cancelled')
    return (
      <Text size="sm" c="dimmed" data-testid="campaign-outcome">
        Cancelled <LocalTime iso={campaign.finishedAt} /> after {formatCount(campaign.sent)}{' '}
        {campaign.sent === 1 ? 'letter' : 'letters'}; no notice was recorded.
      </Text>
    );
  if (campaign.status !== 'completed') return null;
  return (
    <Alert
      color={campaign.sent > 0 ? 'teal' : 'orange'}
      variant="light"
      icon={<IconCircleCheck aria-hidden />}
      title={
        <>
          Finished <LocalTime iso={campaign.finishedAt} />
        </>
      }
      data-testid="campaign-outcome"
    >
      {campaign.sent > 0 ? (
        <Text size="sm">
          {formatCount(campaign.sent)} {campaign.sent === 1 ? 'letter was' : 'letters were'}{' '}
          accepted by the mail server. The notice was recorded as given, under Decisions, with the
          evidence on the timeline.
        </Text>
      ) : (
        <Text size="sm">
          No letter was accepted by the mail server, so no notice was recorded: look at the failed
          letters below.
        </Text>
      )}
    </Alert>
  );
}
