import { Center, Loader, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { QueryError } from '../../components/QueryError.js';

/** What ListState reads of a TanStack query (plain or infinite). */
export interface ListQuery {
  isPending: boolean;
  isError: boolean;
  isSuccess: boolean;
  error: unknown;
  refetch: () => Promise<unknown>;
}

/**
 * A loaded list's states: a spinner while pending, the error with a retry, a line when it is
 * empty, and the list itself once it has items (kept on a failed refetch, beside the error).
 */
export function ListState({
  query,
  count,
  loadingLabel,
  empty,
  children,
}: {
  query: ListQuery;
  count: number;
  loadingLabel: string;
  empty: ReactNode;
  children: ReactNode;
}) {
  return (
    <>
      {query.isPending && (
        <Center p="md">
          <Loader aria-label={loadingLabel} />
        </Center>
      )}
      {query.isError && <QueryError error={query.error} onRetry={() => void query.refetch()} />}
      {query.isSuccess && count === 0 && (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      )}
      {count > 0 && children}
    </>
  );
}
