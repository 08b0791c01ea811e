import { Button, Loader, Paper, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconFileImport, IconPlus } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { fetchVendors, vendorKeys, type VendorFilter } from '../../api/vendors.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ListFooter } from '../../components/ListFooter.js';
import { QueryError } from '../../components/QueryError.js';
import { ImportVendorsModal } from './ImportVendorsModal.js';
import { useVendorRole } from './useVendorRole.js';
import { noFilters, VendorFilters, type VendorListFilters } from './VendorFilters.js';
import { VendorFormModal } from './VendorFormModal.js';
import { VendorsTable } from './VendorsTable.js';

const pageSize = 50;

export function VendorsPage() {
  const { canWrite } = useVendorRole();
  const search = useSearch({ from: '/signed-in/vendors' });
  const navigate = useNavigate({ from: '/vendors' });
  const [typed, setTyped] = useState('');
  const filters: VendorListFilters = {
    ...noFilters,
    q: typed,
    status: search.status ?? null,
    tier: search.tier ?? null,
    category: search.category ?? null,
    tag: search.tag ?? null,
  };
  const page = search.page ?? 1;
  const setPage = (next: number) => void navigate({ search: (prev) => ({ ...prev, page: next }) });
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const [q] = useDebouncedValue(filters.q.trim(), 300);

  const query: VendorFilter = {
    q: q || undefined,
    status: filters.status ?? undefined,
    tier: filters.tier ?? undefined,
    category: filters.category ?? undefined,
    tag: filters.tag ?? undefined,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  };
  const vendors = useQuery({
    queryKey: vendorKeys.list(query),
    queryFn: () => fetchVendors(query),
    placeholderData: keepPreviousData,
  });

  /** Any filter change starts again at page 1; the search text stays local while typing. */
  function changeFilters({ q: text, ...next }: Partial<VendorListFilters>) {
    if (text !== undefined) setTyped(text);
    void navigate({
      search: (prev) => ({
        ...prev,
        ...Object.fromEntries(
          Object.entries(next).map(([key, value]) => [key, value ?? undefined]),
        ),
        page: undefined,
      }),
    });
  }

  const total = vendors.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const filtered = Object.entries(filters).some(([, value]) => value);

  return (
    <>
      <PageHeader
        title="Vendors"
        description="Every third party that touches the shop's customer data: what it receives, how risky it is, and where it stands."
        actions={
          canWrite && (
            <>
              <Button
                variant="default"
                leftSection={<IconFileImport size={16} aria-hidden />}
                onClick={() => setImporting(true)}
              >
                Import CSV
              </Button>
              <Button
                leftSection={<IconPlus size={16} aria-hidden />}
                onClick={() => setCreating(true)}
              >
                New vendor
              </Button>
            </>
          )
        }
      />
      <Stack gap="md">
        <VendorFilters filters={filters} onChange={changeFilters} />
        <Paper withBorder radius="md">
          {vendors.isPending && <Loader m="md" aria-label="Loading vendors" />}
          {vendors.isError && (
            <QueryError error={vendors.error} onRetry={() => void vendors.refetch()} />
          )}
          {vendors.data && vendors.data.items.length === 0 && (
            <Text p="md" c="dimmed">
              {filtered ? 'No vendor matches these filters.' : 'No vendors yet.'}
            </Text>
          )}
          {vendors.data && vendors.data.items.length > 0 && (
            <VendorsTable vendors={vendors.data.items} />
          )}
        </Paper>
        {vendors.data && (
          <ListFooter
            total={total}
            noun={['vendor', 'vendors']}
            updating={vendors.isFetching && !vendors.isPending}
            page={page}
            pages={pages}
            onPage={setPage}
          />
        )}
      </Stack>
      <VendorFormModal opened={creating} onClose={() => setCreating(false)} />
      <ImportVendorsModal opened={importing} onClose={() => setImporting(false)} />
    </>
  );
}
