import { Button, Code, Spoiler, Table, Text, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconRefresh } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../api/client.js';
import { retryJob, type JobSummary } from '../../api/jobs.js';
import { LocalTime } from '../../components/LocalTime.js';

export function DeadJobsTable({ jobs }: { jobs: JobSummary[] }) {
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Job</Table.Th>
            <Table.Th scope="col">Attempts</Table.Th>
            <Table.Th scope="col">Last error</Table.Th>
            <Table.Th scope="col">Created</Table.Th>
            <Table.Th scope="col">Gave up</Table.Th>
            <Table.Th scope="col">
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {jobs.map((job) => (
            <Table.Tr key={job.id}>
              <Table.Td>
                <Code fz="xs">{job.name}</Code>
                <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
                  {job.id}
                </Text>
              </Table.Td>
              <Table.Td>
                {job.attempts} / {job.maxAttempts}
              </Table.Td>
              <Table.Td maw={420}>
                {job.lastError ? (
                  <Spoiler maxHeight={44} showLabel="Show full error" hideLabel="Hide">
                    <Text
                      size="xs"
                      ff="monospace"
                      style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}
                    >
                      {job.lastError}
                    </Text>
                  </Spoiler>
                ) : (
                  '—'
                )}
              </Table.Td>
              <Table.Td>
                <LocalTime iso={job.createdAt} />
              </Table.Td>
              <Table.Td>
                <LocalTime iso={job.finishedAt ?? job.updatedAt} />
              </Table.Td>
              <Table.Td>
                <RetryButton job={job} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function RetryButton({ job }: { job: JobSummary }) {
  const queryClient = useQueryClient();
  const retry = useMutation({
    mutationFn: () => retryJob(job.id),
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: `${job.name} was queued again.` });
      await queryClient.invalidateQueries({ queryKey: ['jobs', 'dead'] });
    },
    onError: (error) =>
      notifications.show({
        color: 'red',
        title: 'Retry failed',
        message: error instanceof ApiError ? error.message : 'Please try again.',
      }),
  });
  return (
    <Button
      size="xs"
      variant="light"
      leftSection={<IconRefresh size={14} aria-hidden />}
      loading={retry.isPending}
      onClick={() => retry.mutate()}
      aria-label={`Retry ${job.name} job ${job.id.slice(0, 8)}`}
    >
      Retry
    </Button>
  );
}
