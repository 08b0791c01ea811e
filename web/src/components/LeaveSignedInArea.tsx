import { useNavigate, useRouter } from '@tanstack/react-router';
import { useEffect } from 'react';

/**
 * Sends the user to the sign-in step they still owe, remembering the page they wanted.
 * It navigates once, on mount: reading the location reactively here would recompute the
 * "redirect" from the sign-in URL itself on every navigation and loop forever.
 */
export function LeaveSignedInArea({ to }: { to: '/sign-in' | '/sign-in/mfa' | '/mfa/enrol' }) {
  const router = useRouter();
  const navigate = useNavigate();
  useEffect(() => {
    const { pathname, href } = router.state.location;
    if (to === '/mfa/enrol') {
      void navigate({ to, replace: true });
      return;
    }
    const redirect = pathname === '/' || pathname.startsWith('/sign-in') ? undefined : href;
    void navigate({ to, search: { redirect }, replace: true });
  }, [router, navigate, to]);
  return null;
}
