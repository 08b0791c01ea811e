import { Center, Loader, Table, VisuallyHidden } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { QueryError } from '../../components/QueryError.js';

/** A tab's list while it loads or when loading failed, with a retry. */
export function QueryState({
  query,
  loadingLabel,
}: {
  query: Pick<UseQueryResult<unknown>, 'isPending' | 'isError' | 'error' | 'refetch'>;
  loadingLabel: string;
}) {
  return (
    <>
      {query.isPending && (
        <Center p="md">
          <Loader aria-label={loadingLabel} />
        </Center>
      )}
      {query.isError && <QueryError error={query.error} onRetry={() => void query.refetch()} />}
    </>
  );
}

/** The scrolling table the tabs list their rows in; an unlabelled last column holds actions. */
export function TrustTable({
  label,
  minWidth,
  columns,
  withActions = false,
  children,
}: {
  label: string;
  minWidth: number;
  columns: string[];
  withActions?: boolean;
  children: ReactNode;
}) {
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table aria-label={label} verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            {columns.map((column) => (
              <Table.Th key={column}>{column}</Table.Th>
            ))}
            {withActions && (
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
