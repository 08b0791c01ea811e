import { Button, Center, Loader, Stack, Table, Text } from '@mantine/core';
import { useCampaignRecipients, type RecipientStatus } from '../../../../api/breach-campaigns.js';
import { formatCount } from '../../../../components/counts.js';
import { QueryError } from '../../../../components/QueryError.js';
import { recipientReasonLabel } from './campaignLabels.js';

/** One status's recipients of a campaign: customer id, reason and the server's error. */
export function RecipientTable({
  incidentId,
  campaignId,
  status,
  expected,
  title,
}: {
  incidentId: string;
  campaignId: string;
  status: RecipientStatus;
  /** How many the campaign counts with this status; a change reads the list again. */
  expected: number;
  title: string;
}) {
  const recipients = useCampaignRecipients(incidentId, campaignId, status, expected);
  const items = recipients.data?.pages.flatMap((page) => page.items) ?? [];
  const captionId = `recipients-${status}-${campaignId}`;

  return (
    <Stack gap={4}>
      <Text size="sm" fw={600} id={captionId}>
        {title} ({formatCount(expected)})
      </Text>
      {recipients.isPending && (
        <Center p="xs">
          <Loader size="sm" aria-label={`Loading: ${title.toLowerCase()}`} />
        </Center>
      )}
      {recipients.isError && (
        <QueryError error={recipients.error} onRetry={() => void recipients.refetch()} />
      )}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={480}>
          <Table
            fz="xs"
            verticalSpacing={4}
            aria-labelledby={captionId}
            data-testid={`campaign-recipients-${status}`}
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Customer</Table.Th>
                <Table.Th scope="col">Reason</Table.Th>
                <Table.Th scope="col">Error</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((recipient) => (
                <Table.Tr key={recipient.seq}>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{recipient.customerRef}</Table.Td>
                  <Table.Td>{recipientReasonLabel(recipient.reason)}</Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{recipient.error ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {recipients.hasNextPage && (
        <Button
          size="compact-xs"
          variant="default"
          w="fit-content"
          loading={recipients.isFetchingNextPage}
          onClick={() => void recipients.fetchNextPage()}
        >
          Load more
        </Button>
      )}
    </Stack>
  );
}
