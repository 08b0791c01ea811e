import { Button, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { z } from 'zod';
import { acceptInvitationRequest } from '@contracts/identity.js';
import { isApiError } from '../../api/client.js';
import { acceptInvitation, inspectInvitation } from '../../api/session.js';
import { FormError } from '../../components/FormError.js';
import { NewPasswordFields, passwordMismatch } from '../../components/NewPasswordFields.js';
import { FullPageLoader } from '../../components/FullPageLoader.js';
import { PublicCard } from '../../components/PublicCard.js';
import { QueryError } from '../../components/QueryError.js';
import { useZodForm } from '../../hooks/useZodForm.js';
import { readFragmentParam } from '../../lib/fragment.js';

const acceptForm = acceptInvitationRequest.extend({ confirmPassword: z.string() });

/** Opened from the emailed link `/invite#token=…`: the invitee chooses a password. */
export function AcceptInvitationPage() {
  const [token] = useState(() => readFragmentParam('token'));
  const invitation = useQuery({
    queryKey: ['invitation', token],
    queryFn: () => inspectInvitation(token),
    enabled: token.length > 0,
    retry: false,
  });

  if (
    !token ||
    isApiError(invitation.error, 'NOT_FOUND') ||
    isApiError(invitation.error, 'VALIDATION')
  ) {
    return (
      <PublicCard
        title="This link does not work"
        description="The invitation link is incomplete, has already been used, or has expired. Ask an admin to send you a new link."
      >
        <Button component={Link} to="/sign-in" variant="light">
          Go to sign-in
        </Button>
      </PublicCard>
    );
  }
  if (invitation.isPending) return <FullPageLoader />;
  if (invitation.isError)
    return <QueryError error={invitation.error} onRetry={() => void invitation.refetch()} />;

  const { email, displayName, purpose } = invitation.data;
  return (
    <PublicCard
      title={purpose === 'invite' ? `Welcome to Cordon, ${displayName}` : 'Choose a new password'}
      description={
        purpose === 'invite'
          ? 'Choose a password to finish setting up your account.'
          : `For ${email}.`
      }
    >
      <AcceptForm token={token} email={email} />
    </PublicCard>
  );
}

function AcceptForm({ token, email }: { token: string; email: string }) {
  const navigate = useNavigate();
  const form = useZodForm(acceptForm, { token, password: '', confirmPassword: '' });
  const mutation = useMutation({
    mutationFn: acceptInvitation,
    onSuccess: async () => {
      notifications.show({
        color: 'teal',
        title: 'Password saved',
        message: `Sign in as ${email} with your new password.`,
      });
      await navigate({ to: '/sign-in' });
    },
    onError: (error) => form.applyError(error),
  });

  const submit = form.submitWith(
    (input) => mutation.mutate({ token: input.token, password: input.password }),
    (values) => passwordMismatch(values.password, values.confirmPassword),
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormError message={form.formError} title="Could not save the password" />
        <TextInput label="Email" value={email} readOnly autoComplete="username" />
        <NewPasswordFields
          password={form.field('password')}
          confirm={form.field('confirmPassword')}
        />
        <Button type="submit" loading={mutation.isPending} fullWidth>
          Save password
        </Button>
      </Stack>
    </form>
  );
}
