import { Button, Group, Image, List, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { mfaConfirmRequest } from '@contracts/identity.js';
import {
  beginMfaEnrolment,
  confirmMfaEnrolment,
  type MfaEnrolment as Enrolment,
} from '../api/profile.js';
import { useZodForm } from '../hooks/useZodForm.js';
import { FormError } from './FormError.js';
import { RecoveryCodes } from './RecoveryCodes.js';
import { SecretValue } from './SecretValue.js';

interface MfaEnrolmentProps {
  /** Called when the code is accepted and recovery codes are on screen. */
  onConfirmed?: () => void;
  /** Called once the user says the recovery codes are saved. */
  onFinished: () => void;
  onCancel?: () => void;
}

/**
 * Enrolment starts on a click, not on mount: each start issues a new secret, so an
 * accidental second start would silently invalidate the QR code already on screen.
 */
export function MfaEnrolment({ onConfirmed, onFinished, onCancel }: MfaEnrolmentProps) {
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const begin = useMutation({ mutationFn: beginMfaEnrolment, onSuccess: setEnrolment });

  if (codes) {
    return (
      <Stack>
        <Text fw={500}>Two-factor authentication is on.</Text>
        <RecoveryCodes codes={codes} />
        <Group justify="flex-end">
          <Button onClick={onFinished}>I have saved my recovery codes</Button>
        </Group>
      </Stack>
    );
  }

  if (!enrolment) {
    return (
      <Stack>
        <Text size="sm">
          You will need an authenticator app such as Aegis, Google Authenticator, 1Password or
          Microsoft Authenticator.
        </Text>
        <FormError message={begin.error?.message} title="Could not start set-up" />
        <Group>
          <Button onClick={() => begin.mutate()} loading={begin.isPending}>
            Start set-up
          </Button>
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
          )}
        </Group>
      </Stack>
    );
  }

  return (
    <ConfirmStep
      enrolment={enrolment}
      onCancel={onCancel}
      onConfirmed={(recoveryCodes) => {
        setCodes(recoveryCodes);
        onConfirmed?.();
      }}
    />
  );
}

function ConfirmStep({
  enrolment,
  onConfirmed,
  onCancel,
}: {
  enrolment: Enrolment;
  onConfirmed: (codes: string[]) => void;
  onCancel?: (() => void) | undefined;
}) {
  const form = useZodForm(mfaConfirmRequest, { code: '' });
  const confirm = useMutation({
    mutationFn: confirmMfaEnrolment,
    onSuccess: (result) => onConfirmed(result.recoveryCodes),
    onError: (error) => form.applyError(error),
  });

  const submit = form.submitWith((input) => confirm.mutate(input.code));

  return (
    <Stack>
      <List type="ordered" size="sm" spacing="xs">
        <List.Item>Scan the QR code with your authenticator app.</List.Item>
        <List.Item>If you cannot scan it, enter the set-up key by hand.</List.Item>
        <List.Item>Type the 6-digit code the app shows to confirm.</List.Item>
      </List>
      <Image
        src={enrolment.qrCodeDataUrl}
        alt="QR code that adds Cordon to your authenticator app"
        w={200}
        h={200}
        fit="contain"
        bg="white"
        p={6}
        radius="sm"
      />
      <SecretValue label="Set-up key" value={enrolment.secret} testId="mfa-secret" />
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormError message={form.formError} title="Could not confirm the code" />
          <TextInput
            label="6-digit code from your app"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            required
            {...form.field('code')}
          />
          <Group>
            <Button type="submit" loading={confirm.isPending}>
              Confirm and turn on
            </Button>
            {onCancel && (
              <Button variant="default" onClick={onCancel}>
                Cancel
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
