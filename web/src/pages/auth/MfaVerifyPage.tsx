import { Button, Group, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Navigate, getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { z } from 'zod';
import { verifyMfa } from '../../api/session.js';
import { FormError } from '../../components/FormError.js';
import { FullPageLoader } from '../../components/FullPageLoader.js';
import { RedirectTo } from '../../components/RedirectTo.js';
import { PublicCard } from '../../components/PublicCard.js';
import { rememberSession, useSession, useSignOut } from '../../hooks/useSession.js';
import { useZodForm } from '../../hooks/useZodForm.js';
import { safeRedirect } from '../../lib/safe-redirect.js';

const route = getRouteApi('/sign-in/mfa');
const codeSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'must be the 6 digits your app shows'),
});
const recoverySchema = z.object({
  recoveryCode: z
    .string()
    .trim()
    .min(8, 'must be a recovery code')
    .max(40, 'must be a recovery code'),
});

/** The second sign-in step: a code from the authenticator app, or a one-time recovery code. */
export function MfaVerifyPage() {
  const { redirect } = route.useSearch();
  const session = useSession();
  const [mode, setMode] = useState<'code' | 'recovery'>('code');
  const signOut = useSignOut();

  if (session.isPending) return <FullPageLoader />;
  const state = session.data?.mfa;
  if (!state) return <Navigate to="/sign-in" search={{ redirect }} replace />;
  if (state === 'verified') return <RedirectTo path={safeRedirect(redirect) ?? '/'} />;
  if (state === 'enrol') return <Navigate to="/mfa/enrol" replace />;

  return (
    <PublicCard
      title="Two-factor verification"
      description={
        mode === 'code'
          ? 'Enter the 6-digit code from your authenticator app.'
          : 'Enter one of the recovery codes you saved when you set up two-factor authentication. Each code works once.'
      }
    >
      {mode === 'code' ? <CodeForm key="code" /> : <RecoveryCodeForm key="recovery" />}
      <Group justify="space-between">
        <Button
          variant="subtle"
          size="compact-sm"
          onClick={() => setMode(mode === 'code' ? 'recovery' : 'code')}
        >
          {mode === 'code' ? 'Use a recovery code instead' : 'Use my authenticator app instead'}
        </Button>
        <Button variant="subtle" color="gray" size="compact-sm" onClick={() => void signOut()}>
          Cancel and sign out
        </Button>
      </Group>
    </PublicCard>
  );
}

function useVerify(onError: (error: unknown) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: verifyMfa,
    onSuccess: (info) => rememberSession(queryClient, info),
    onError,
  });
}

function CodeForm() {
  const form = useZodForm(codeSchema, { code: '' });
  const mutation = useVerify((error) => form.applyError(error));
  const submit = form.submitWith((input) => mutation.mutate(input));
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormError message={form.formError} title="Could not verify the code" />
        <TextInput
          label="Verification code"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          required
          data-autofocus
          {...form.field('code')}
        />
        <Button type="submit" loading={mutation.isPending} fullWidth>
          Verify
        </Button>
      </Stack>
    </form>
  );
}

function RecoveryCodeForm() {
  const form = useZodForm(recoverySchema, { recoveryCode: '' });
  const mutation = useVerify((error) => form.applyError(error));
  const submit = form.submitWith((input) => mutation.mutate(input));
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormError message={form.formError} title="Could not use the recovery code" />
        <TextInput
          label="Recovery code"
          autoComplete="off"
          spellCheck={false}
          required
          {...form.field('recoveryCode')}
        />
        <Button type="submit" loading={mutation.isPending} fullWidth>
          Verify
        </Button>
      </Stack>
    </form>
  );
}
