import { useRouter } from '@tanstack/react-router';
import { useEffect } from 'react';

/** Replaces the current entry with an already-checked same-app path (e.g. a post-sign-in target). */
export function RedirectTo({ path }: { path: string }) {
  const router = useRouter();
  useEffect(() => {
    router.history.replace(path);
  }, [router, path]);
  return null;
}
