import { Group, Loader, Paper, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { ASSESSMENT_STATUSES, type AssessmentStatus } from '@contracts/assessments.js';
import { assessmentKeys, fetchAssessments } from '../../api/assessments.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ListFooter } from '../../components/ListFooter.js';
import { QueryError } from '../../components/QueryError.js';
import { options } from '../vendors/labels.js';
import { AssessmentsTable } from './AssessmentsTable.js';
import { HeatMapCard } from './HeatMapCard.js';
import { ScheduleCard } from './ScheduleCard.js';

const pageSize = 50;
const statusOptions = options(ASSESSMENT_STATUSES);

export function AssessmentsPage() {
  const search = useSearch({ from: '/signed-in/assessments' });
  const navigate = useNavigate({ from: '/assessments' });
  const status = search.status;
  const page = search.page ?? 1;
  const setPage = (next: number) => void navigate({ search: (prev) => ({ ...prev, page: next }) });
  // A new filter starts again at page 1.
  const setStatus = (next: AssessmentStatus | undefined) =>
    void navigate({ search: (prev) => ({ ...prev, status: next, page: undefined }) });

  const query = { status, limit: pageSize, offset: (page - 1) * pageSize };
  const assessments = useQuery({
    // The list key holds the filter; the page is appended so each page caches on its own.
    queryKey: [...assessmentKeys.list({ status }), page],
    queryFn: () => fetchAssessments(query),
    placeholderData: keepPreviousData,
  });

  const total = assessments.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / pageSize));

  return (
    <>
      <PageHeader
        title="Assessments"
        description="Questionnaires sent to vendors: who still owes answers, what they said, and what was decided. Start one from a vendor's Assessments tab."
      />
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
          <ScheduleCard />
          <HeatMapCard />
        </SimpleGrid>
        <Group align="flex-end" gap="sm">
          <Select
            label="Status"
            placeholder="Any status"
            data={statusOptions}
            value={status ?? null}
            onChange={(value) => setStatus(value ?? undefined)}
            clearable
            w={180}
          />
        </Group>
        <Paper withBorder radius="md">
          {assessments.isPending && <Loader m="md" aria-label="Loading assessments" />}
          {assessments.isError && (
            <QueryError error={assessments.error} onRetry={() => void assessments.refetch()} />
          )}
          {assessments.data && assessments.data.items.length === 0 && (
            <Text p="md" c="dimmed">
              {status ? 'No assessment has this status.' : 'No assessments yet.'}
            </Text>
          )}
          {assessments.data && assessments.data.items.length > 0 && (
            <AssessmentsTable assessments={assessments.data.items} />
          )}
        </Paper>
        {assessments.data && (
          <ListFooter
            total={total}
            noun={['assessment', 'assessments']}
            updating={assessments.isFetching && !assessments.isPending}
            page={page}
            pages={pages}
            onPage={setPage}
          />
        )}
      </Stack>
    </>
  );
}
