import { Badge, Code, Loader, Modal, Table, Text } from '@mantine/core';
import { usePasswordResets, type ResetList } from '../../api/detection.js';
import { LocalTime } from '../../components/LocalTime.js';
import { QueryError } from '../../components/QueryError.js';

type Reset = ResetList['items'][number];

const reasonLabels: Record<Reset['reason'], { label: string; color: string }> = {
  taken_over: { label: 'Taken over', color: 'red' },
  targeted: { label: 'Targeted', color: 'orange' },
};

/** Accounts to force a password reset on: taken over first, then targeted, as the server sorts. */
export function PasswordResetsModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const resets = usePasswordResets(opened);
  return (
    <Modal opened={opened} onClose={onClose} title="Password resets" size="xl" centered>
      <Text size="sm" c="dimmed" mb="sm">
        Accounts are shown as their keyed hash, as detection stores them; the customer id names the
        customer when the directory knows the address.
      </Text>
      {resets.isPending && <Loader size="sm" aria-label="Loading the password-reset list" />}
      {resets.isError && <QueryError error={resets.error} onRetry={() => void resets.refetch()} />}
      {resets.data?.items.length === 0 && (
        <Text size="sm" c="dimmed">
          No account needs a password reset.
        </Text>
      )}
      {resets.data && resets.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="xs" fz="sm" data-testid="detection-password-resets">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Account hash</Table.Th>
                <Table.Th scope="col">Customer id</Table.Th>
                <Table.Th scope="col">Reason</Table.Th>
                <Table.Th scope="col">Last seen</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {resets.data.items.map((item) => (
                <Table.Tr key={item.account}>
                  <Table.Td maw={260}>
                    <Code fz="xs" style={{ overflowWrap: 'anywhere' }}>
                      {item.account}
                    </Code>
                  </Table.Td>
                  <Table.Td>
                    {item.customerId ?? (
                      <Text span size="sm" c="dimmed">
                        unknown
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Badge color={reasonLabels[item.reason].color} variant="light">
                      {reasonLabels[item.reason].label}
                    </Badge>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <LocalTime iso={item.lastSeenAt} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {resets.data && resets.data.total > resets.data.items.length && (
        <Text size="xs" c="dimmed" mt="xs">
          Showing {resets.data.items.length} of {resets.data.total}; the API pages through all of
          them.
        </Text>
      )}
    </Modal>
  );
}
