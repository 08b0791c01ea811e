import { Button, Center, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import type { Role } from '../api/users.js';
import { roleLabels } from '../lib/roles.js';

/** Shown instead of a page the user's role may not open. */
export function NoAccess({ required, current }: { required: Role; current: Role }) {
  return (
    <Center py="xl">
      <Stack align="center" gap="sm" maw={480} ta="center" data-testid="no-access">
        <ThemeIcon size={56} radius="xl" color="gray" variant="light" aria-hidden>
          <IconLock size={30} />
        </ThemeIcon>
        <Title order={1} size="h2">
          You don&apos;t have access to this page
        </Title>
        <Text c="dimmed">
          This area needs the {roleLabels[required]} role; you are signed in as{' '}
          {roleLabels[current]}. Ask an admin if you need it.
        </Text>
        <Button component={Link} to="/" variant="light">
          Go to your start page
        </Button>
      </Stack>
    </Center>
  );
}
