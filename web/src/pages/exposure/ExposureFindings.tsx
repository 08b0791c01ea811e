import { Group, Loader, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { useNavigate, useSearch } from '@tanstack/react-router';
import type { FindingStatus } from '@contracts/exposure.js';
import { useFindings, type FindingFilter } from '../../api/exposure.js';
import { ListFooter } from '../../components/ListFooter.js';
import { QueryError } from '../../components/QueryError.js';
import type { ExposureSearch } from '../../router.js';
import { findingStatusOptions, severityOptions } from './exposureText.js';
import { FindingsTable } from './FindingsTable.js';

const pageSize = 50;
const ANY = 'any' as const;
const statusChoices: { value: FindingStatus | typeof ANY; label: string }[] = [
  ...findingStatusOptions,
  { value: ANY, label: 'Any status' },
];
const kevChoices: { value: 'yes' | 'no'; label: string }[] = [
  { value: 'yes', label: 'Known exploited only' },
  { value: 'no', label: 'Not known exploited' },
];

/** Every vendor's findings; the filters live in the URL, and open is the default. */
export function ExposureFindings() {
  const search = useSearch({ from: '/signed-in/exposure' });
  const navigate = useNavigate({ from: '/exposure' });
  const status = search.status ?? 'open';
  const page = search.page ?? 1;
  // A new filter starts again at page 1.
  const setFilter = (next: Partial<ExposureSearch>) =>
    void navigate({ search: (prev) => ({ ...prev, ...next, page: undefined }), replace: true });
  const setPage = (next: number) => void navigate({ search: (prev) => ({ ...prev, page: next }) });

  const filter: FindingFilter = {
    status: status === ANY ? undefined : status,
    severity: search.severity,
    knownExploited:
      search.knownExploited === undefined ? undefined : search.knownExploited === 'yes',
    limit: pageSize,
    offset: (page - 1) * pageSize,
  };
  const findings = useFindings(filter);
  const total = findings.data?.total ?? 0;

  return (
    <Stack gap="sm" component="section" aria-labelledby="findings-heading">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Title order={2} size="h3" id="findings-heading">
          Findings
        </Title>
        <Group align="flex-end" gap="sm">
          <Select
            label="Status"
            data={statusChoices}
            value={status}
            onChange={(value) => setFilter({ status: value ?? 'open' })}
            allowDeselect={false}
            w={170}
          />
          <Select
            label="Severity"
            placeholder="Any severity"
            data={severityOptions}
            value={search.severity ?? null}
            onChange={(value) => setFilter({ severity: value ?? undefined })}
            clearable
            w={160}
          />
          <Select
            label="Known exploited"
            placeholder="Either"
            data={kevChoices}
            value={search.knownExploited ?? null}
            onChange={(value) => setFilter({ knownExploited: value ?? undefined })}
            clearable
            w={210}
          />
        </Group>
      </Group>
      <Paper withBorder radius="md">
        {findings.isPending && <Loader m="md" aria-label="Loading findings" />}
        {findings.isError && (
          <QueryError error={findings.error} onRetry={() => void findings.refetch()} />
        )}
        {findings.data?.items.length === 0 && (
          <Text p="md" c="dimmed" size="sm">
            No finding matches these filters.
          </Text>
        )}
        {findings.data && findings.data.items.length > 0 && (
          <FindingsTable findings={findings.data.items} />
        )}
      </Paper>
      {findings.data && (
        <ListFooter
          total={total}
          noun={['finding', 'findings']}
          updating={findings.isFetching && !findings.isPending}
          page={page}
          pages={Math.max(1, Math.ceil(total / pageSize))}
          onPage={setPage}
        />
      )}
    </Stack>
  );
}
