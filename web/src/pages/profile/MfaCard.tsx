import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { fetchRemainingRecoveryCodes, regenerateRecoveryCodes } from '../../api/profile.js';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { MfaEnrolment } from '../../components/MfaEnrolment.js';
import { RecoveryCodes } from '../../components/RecoveryCodes.js';
import { sessionQueryKey, useSignedInSession } from '../../hooks/useSession.js';
import { DisableMfaForm } from './DisableMfaForm.js';

/** Two-factor status with enrol, disable and recovery-code regeneration. */
export function MfaCard() {
  const session = useSignedInSession();
  const queryClient = useQueryClient();
  // While enrolling, stay in the flow even if a background refetch already shows MFA on.
  const [enrolling, setEnrolling] = useState(false);
  const enabled = session.user.mfaEnabled;

  async function finishEnrolment() {
    await queryClient.invalidateQueries({ queryKey: sessionQueryKey });
    await queryClient.invalidateQueries({ queryKey: ['recovery-codes-remaining'] });
    setEnrolling(false);
    notifications.show({ color: 'teal', message: 'Two-factor authentication is on.' });
  }

  return (
    <Paper withBorder radius="md" p="md">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          Two-factor authentication
        </Title>
        <Badge color={enabled ? 'teal' : 'gray'} variant="light">
          {enabled ? 'On' : 'Off'}
        </Badge>
      </Group>
      {enrolling ? (
        <MfaEnrolment
          onFinished={() => void finishEnrolment()}
          onCancel={() => setEnrolling(false)}
        />
      ) : enabled ? (
        <EnabledMfa mfaRequired={session.mfaRequired} />
      ) : (
        <Stack gap="sm">
          <Text size="sm">
            A code from an authenticator app, asked for at every sign-in, keeps your account safe
            even if your password leaks.
          </Text>
          <Group>
            <Button onClick={() => setEnrolling(true)}>Turn on two-factor authentication</Button>
          </Group>
        </Stack>
      )}
    </Paper>
  );
}

function EnabledMfa({ mfaRequired }: { mfaRequired: boolean }) {
  const queryClient = useQueryClient();
  const remaining = useQuery({
    queryKey: ['recovery-codes-remaining'],
    queryFn: fetchRemainingRecoveryCodes,
  });
  const [codes, setCodes] = useState<string[] | null>(null);

  async function regenerate() {
    const result = await regenerateRecoveryCodes();
    setCodes(result.recoveryCodes);
    await queryClient.invalidateQueries({ queryKey: ['recovery-codes-remaining'] });
  }

  if (codes) {
    return (
      <Stack>
        <RecoveryCodes codes={codes} />
        <Group>
          <Button onClick={() => setCodes(null)}>I have saved my recovery codes</Button>
        </Group>
      </Stack>
    );
  }

  const count = remaining.data?.remaining;
  return (
    <Stack gap="md">
      <Text size="sm">
        Sign-in asks for a code from your authenticator app.{' '}
        {count !== undefined && (
          <Text span size="sm" c={count <= 2 ? 'red' : undefined}>
            {count === 1 ? '1 recovery code is' : `${count} recovery codes are`} left.
          </Text>
        )}
      </Text>
      <Group>
        <ConfirmButton
          variant="default"
          color="blue"
          title="Make new recovery codes?"
          message="Your current recovery codes stop working at once, and you will see a new set to save."
          confirmLabel="Make new codes"
          onConfirm={regenerate}
        >
          Make new recovery codes
        </ConfirmButton>
      </Group>
      {mfaRequired ? (
        <Text size="sm" c="dimmed">
          Your organisation requires two-factor authentication, so it cannot be turned off.
        </Text>
      ) : (
        <DisableMfaForm />
      )}
    </Stack>
  );
}
