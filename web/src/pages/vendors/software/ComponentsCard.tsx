import { Button, Group, Loader, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useComponents } from '../../../api/exposure.js';
import type { VendorSummary } from '../../../api/vendors.js';
import { ListFooter } from '../../../components/ListFooter.js';
import { QueryError } from '../../../components/QueryError.js';
import { useVendorRole } from '../useVendorRole.js';
import { ComponentsTable } from './ComponentsTable.js';
import { DeclareProductModal } from './DeclareProductModal.js';

const pageSize = 50;

/** The software the vendor runs: from its SBOMs, and products declared by hand. */
export function ComponentsCard({ vendor }: { vendor: VendorSummary }) {
  const { canWrite } = useVendorRole();
  const [typed, setTyped] = useState('');
  const [q] = useDebouncedValue(typed.trim(), 300);
  const [page, setPage] = useState(1);
  const [declaring, setDeclaring] = useState(false);
  const filter = { q: q || undefined, limit: pageSize, offset: (page - 1) * pageSize };
  const components = useComponents(vendor.id, filter);
  const total = components.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / pageSize));

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="components-heading">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-end" wrap="wrap">
          <Title order={2} size="h4" id="components-heading">
            Components
          </Title>
          <Group align="flex-end" gap="sm">
            <TextInput
              label="Search components"
              placeholder="Name or package URL"
              leftSection={<IconSearch size={16} aria-hidden />}
              value={typed}
              onChange={(event) => {
                setTyped(event.currentTarget.value);
                setPage(1);
              }}
              type="search"
              w={260}
            />
            {canWrite && (
              <Button
                variant="light"
                leftSection={<IconPlus size={16} aria-hidden />}
                onClick={() => setDeclaring(true)}
              >
                Declare a product
              </Button>
            )}
          </Group>
        </Group>
        {components.isPending && <Loader aria-label="Loading components" />}
        {components.isError && (
          <QueryError error={components.error} onRetry={() => void components.refetch()} />
        )}
        {components.data?.items.length === 0 && (
          <Text c="dimmed" size="sm">
            {q
              ? 'No component matches this search.'
              : 'No components yet: upload an SBOM or declare a product the vendor runs.'}
          </Text>
        )}
        {components.data && components.data.items.length > 0 && (
          <>
            <ComponentsTable
              vendorId={vendor.id}
              components={components.data.items}
              canWrite={canWrite}
            />
            <ListFooter
              total={total}
              noun={['component', 'components']}
              updating={components.isFetching && !components.isPending}
              page={page}
              pages={pages}
              onPage={setPage}
            />
          </>
        )}
      </Stack>
      <DeclareProductModal vendor={vendor} opened={declaring} onClose={() => setDeclaring(false)} />
    </Paper>
  );
}
