import { Button, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { z } from 'zod';
import { setupRequest } from '@contracts/identity.js';
import { completeSetup, fetchSetupStatus } from '../../api/session.js';
import { FormError } from '../../components/FormError.js';
import { NewPasswordFields, passwordMismatch } from '../../components/NewPasswordFields.js';
import { FullPageLoader } from '../../components/FullPageLoader.js';
import { PublicCard } from '../../components/PublicCard.js';
import { QueryError } from '../../components/QueryError.js';
import { useZodForm } from '../../hooks/useZodForm.js';
import { readFragmentParam } from '../../lib/fragment.js';

const setupForm = setupRequest.extend({ confirmPassword: z.string() });

/** First run: the set-up token from the server console creates the first admin. */
export function SetupPage() {
  const status = useQuery({ queryKey: ['setup-status'], queryFn: fetchSetupStatus });

  if (status.isPending) return <FullPageLoader />;
  if (status.isError)
    return <QueryError error={status.error} onRetry={() => void status.refetch()} />;
  if (!status.data.needsSetup) {
    return (
      <PublicCard
        title="Cordon is already set up"
        description="An admin account exists, so first-run set-up is closed."
      >
        <Button component={Link} to="/sign-in">
          Go to sign-in
        </Button>
      </PublicCard>
    );
  }
  return <SetupForm />;
}

function SetupForm() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [initialToken] = useState(() => readFragmentParam('token'));
  const form = useZodForm(setupForm, {
    token: initialToken,
    displayName: '',
    email: '',
    password: '',
    confirmPassword: '',
  });
  const mutation = useMutation({
    mutationFn: completeSetup,
    onSuccess: async (user) => {
      notifications.show({
        color: 'teal',
        title: 'Set-up complete',
        message: `Sign in as ${user.email} to continue.`,
      });
      await queryClient.invalidateQueries({ queryKey: ['setup-status'] });
      await navigate({ to: '/sign-in' });
    },
    onError: (error) => form.applyError(error),
  });

  const submit = form.submitWith(
    ({ confirmPassword: _confirm, ...request }) => mutation.mutate(request),
    (values) => passwordMismatch(values.password, values.confirmPassword),
  );

  return (
    <PublicCard
      title="Set up Cordon"
      description="Create the first admin account. Everyone else is invited from inside the app."
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormError message={form.formError} title="Set-up failed" />
          <TextInput
            label="Set-up token"
            description="Printed on the server console as “Set-up token: …” while no account exists."
            autoComplete="off"
            spellCheck={false}
            required
            {...form.field('token')}
          />
          <TextInput
            label="Your name"
            autoComplete="name"
            required
            {...form.field('displayName')}
          />
          <TextInput
            label="Email"
            type="email"
            autoComplete="username"
            required
            {...form.field('email')}
          />
          <NewPasswordFields
            password={form.field('password')}
            confirm={form.field('confirmPassword')}
          />
          <Button type="submit" loading={mutation.isPending} fullWidth>
            Create admin account
          </Button>
          <Text size="xs" c="dimmed">
            You will sign in next, and can then turn on two-factor authentication from your profile.
          </Text>
        </Stack>
      </form>
    </PublicCard>
  );
}
