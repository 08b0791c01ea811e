import { Center, Loader, Stack, Text } from '@mantine/core';
import { skipToken, useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { datamapKeys, fetchBlastRadius } from '../../api/datamap.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryError } from '../../components/QueryError.js';
import { useSignedInSession } from '../../hooks/useSession.js';
import { roleAtLeast } from '../../lib/roles.js';
import {
  requestFromSearch,
  sameSearch,
  searchFromDraft,
  type BlastRadiusDraft,
} from './blast-radius-search.js';
import { BlastRadiusBreakdown } from './BlastRadiusBreakdown.js';
import { BlastRadiusForm } from './BlastRadiusForm.js';
import { BlastRadiusHeadline } from './BlastRadiusHeadline.js';
import { BlastRadiusPaths } from './BlastRadiusPaths.js';

/**
 * Which customers' data reached a vendor, integration or subprocessor in a window. The URL holds
 * the query, so a result can be shared as a link and the back button steps through queries.
 */
export function BlastRadiusPage() {
  const { user } = useSignedInSession();
  const search = useSearch({ from: '/signed-in/blast-radius' });
  const navigate = useNavigate({ from: '/blast-radius' });
  const request = requestFromSearch(search);
  const result = useQuery({
    queryKey: datamapKeys.blastRadius(request),
    queryFn: request ? () => fetchBlastRadius(request) : skipToken,
    staleTime: 60_000,
    refetchOnWindowFocus: false,
  });

  function compute(draft: BlastRadiusDraft) {
    const next = searchFromDraft(draft);
    if (sameSearch(next, search)) void result.refetch();
    else void navigate({ search: next });
  }

  return (
    <>
      <PageHeader
        title="Blast radius"
        description="Choose a vendor, integration or subprocessor and a window: Cordon counts the customers whose data reached it, from the data map and the data-sharing ledger."
      />
      <Stack gap="lg">
        <BlastRadiusForm search={search} computing={result.isFetching} onCompute={compute} />
        <section aria-label="Blast radius result" aria-busy={result.isFetching}>
          {request === null && (
            <Text c="dimmed" size="sm">
              Choose a target and press “Compute blast radius”.
            </Text>
          )}
          {request !== null && result.isPending && (
            <Center p="lg">
              <Loader aria-label="Computing blast radius" />
            </Center>
          )}
          {result.isError && (
            <QueryError error={result.error} onRetry={() => void result.refetch()} />
          )}
          {request !== null && result.data && (
            <Stack gap="lg">
              <BlastRadiusHeadline
                result={result.data}
                request={request}
                canDownload={roleAtLeast(user.role, 'analyst')}
              />
              <BlastRadiusPaths paths={result.data.paths} />
              <BlastRadiusBreakdown result={result.data} />
            </Stack>
          )}
        </section>
      </Stack>
    </>
  );
}
