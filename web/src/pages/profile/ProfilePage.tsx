import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { LocalTime } from '../../components/LocalTime.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useSignedInSession } from '../../hooks/useSession.js';
import { roleLabels } from '../../lib/roles.js';
import { ChangePasswordCard } from './ChangePasswordCard.js';
import { MfaCard } from './MfaCard.js';
import { SessionsCard } from './SessionsCard.js';

export function ProfilePage() {
  const { user } = useSignedInSession();
  return (
    <>
      <PageHeader
        title="Profile"
        description="Your account, password, two-factor authentication and signed-in devices."
      />
      <Stack gap="lg" maw={960}>
        <Paper withBorder radius="md" p="md">
          <Title order={2} size="h4" mb="xs">
            Account
          </Title>
          <Group gap="xl">
            <div>
              <Text size="xs" c="dimmed">
                Name
              </Text>
              <Text>{user.displayName}</Text>
            </div>
            <div>
              <Text size="xs" c="dimmed">
                Email
              </Text>
              <Text>{user.email}</Text>
            </div>
            <div>
              <Text size="xs" c="dimmed">
                Role
              </Text>
              <Badge variant="light">{roleLabels[user.role]}</Badge>
            </div>
            <div>
              <Text size="xs" c="dimmed">
                Password changed
              </Text>
              <Text>
                <LocalTime iso={user.passwordChangedAt} fallback="never" />
              </Text>
            </div>
          </Group>
        </Paper>
        <MfaCard />
        <ChangePasswordCard />
        <SessionsCard />
      </Stack>
    </>
  );
}
