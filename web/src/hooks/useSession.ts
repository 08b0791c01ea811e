import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { fetchSession, signOut, type SessionInfo } from '../api/session.js';

export const sessionQueryKey = ['session'] as const;

export function useSession() {
  return useQuery({ queryKey: sessionQueryKey, queryFn: fetchSession, staleTime: 60_000 });
}

/** The signed-in session; only for components rendered inside the signed-in area. */
export function useSignedInSession(): SessionInfo {
  const { data } = useSession();
  if (!data) throw new Error('useSignedInSession used outside the signed-in area');
  return data;
}

export function rememberSession(queryClient: QueryClient, session: SessionInfo | null): void {
  queryClient.setQueryData(sessionQueryKey, session);
}

/** Forgets everything cached for the previous user, so the next one starts clean. */
export function forgetSession(queryClient: QueryClient): void {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionQueryKey[0] });
  queryClient.setQueryData(sessionQueryKey, null);
}

export function useSignOut(): () => Promise<void> {
  const queryClient = useQueryClient();
  return useCallback(async () => {
    try {
      await signOut();
    } finally {
      forgetSession(queryClient);
    }
  }, [queryClient]);
}
