import { Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Navigate, getRouteApi } from '@tanstack/react-router';
import { loginRequest } from '@contracts/identity.js';
import { fetchSetupStatus, signIn } from '../../api/session.js';
import { FormError } from '../../components/FormError.js';
import { FullPageLoader } from '../../components/FullPageLoader.js';
import { RedirectTo } from '../../components/RedirectTo.js';
import { PublicCard } from '../../components/PublicCard.js';
import { rememberSession, useSession } from '../../hooks/useSession.js';
import { useZodForm } from '../../hooks/useZodForm.js';
import { safeRedirect } from '../../lib/safe-redirect.js';

const route = getRouteApi('/sign-in');

export function SignInPage() {
  const { redirect } = route.useSearch();
  const queryClient = useQueryClient();
  const session = useSession();
  const setup = useQuery({ queryKey: ['setup-status'], queryFn: fetchSetupStatus });
  const form = useZodForm(loginRequest, { email: '', password: '' });
  const mutation = useMutation({
    mutationFn: signIn,
    onSuccess: (info) => rememberSession(queryClient, info),
    onError: (error) => form.applyError(error),
  });

  if (session.isPending || setup.isPending) return <FullPageLoader />;
  if (setup.data?.needsSetup) return <Navigate to="/setup" replace />;
  const state = session.data?.mfa;
  if (state === 'verified') return <RedirectTo path={safeRedirect(redirect) ?? '/'} />;
  if (state === 'pending') return <Navigate to="/sign-in/mfa" search={{ redirect }} replace />;
  if (state === 'enrol') return <Navigate to="/mfa/enrol" replace />;

  const submit = form.submitWith((input) => mutation.mutate(input));

  return (
    <PublicCard
      title="Sign in to Cordon"
      description="Use the email address and password of your Cordon account."
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormError message={form.formError} title="Could not sign you in" />
          <TextInput
            label="Email"
            type="email"
            autoComplete="username"
            required
            {...form.field('email')}
          />
          <PasswordInput
            label="Password"
            autoComplete="current-password"
            required
            {...form.field('password')}
          />
          <Button type="submit" loading={mutation.isPending} fullWidth>
            Sign in
          </Button>
        </Stack>
      </form>
      <Text size="sm" c="dimmed">
        New here, or forgot your password? An admin of your Cordon deployment can send you a link.
      </Text>
    </PublicCard>
  );
}
