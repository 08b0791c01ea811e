import { Button, Group } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Navigate, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { FullPageLoader } from '../../components/FullPageLoader.js';
import { MfaEnrolment } from '../../components/MfaEnrolment.js';
import { PublicCard } from '../../components/PublicCard.js';
import { sessionQueryKey, useSession, useSignOut } from '../../hooks/useSession.js';

/** Shown after sign-in when the deployment requires MFA and this user has none yet. */
export function ForcedMfaEnrolmentPage() {
  const session = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const signOut = useSignOut();
  // Once codes are on screen the session is already verified; stay until they are saved.
  const [showingCodes, setShowingCodes] = useState(false);

  if (session.isPending) return <FullPageLoader />;
  const state = session.data?.mfa;
  if (!state) return <Navigate to="/sign-in" replace />;
  if (state === 'pending') return <Navigate to="/sign-in/mfa" replace />;
  if (state === 'verified' && !showingCodes) return <Navigate to="/" replace />;

  async function finish() {
    await queryClient.invalidateQueries({ queryKey: sessionQueryKey });
    setShowingCodes(false);
    await navigate({ to: '/' });
  }

  return (
    <PublicCard
      title="Set up two-factor authentication"
      description="Your organisation requires a second factor for every account. Add Cordon to an authenticator app to continue."
    >
      <MfaEnrolment onConfirmed={() => setShowingCodes(true)} onFinished={() => void finish()} />
      {!showingCodes && (
        <Group justify="flex-end">
          <Button variant="subtle" color="gray" size="compact-sm" onClick={() => void signOut()}>
            Cancel and sign out
          </Button>
        </Group>
      )}
    </PublicCard>
  );
}
