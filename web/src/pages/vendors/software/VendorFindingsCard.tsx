import { Group, Loader, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { FindingStatus } from '@contracts/exposure.js';
import { useFindings } from '../../../api/exposure.js';
import type { VendorSummary } from '../../../api/vendors.js';
import { ListFooter } from '../../../components/ListFooter.js';
import { QueryError } from '../../../components/QueryError.js';
import { findingStatusOptions } from '../../exposure/exposureText.js';
import { FindingsTable } from '../../exposure/FindingsTable.js';

const pageSize = 25;

/** The vendor's findings, known-exploited first; open ones unless another status is picked. */
export function VendorFindingsCard({ vendor }: { vendor: VendorSummary }) {
  const [status, setStatus] = useState<FindingStatus | null>('open');
  const [page, setPage] = useState(1);
  const findings = useFindings({
    vendorId: vendor.id,
    status: status ?? undefined,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  const total = findings.data?.total ?? 0;

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="vendor-findings">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-end">
          <Title order={2} size="h4" id="vendor-findings">
            Findings
          </Title>
          <Select
            label="Finding status"
            placeholder="Any status"
            data={findingStatusOptions}
            value={status}
            onChange={(value) => {
              setStatus(value);
              setPage(1);
            }}
            clearable
            w={180}
          />
        </Group>
        {findings.isPending && <Loader aria-label="Loading findings" />}
        {findings.isError && (
          <QueryError error={findings.error} onRetry={() => void findings.refetch()} />
        )}
        {findings.data?.items.length === 0 && (
          <Text size="sm" c="dimmed">
            {status === 'open'
              ? 'No open findings: nothing the vendor runs matches a known advisory.'
              : 'No findings with this status.'}
          </Text>
        )}
        {findings.data && findings.data.items.length > 0 && (
          <>
            <FindingsTable findings={findings.data.items} showVendor={false} />
            <ListFooter
              total={total}
              noun={['finding', 'findings']}
              updating={findings.isFetching && !findings.isPending}
              page={page}
              pages={Math.max(1, Math.ceil(total / pageSize))}
              onPage={setPage}
            />
          </>
        )}
      </Stack>
    </Paper>
  );
}
