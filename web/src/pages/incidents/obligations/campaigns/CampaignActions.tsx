import { Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlayerPause, IconPlayerPlay, IconSend, IconTestPipe } from '@tabler/icons-react';
import {
  OPEN_STATUSES,
  useCampaignCommand,
  useSendTestLetter,
  type Campaign,
  type CampaignCommand,
} from '../../../../api/breach-campaigns.js';
import { ApiError } from '../../../../api/client.js';
import { ConfirmButton } from '../../../../components/ConfirmButton.js';
import { formatCount } from '../../../../components/counts.js';
import { FormError } from '../../../../components/FormError.js';
import { LocalTime } from '../../../../components/LocalTime.js';

const commandDone: Record<CampaignCommand, string> = {
  start: 'Sending has started.',
  pause: 'Sending is paused: no more letters go until you resume.',
  resume: 'Sending has resumed.',
  cancel: 'The campaign is cancelled: no more letters go.',
};

/**
 * What can be done with the campaign now: a test letter to yourself (before the start, or
 * while paused after a change), start, pause, resume, and cancel (asked first). The server
 * refuses a command the status no longer allows (409), shown here as it says it.
 */
export function CampaignActions({
  incidentId,
  campaign,
}: {
  incidentId: string;
  campaign: Campaign;
}) {
  const test = useSendTestLetter(incidentId);
  const command = useCampaignCommand(incidentId);
  // Its own mutation: the confirm dialog shows a refused cancel, not the line under the buttons.
  const cancelling = useCampaignCommand(incidentId);
  const { status } = campaign;
  const explanationId = `start-needs-test-${campaign.id}`;
  const error = test.error ?? command.error;

  function sendTest() {
    command.reset();
    test.mutate(
      { campaignId: campaign.id },
      {
        onSuccess: (updated) =>
          notifications.show({
            color: 'teal',
            message: `Test letter queued to you (${formatCount(updated.testRecipients)} team member${updated.testRecipients === 1 ? '' : 's'}). Read it before you start.`,
          }),
      },
    );
  }

  function run(name: Exclude<CampaignCommand, 'cancel'>) {
    test.reset();
    command.mutate(
      { campaignId: campaign.id, command: name },
      { onSuccess: () => notifications.show({ color: 'teal', message: commandDone[name] }) },
    );
  }

  async function cancel() {
    await cancelling.mutateAsync({ campaignId: campaign.id, command: 'cancel' });
    notifications.show({ color: 'teal', message: commandDone.cancel });
  }

  if (!OPEN_STATUSES.includes(status)) return null;

  return (
    <Stack gap={6}>
      <Group gap="xs" wrap="wrap">
        {(status === 'ready' || status === 'paused') && (
          <Button
            size="compact-sm"
            variant="light"
            leftSection={<IconTestPipe size={14} aria-hidden />}
            loading={test.isPending}
            disabled={command.isPending}
            onClick={sendTest}
          >
            Send test letter
          </Button>
        )}
        {status === 'ready' && (
          <Button
            size="compact-sm"
            leftSection={<IconSend size={14} aria-hidden />}
            loading={command.isPending}
            disabled={!campaign.testSentAt || test.isPending}
            aria-describedby={campaign.testSentAt ? undefined : explanationId}
            onClick={() => run('start')}
          >
            Start sending
          </Button>
        )}
        {status === 'sending' && (
          <Button
            size="compact-sm"
            variant="light"
            color="grape"
            leftSection={<IconPlayerPause size={14} aria-hidden />}
            loading={command.isPending}
            onClick={() => run('pause')}
          >
            Pause
          </Button>
        )}
        {status === 'paused' && (
          <Button
            size="compact-sm"
            leftSection={<IconPlayerPlay size={14} aria-hidden />}
            loading={command.isPending}
            disabled={test.isPending}
            onClick={() => run('resume')}
          >
            Resume
          </Button>
        )}
        <ConfirmButton
          size="compact-sm"
          variant="subtle"
          disabled={test.isPending || command.isPending}
          loading={cancelling.isPending}
          title="Cancel these letters?"
          message={`Letters not yet sent will not go (${formatCount(campaign.sent)} already went). To write to these people later, prepare the letters again.`}
          confirmLabel="Cancel the letters"
          onConfirm={cancel}
        >
          Cancel
        </ConfirmButton>
      </Group>
      {status === 'ready' && !campaign.testSentAt && (
        <Text size="xs" c="dimmed" id={explanationId}>
          Sending starts only after a test letter: send one to yourself and read it first.
        </Text>
      )}
      {campaign.testSentAt && (
        <Text size="xs" c="dimmed" data-testid="campaign-test-sent">
          Test letter sent <LocalTime iso={campaign.testSentAt} /> to{' '}
          {formatCount(campaign.testRecipients)} team member
          {campaign.testRecipients === 1 ? '' : 's'}.
        </Text>
      )}
      <FormError
        message={error instanceof ApiError ? error.message : error ? 'Please try again.' : null}
        title={test.error ? 'The test letter was not sent' : 'That did not work'}
      />
    </Stack>
  );
}
