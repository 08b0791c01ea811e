import { Button, Center, Loader, Paper, Stack, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { fetchAuditEvents, type AuditFilter } from '../../api/audit.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryError } from '../../components/QueryError.js';
import { useSignedInSession } from '../../hooks/useSession.js';
import { localTimeZone } from '../../lib/format.js';
import { AuditFilters } from './AuditFilters.js';
import { AuditTable } from './AuditTable.js';
import { VerifyChain } from './VerifyChain.js';

const PAGE_SIZE = 50;

/** The hash-chained audit log, newest first, filterable and paged with "load more". */
export function AuditLogPage() {
  const { user } = useSignedInSession();
  const [filter, setFilter] = useState<AuditFilter>({});
  const events = useInfiniteQuery({
    queryKey: ['audit-events', filter],
    queryFn: ({ pageParam }) => fetchAuditEvents(filter, pageParam, PAGE_SIZE),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
  const items = events.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <PageHeader
        title="Audit log"
        description={`Every security-relevant action, who did it and whether it succeeded. Entries are hash-chained so tampering shows. Times are in your zone (${localTimeZone()}).`}
        actions={user.role === 'admin' ? <VerifyChain /> : undefined}
      />
      <Stack gap="md">
        <AuditFilters isAdmin={user.role === 'admin'} onApply={setFilter} />
        <Paper withBorder radius="md">
          {events.isPending && (
            <Center p="md">
              <Loader aria-label="Loading audit events" />
            </Center>
          )}
          {events.isError && (
            <QueryError error={events.error} onRetry={() => void events.refetch()} />
          )}
          {events.isSuccess && items.length === 0 && (
            <Text p="md" c="dimmed">
              No audit events match these filters.
            </Text>
          )}
          {items.length > 0 && <AuditTable events={items} />}
        </Paper>
        {events.hasNextPage && (
          <Center>
            <Button
              variant="default"
              onClick={() => void events.fetchNextPage()}
              loading={events.isFetchingNextPage}
            >
              Load more
            </Button>
          </Center>
        )}
        {events.isSuccess && !events.hasNextPage && items.length > 0 && (
          <Text size="sm" c="dimmed" ta="center">
            {items.length === 1 ? '1 event' : `${items.length} events`}; that is all.
          </Text>
        )}
      </Stack>
    </>
  );
}
