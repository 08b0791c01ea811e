import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconLogout, IconUser } from '@tabler/icons-react';
import { Link, useNavigate } from '@tanstack/react-router';
import type { SessionInfo } from '../api/session.js';
import { useSignOut } from '../hooks/useSession.js';
import { roleLabels } from '../lib/roles.js';

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase() ?? '')
    .join('');
}

export function UserMenu({ session }: { session: SessionInfo }) {
  const signOut = useSignOut();
  const navigate = useNavigate();
  const { user } = session;

  async function handleSignOut() {
    await signOut().catch(() => undefined);
    await navigate({ to: '/sign-in' });
  }

  return (
    <Menu position="bottom-end" width={220}>
      <Menu.Target>
        <UnstyledButton aria-label={`Account menu for ${user.displayName}`}>
          <Group gap="xs" wrap="nowrap">
            <Avatar size="sm" radius="xl" color="blue" aria-hidden>
              {initials(user.displayName)}
            </Avatar>
            <div>
              <Text size="sm" fw={500} lh={1.2}>
                {user.displayName}
              </Text>
              <Text size="xs" c="dimmed" lh={1.2}>
                {roleLabels[user.role]}
              </Text>
            </div>
            <IconChevronDown size={14} aria-hidden />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{user.email}</Menu.Label>
        <Menu.Item component={Link} to="/profile" leftSection={<IconUser size={16} aria-hidden />}>
          Profile
        </Menu.Item>
        <Menu.Item
          leftSection={<IconLogout size={16} aria-hidden />}
          onClick={() => void handleSignOut()}
        >
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
