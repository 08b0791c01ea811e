import { Table, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  useRemoveBreachSuppression,
  type BreachSuppression,
} from '../../../../api/breach-campaigns.js';
import { ConfirmButton } from '../../../../components/ConfirmButton.js';
import { LocalTime } from '../../../../components/LocalTime.js';

/** The suppressed addresses, masked, with why and when each was added. */
export function SuppressionTable({
  suppressions,
  editable,
}: {
  suppressions: BreachSuppression[];
  editable: boolean;
}) {
  const remove = useRemoveBreachSuppression();

  async function removeOne(suppression: BreachSuppression) {
    await remove.mutateAsync(suppression.id);
    notifications.show({
      color: 'teal',
      message: `${suppression.hint} removed from the suppression list.`,
    });
  }

  return (
    <Table.ScrollContainer minWidth={560}>
      <Table fz="sm" verticalSpacing="xs" aria-label="Suppressed addresses">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Address</Table.Th>
            <Table.Th scope="col">Reason</Table.Th>
            <Table.Th scope="col">Added</Table.Th>
            {editable && (
              <Table.Th scope="col">
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {suppressions.map((suppression) => (
            <Table.Tr key={suppression.id}>
              <Table.Td>{suppression.hint}</Table.Td>
              <Table.Td maw={320} style={{ overflowWrap: 'anywhere' }}>
                {suppression.reason}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <LocalTime iso={suppression.addedAt} />
              </Table.Td>
              {editable && (
                <Table.Td ta="right">
                  <ConfirmButton
                    size="xs"
                    variant="light"
                    aria-label={`Remove ${suppression.hint} from the suppression list`}
                    title="Remove this address from the suppression list?"
                    message="Letters prepared from now on are sent to it again. Campaigns already prepared keep what they worked out."
                    confirmLabel="Remove address"
                    onConfirm={() => removeOne(suppression)}
                  >
                    Remove
                  </ConfirmButton>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
