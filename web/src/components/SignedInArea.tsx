import { Outlet } from '@tanstack/react-router';
import { useSession } from '../hooks/useSession.js';
import { AppLayout } from './AppLayout.js';
import { FullPageLoader } from './FullPageLoader.js';
import { LeaveSignedInArea } from './LeaveSignedInArea.js';
import { QueryError } from './QueryError.js';

/**
 * The gate in front of every signed-in page. A half-finished sign-in goes to the MFA step
 * it still owes; nobody signed in goes to sign-in, remembering where they were heading.
 */
export function SignedInArea() {
  const session = useSession();

  if (session.isPending) return <FullPageLoader />;
  if (session.isError)
    return <QueryError error={session.error} onRetry={() => void session.refetch()} />;
  const info = session.data;
  if (!info) return <LeaveSignedInArea to="/sign-in" />;
  if (info.mfa === 'pending') return <LeaveSignedInArea to="/sign-in/mfa" />;
  if (info.mfa === 'enrol') return <LeaveSignedInArea to="/mfa/enrol" />;
  return (
    <AppLayout session={info}>
      <Outlet />
    </AppLayout>
  );
}
