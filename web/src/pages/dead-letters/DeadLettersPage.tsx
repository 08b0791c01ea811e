import { Button, Center, Loader, Paper, Stack, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { fetchJobs } from '../../api/jobs.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryError } from '../../components/QueryError.js';
import { DeadJobsTable } from './DeadJobsTable.js';

export const deadJobsQueryKey = ['jobs', 'dead'] as const;

/** Background jobs that used up every attempt. Retrying queues one again with fresh attempts. */
export function DeadLettersPage() {
  const jobs = useInfiniteQuery({
    queryKey: deadJobsQueryKey,
    queryFn: ({ pageParam }) => fetchJobs('dead', pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextBefore,
  });
  const items = jobs.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <PageHeader
        title="Dead letters"
        description="Background jobs (emails, reminders, feed syncs) that failed on every attempt. Fix the cause shown in the error, then retry."
      />
      <Stack gap="md">
        <Paper withBorder radius="md">
          {jobs.isPending && (
            <Center p="md">
              <Loader aria-label="Loading failed jobs" />
            </Center>
          )}
          {jobs.isError && <QueryError error={jobs.error} onRetry={() => void jobs.refetch()} />}
          {jobs.isSuccess && items.length === 0 && (
            <Text p="md" c="dimmed">
              No dead jobs. Every background job has succeeded or is still being tried.
            </Text>
          )}
          {items.length > 0 && <DeadJobsTable jobs={items} />}
        </Paper>
        {jobs.hasNextPage && (
          <Center>
            <Button
              variant="default"
              onClick={() => void jobs.fetchNextPage()}
              loading={jobs.isFetchingNextPage}
            >
              Load more
            </Button>
          </Center>
        )}
      </Stack>
    </>
  );
}
