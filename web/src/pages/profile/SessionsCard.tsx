import { Badge, Group, Loader, Paper, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import {
  fetchOwnSessions,
  revokeAllOwnSessions,
  revokeOwnSession,
  type OwnSession,
} from '../../api/profile.js';
import { setCsrfToken } from '../../api/client.js';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { LocalTime } from '../../components/LocalTime.js';
import { QueryError } from '../../components/QueryError.js';
import { forgetSession } from '../../hooks/useSession.js';
import { describeUserAgent } from '../../lib/user-agent.js';

const ownSessionsKey = ['own-sessions'] as const;

/** Where this account is signed in, with per-session revoke and "sign out everywhere". */
export function SessionsCard() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const sessions = useQuery({ queryKey: ownSessionsKey, queryFn: fetchOwnSessions });

  async function revoke(session: OwnSession) {
    await revokeOwnSession(session.id);
    notifications.show({
      color: 'teal',
      message: `Signed out ${describeUserAgent(session.userAgent)}.`,
    });
    await queryClient.invalidateQueries({ queryKey: ownSessionsKey });
  }

  async function revokeAll() {
    await revokeAllOwnSessions();
    setCsrfToken(null);
    forgetSession(queryClient);
    notifications.show({
      color: 'teal',
      message: 'You were signed out on every device, this one included.',
    });
    await navigate({ to: '/sign-in' });
  }

  return (
    <Paper withBorder radius="md" p="md">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          Signed-in sessions
        </Title>
        <ConfirmButton
          variant="light"
          title="Sign out everywhere?"
          message="Every session of your account ends, including this one. Use this if a device was lost or you suspect someone else signed in."
          confirmLabel="Sign out everywhere"
          onConfirm={revokeAll}
        >
          Sign out everywhere
        </ConfirmButton>
      </Group>
      {sessions.isPending && <Loader size="sm" aria-label="Loading sessions" />}
      {sessions.isError && (
        <QueryError error={sessions.error} onRetry={() => void sessions.refetch()} />
      )}
      {sessions.data && (
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Device</Table.Th>
                <Table.Th scope="col">IP address</Table.Th>
                <Table.Th scope="col">Signed in</Table.Th>
                <Table.Th scope="col">Last active</Table.Th>
                <Table.Th scope="col">Expires</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sessions.data.map((session) => (
                <Table.Tr key={session.id}>
                  <Table.Td>
                    <Text size="sm" title={session.userAgent ?? undefined}>
                      {describeUserAgent(session.userAgent)}{' '}
                      {session.current && (
                        <Badge size="xs" color="teal" variant="light">
                          this device
                        </Badge>
                      )}
                    </Text>
                  </Table.Td>
                  <Table.Td>{session.ip ?? '—'}</Table.Td>
                  <Table.Td>
                    <LocalTime iso={session.createdAt} />
                  </Table.Td>
                  <Table.Td>
                    <LocalTime iso={session.lastSeenAt} />
                  </Table.Td>
                  <Table.Td>
                    <LocalTime iso={session.expiresAt} />
                  </Table.Td>
                  <Table.Td>
                    {!session.current && (
                      <ConfirmButton
                        size="xs"
                        variant="light"
                        aria-label={`Sign out ${describeUserAgent(session.userAgent)} session from ${session.ip ?? 'unknown address'}`}
                        title="Sign out this session?"
                        message={`${describeUserAgent(session.userAgent)} will have to sign in again.`}
                        confirmLabel="Sign it out"
                        onConfirm={() => revoke(session)}
                      >
                        Sign out
                      </ConfirmButton>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
