import { Button, Loader, Paper, Stack } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { datamapKeys, fetchDataCategories, type DataCategory } from '../../api/datamap.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryError } from '../../components/QueryError.js';
import { useSignedInSession } from '../../hooks/useSession.js';
import { CategoriesTable } from './CategoriesTable.js';
import { CategoryFormModal } from './CategoryFormModal.js';
import { LegalFlagLegend } from './LegalFlagLegend.js';

/** The catalogue of customer-data categories that integrations declare and the ledger records. */
export function DataCategoriesPage() {
  const { user } = useSignedInSession();
  const isAdmin = user.role === 'admin';
  const categories = useQuery({ queryKey: datamapKeys.categories, queryFn: fetchDataCategories });
  // The category stays set while the modal closes, so its content does not flip mid-animation.
  const [editing, setEditing] = useState<{ opened: boolean; category: DataCategory | null }>({
    opened: false,
    category: null,
  });

  return (
    <>
      <PageHeader
        title="Data categories"
        description="The kinds of customer data your vendors receive. Sensitivity feeds vendor risk; legal flags tell the breach rules which laws apply."
        actions={
          isAdmin && (
            <Button
              leftSection={<IconPlus size={16} aria-hidden />}
              onClick={() => setEditing({ opened: true, category: null })}
            >
              Add category
            </Button>
          )
        }
      />
      <Stack gap="lg">
        <Paper withBorder radius="md">
          {categories.isPending && <Loader m="md" aria-label="Loading data categories" />}
          {categories.isError && (
            <QueryError error={categories.error} onRetry={() => void categories.refetch()} />
          )}
          {categories.data && (
            <CategoriesTable
              categories={categories.data}
              onEdit={isAdmin ? (category) => setEditing({ opened: true, category }) : undefined}
            />
          )}
        </Paper>
        <LegalFlagLegend />
      </Stack>
      <CategoryFormModal
        opened={editing.opened}
        category={editing.category}
        onClose={() => setEditing((current) => ({ ...current, opened: false }))}
      />
    </>
  );
}
