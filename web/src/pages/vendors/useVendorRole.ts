import { useSignedInSession } from '../../hooks/useSession.js';
import { roleAtLeast } from '../../lib/roles.js';

/** What the signed-in user may do here; the server checks again. */
export function useVendorRole() {
  const { user } = useSignedInSession();
  return {
    role: user.role,
    canWrite: roleAtLeast(user.role, 'analyst'),
    isAdmin: roleAtLeast(user.role, 'admin'),
  };
}
