import { Badge, Button, Group, Paper, SegmentedControl, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { REQUEST_STATUSES } from '@contracts/trust.js';
import {
  useAccessRequests,
  useApproveAccessRequest,
  useDenyAccessRequest,
  useRevokeAccessRequest,
  type AccessRequest,
} from '../../api/trust.js';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { LocalTime } from '../../components/LocalTime.js';
import { QueryState, TrustTable } from './TrustSection.js';
import { notifyFailure } from './trustForms.js';

type Status = AccessRequest['status'];
const statusColours: Record<Status, string> = {
  pending: 'yellow',
  approved: 'teal',
  denied: 'gray',
  revoked: 'red',
};

/** Requests for documents shared on request: approving mails a time-limited link. */
export function RequestsTab() {
  const requests = useAccessRequests();
  const [shown, setShown] = useState<Status | 'all'>('pending');
  const items = (requests.data ?? []).filter((r) => shown === 'all' || r.status === shown);

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="trust-requests">
      <Group justify="space-between" mb="md">
        <Title order={2} size="h4" id="trust-requests">
          Access requests
        </Title>
        <SegmentedControl
          aria-label="Show requests"
          size="xs"
          value={shown}
          onChange={(value) => setShown(value)}
          data={[
            ...REQUEST_STATUSES.map((value) => ({
              value,
              label: value[0]!.toUpperCase() + value.slice(1),
            })),
            { value: 'all', label: 'All' },
          ]}
        />
      </Group>
      <QueryState query={requests} loadingLabel="Loading the access requests" />
      {requests.data && items.length === 0 && (
        <Text size="sm" c="dimmed">
          No {shown === 'all' ? '' : `${shown} `}requests.
        </Text>
      )}
      {items.length > 0 && (
        <TrustTable
          label="Access requests"
          minWidth={760}
          columns={['Requester', 'Document', 'Reason', 'Status', 'Asked']}
          withActions
        >
          {items.map((item) => (
            <RequestRow key={item.id} request={item} />
          ))}
        </TrustTable>
      )}
    </Paper>
  );
}

function RequestRow({ request }: { request: AccessRequest }) {
  const approve = useApproveAccessRequest();
  const deny = useDenyAccessRequest();
  const revoke = useRevokeAccessRequest();
  const failed = (error: unknown) => notifyFailure(error, 'That did not work.');
  const who = `${request.name} (${request.company})`;

  return (
    <Table.Tr>
      <Table.Th scope="row" fw={500}>
        <Text size="sm" fw={500}>
          {request.name}
        </Text>
        <Text size="xs" c="dimmed">
          {request.company} · {request.email}
        </Text>
      </Table.Th>
      <Table.Td>{request.documentTitle}</Table.Td>
      <Table.Td>
        <Text size="sm" lineClamp={3} title={request.reason}>
          {request.reason}
        </Text>
      </Table.Td>
      <Table.Td>
        <Badge variant="light" color={statusColours[request.status]}>
          {request.status}
        </Badge>
        {request.linkExpiresAt && request.status === 'approved' && (
          <Text size="xs" c="dimmed">
            link until <LocalTime iso={request.linkExpiresAt} />
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <LocalTime iso={request.createdAt} />
      </Table.Td>
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          {request.status === 'pending' && (
            <>
              <Button
                size="xs"
                color="teal"
                aria-label={`Approve request from ${who}`}
                loading={approve.isPending}
                onClick={() =>
                  approve.mutate(request.id, {
                    onSuccess: () =>
                      notifications.show({
                        color: 'teal',
                        message: `Approved: ${request.email} is sent a download link.`,
                      }),
                    onError: failed,
                  })
                }
              >
                Approve
              </Button>
              <Button
                size="xs"
                variant="default"
                aria-label={`Deny request from ${who}`}
                loading={deny.isPending}
                onClick={() => deny.mutate(request.id, { onError: failed })}
              >
                Deny
              </Button>
            </>
          )}
          {request.status === 'approved' && (
            <ConfirmButton
              size="xs"
              variant="light"
              aria-label={`Revoke link for ${who}`}
              title="Revoke this download link?"
              message={`The link sent to ${request.email} stops working at once.`}
              confirmLabel="Revoke link"
              onConfirm={() => revoke.mutateAsync(request.id)}
            >
              Revoke
            </ConfirmButton>
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
