import { Alert, Button, Center, Loader, Paper, Stack, Text } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { fetchAuditEvents, type AuditFilter } from '../../../api/audit.js';
import type { VendorSummary } from '../../../api/vendors.js';
import { QueryError } from '../../../components/QueryError.js';
import { roleLabels } from '../../../lib/roles.js';
import { AuditTable } from '../../audit/AuditTable.js';
import { useVendorRole } from '../useVendorRole.js';

const pageSize = 50;

export function ActivityTab({ vendor }: { vendor: VendorSummary }) {
  const { canWrite, role } = useVendorRole();
  if (!canWrite)
    return (
      <Alert
        color="gray"
        variant="light"
        icon={<IconLock aria-hidden />}
        title="Needs the Analyst role"
        data-testid="activity-no-access"
      >
        The activity log comes from the audit log, which needs the {roleLabels.analyst} role; you
        are signed in as {roleLabels[role]}.
      </Alert>
    );
  return <VendorActivity vendor={vendor} />;
}

function VendorActivity({ vendor }: { vendor: VendorSummary }) {
  const filter: AuditFilter = { objectId: vendor.id };
  const events = useInfiniteQuery({
    queryKey: ['audit-events', filter],
    queryFn: ({ pageParam }) => fetchAuditEvents(filter, pageParam, pageSize),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
    staleTime: 0,
  });
  const items = events.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        Audit events about {vendor.legalName}, newest first: changes to its profile, status and risk
        tier.
      </Text>
      <Paper withBorder radius="md">
        {events.isPending && (
          <Center p="md">
            <Loader aria-label="Loading activity" />
          </Center>
        )}
        {events.isError && (
          <QueryError error={events.error} onRetry={() => void events.refetch()} />
        )}
        {events.isSuccess && items.length === 0 && (
          <Text p="md" c="dimmed">
            No recorded activity for this vendor yet.
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
    </Stack>
  );
}
