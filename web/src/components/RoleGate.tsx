import { Outlet } from '@tanstack/react-router';
import type { Role } from '../api/users.js';
import { useSignedInSession } from '../hooks/useSession.js';
import { roleAtLeast } from '../lib/roles.js';
import { NoAccess } from './NoAccess.js';

/** Renders the nested pages only for users with at least `minimum`; others see why not. */
export function RoleGate({ minimum }: { minimum: Role }) {
  const session = useSignedInSession();
  if (!roleAtLeast(session.user.role, minimum))
    return <NoAccess required={minimum} current={session.user.role} />;
  return <Outlet />;
}
