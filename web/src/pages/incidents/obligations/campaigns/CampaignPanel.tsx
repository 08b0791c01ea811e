import { Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useCampaigns, type Campaign } from '../../../../api/breach-campaigns.js';
import type { Obligation } from '../../../../api/breach.js';
import { QueryError } from '../../../../components/QueryError.js';
import { CampaignActions } from './CampaignActions.js';
import { CampaignFigures } from './CampaignFigures.js';
import { CampaignOutcome } from './CampaignOutcome.js';
import { CreditMonitoringCodesForm } from './CreditMonitoringCodesForm.js';
import { CampaignStatusBadge } from './CampaignStatusBadge.js';
import { DeliveryProgress } from './DeliveryProgress.js';
import { PreparationProgress } from './PreparationProgress.js';
import { PrepareLettersForm } from './PrepareLettersForm.js';
import { UndeliveredRecipients } from './UndeliveredRecipients.js';

/** The obligation's newest campaign: earlier ones were cancelled or are done with. */
function latestFor(campaigns: readonly Campaign[], obligationKey: string): Campaign | undefined {
  return campaigns
    .filter((campaign) => campaign.obligationKey === obligationKey)
    .reduce<Campaign | undefined>(
      (latest, campaign) =>
        !latest || Date.parse(campaign.createdAt) > Date.parse(latest.createdAt)
          ? campaign
          : latest,
      undefined,
    );
}

/**
 * The letters an obligation owes to people: prepare them, check the figures, send a test,
 * start, follow the delivery, and see who got none and why. The figures refresh by
 * themselves while a job prepares or sends (see `useCampaigns`).
 */
export function CampaignPanel({
  incidentId,
  obligation,
  editable,
}: {
  incidentId: string;
  obligation: Obligation;
  editable: boolean;
}) {
  const campaigns = useCampaigns(incidentId);
  const campaign = campaigns.data ? latestFor(campaigns.data.items, obligation.key) : undefined;
  const headingId = `letters-${obligation.key.replace(/[^a-zA-Z0-9-]/g, '-')}`;
  const canPrepare =
    editable && campaigns.isSuccess && (!campaign || campaign.status === 'cancelled');

  return (
    <Paper
      withBorder
      radius="sm"
      p="sm"
      component="section"
      aria-labelledby={headingId}
      data-testid="campaign-panel"
    >
      <Stack gap="xs">
        <Group gap="xs" justify="space-between">
          <Title order={4} size="h6" id={headingId}>
            Letters
          </Title>
          {campaign && <CampaignStatusBadge status={campaign.status} />}
        </Group>
        {campaigns.isPending && <Loader size="sm" aria-label="Loading the letters" />}
        {campaigns.isError && (
          <QueryError error={campaigns.error} onRetry={() => void campaigns.refetch()} />
        )}
        {campaigns.isSuccess && !campaign && (
          <Text size="sm" c="dimmed">
            No letters yet. Preparing works out who the notice goes to from the scope snapshot, with
            the latest notice template; nothing is sent until you start.
          </Text>
        )}
        {campaign?.status === 'preparing' && <PreparationProgress campaign={campaign} />}
        {campaign && campaign.status !== 'preparing' && (
          <>
            <CampaignFigures campaign={campaign} />
            <DeliveryProgress campaign={campaign} />
          </>
        )}
        {campaign?.needsCodes && campaign.status === 'ready' && editable && (
          <CreditMonitoringCodesForm incidentId={incidentId} campaign={campaign} />
        )}
        {campaign && editable && <CampaignActions incidentId={incidentId} campaign={campaign} />}
        {campaign && <CampaignOutcome campaign={campaign} />}
        {campaign && <UndeliveredRecipients incidentId={incidentId} campaign={campaign} />}
        {canPrepare && (
          <PrepareLettersForm
            // A new campaign after a cancelled one starts the form afresh.
            key={campaign?.id ?? 'first'}
            incidentId={incidentId}
            obligation={obligation}
            again={campaign !== undefined}
          />
        )}
      </Stack>
    </Paper>
  );
}
