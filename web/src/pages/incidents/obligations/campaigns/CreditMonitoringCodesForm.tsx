import { Button, Stack, Text, Textarea } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import { useState } from 'react';
import { useAddCampaignCodes, type Campaign } from '../../../../api/breach-campaigns.js';
import { FormError } from '../../../../components/FormError.js';
import { formatCount } from '../../../../components/counts.js';
import { ApiError } from '../../../../api/client.js';

/**
 * The letter offers credit monitoring: each person needs a code from the provider. Codes are
 * pasted one a line and assigned in order to the letters still without one; the server keeps
 * them sealed and never shows them again.
 */
export function CreditMonitoringCodesForm({
  incidentId,
  campaign,
}: {
  incidentId: string;
  campaign: Campaign;
}) {
  const [text, setText] = useState('');
  const add = useAddCampaignCodes(incidentId);
  const missing = Math.max(0, campaign.remaining - campaign.codes);
  const codes = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');

  return (
    <Stack gap={4}>
      <Text size="sm">
        Credit-monitoring codes: {formatCount(campaign.codes)} assigned, {formatCount(missing)}{' '}
        letters still need one.
      </Text>
      {missing > 0 && (
        <form
          aria-label="Credit-monitoring codes"
          onSubmit={(event) => {
            event.preventDefault();
            add.mutate({ campaignId: campaign.id, codes }, { onSuccess: () => setText('') });
          }}
        >
          <Stack gap="xs">
            <FormError
              message={
                add.error instanceof ApiError
                  ? add.error.message
                  : add.error
                    ? 'Please try again.'
                    : null
              }
              title="The codes were not assigned"
            />
            <Textarea
              label="Codes, one a line"
              autosize
              minRows={2}
              maxRows={8}
              value={text}
              onChange={(event) => setText(event.currentTarget.value)}
            />
            <Button
              type="submit"
              variant="light"
              w="fit-content"
              disabled={codes.length === 0}
              loading={add.isPending}
              leftSection={<IconKey size={16} aria-hidden />}
            >
              Assign {formatCount(codes.length)} codes
            </Button>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
