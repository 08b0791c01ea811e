import { Button, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { mfaDisableRequest } from '@contracts/identity.js';
import { disableMfa } from '../../api/profile.js';
import { FormError } from '../../components/FormError.js';
import { sessionQueryKey } from '../../hooks/useSession.js';
import { useZodForm } from '../../hooks/useZodForm.js';

/** Turning MFA off needs the password, so an unattended session cannot do it. */
export function DisableMfaForm() {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const form = useZodForm(mfaDisableRequest, { password: '' });
  const mutation = useMutation({
    mutationFn: (password: string) => disableMfa(password),
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: 'Two-factor authentication is off.' });
      await queryClient.invalidateQueries({ queryKey: sessionQueryKey });
    },
    onError: (error) => form.applyError(error),
  });

  if (!open) {
    return (
      <Group>
        <Button variant="subtle" color="red" onClick={() => setOpen(true)}>
          Turn off two-factor authentication
        </Button>
      </Group>
    );
  }

  const submit = form.submitWith((input) => mutation.mutate(input.password));

  return (
    <form onSubmit={submit} noValidate>
      <Stack maw={420} gap="sm">
        <Text size="sm">Confirm with your password. Your recovery codes stop working too.</Text>
        <FormError message={form.formError} title="Two-factor is still on" />
        <PasswordInput
          label="Password"
          autoComplete="current-password"
          required
          data-autofocus
          {...form.field('password')}
        />
        <Group>
          <Button type="submit" color="red" loading={mutation.isPending}>
            Turn off
          </Button>
          <Button variant="default" onClick={() => setOpen(false)}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
