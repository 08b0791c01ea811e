import {
  Badge,
  Button,
  Group,
  Loader,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconUserPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { UserDto } from '@contracts/identity.js';
import { ApiError } from '../../api/client.js';
import { changeUserRole, fetchUsers, type Role } from '../../api/users.js';
import { LocalTime } from '../../components/LocalTime.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryError } from '../../components/QueryError.js';
import { useSignedInSession } from '../../hooks/useSession.js';
import { roleOptions } from '../../lib/roles.js';
import { InviteUserModal } from './InviteUserModal.js';
import { SecuritySettingsCard } from './SecuritySettingsCard.js';
import { UserActions } from './UserActions.js';

export const usersQueryKey = ['users'] as const;

const statusColors: Record<UserDto['status'], string> = {
  active: 'teal',
  invited: 'blue',
  disabled: 'gray',
};

export function UsersPage() {
  const users = useQuery({ queryKey: usersQueryKey, queryFn: fetchUsers });
  const [inviting, setInviting] = useState(false);

  return (
    <>
      <PageHeader
        title="Users"
        description="Invite people, set their role, and control how they sign in. Viewers read, analysts work, admins manage."
        actions={
          <Button
            leftSection={<IconUserPlus size={16} aria-hidden />}
            onClick={() => setInviting(true)}
          >
            Invite user
          </Button>
        }
      />
      <Stack gap="lg">
        <SecuritySettingsCard />
        <Paper withBorder radius="md">
          {users.isPending && <Loader m="md" aria-label="Loading users" />}
          {users.isError && <QueryError error={users.error} onRetry={() => void users.refetch()} />}
          {users.data && <UsersTable users={users.data} />}
        </Paper>
      </Stack>
      <InviteUserModal opened={inviting} onClose={() => setInviting(false)} />
    </>
  );
}

function UsersTable({ users }: { users: UserDto[] }) {
  const { user: me } = useSignedInSession();
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table verticalSpacing="sm" highlightOnHover>
        <Table.Caption>{users.length === 1 ? '1 user' : `${users.length} users`}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Name</Table.Th>
            <Table.Th scope="col">Role</Table.Th>
            <Table.Th scope="col">Status</Table.Th>
            <Table.Th scope="col">Two-factor</Table.Th>
            <Table.Th scope="col">Added</Table.Th>
            <Table.Th scope="col">
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.map((user) => (
            <Table.Tr key={user.id}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {user.displayName}{' '}
                  {user.id === me.id && (
                    <Badge size="xs" variant="outline">
                      you
                    </Badge>
                  )}
                </Text>
                <Text size="xs" c="dimmed">
                  {user.email}
                </Text>
              </Table.Td>
              <Table.Td>
                <RoleSelect user={user} />
              </Table.Td>
              {/* Wide enough for 'disabled': a squeezed badge would truncate its label. */}
              <Table.Td miw={100}>
                <Badge color={statusColors[user.status]} variant="light">
                  {user.status}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Badge color={user.mfaEnabled ? 'teal' : 'gray'} variant="light">
                  {user.mfaEnabled ? 'on' : 'off'}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  <LocalTime iso={user.createdAt} />
                </Text>
              </Table.Td>
              <Table.Td>
                <UserActions user={user} isSelf={user.id === me.id} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function RoleSelect({ user }: { user: UserDto }) {
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: (role: Role) => changeUserRole(user.id, role),
    onSuccess: async (updated) => {
      notifications.show({
        color: 'teal',
        message: `${updated.displayName} is now ${updated.role}.`,
      });
      await queryClient.invalidateQueries({ queryKey: usersQueryKey });
    },
    onError: (error) =>
      notifications.show({
        color: 'red',
        title: 'Role not changed',
        message: error instanceof ApiError ? error.message : 'Please try again.',
      }),
  });
  return (
    <Group gap="xs" wrap="nowrap">
      <Select
        aria-label={`Role for ${user.displayName}`}
        data={roleOptions}
        value={user.role}
        allowDeselect={false}
        disabled={mutation.isPending || user.status === 'disabled'}
        onChange={(value) => value && value !== user.role && mutation.mutate(value)}
        w={130}
        size="xs"
      />
      {mutation.isPending && <Loader size="xs" aria-label="Saving role" />}
    </Group>
  );
}
