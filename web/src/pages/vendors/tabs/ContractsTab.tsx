import { Button, Group, Loader, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  deleteAgreement,
  fetchAgreements,
  vendorKeys,
  type Agreement,
  type VendorSummary,
} from '../../../api/vendors.js';
import { QueryError } from '../../../components/QueryError.js';
import { useVendorRole } from '../useVendorRole.js';
import { AgreementCard } from './AgreementCard.js';
import { AgreementModal } from './AgreementModal.js';

export function ContractsTab({ vendor }: { vendor: VendorSummary }) {
  const { canWrite, isAdmin } = useVendorRole();
  const queryClient = useQueryClient();
  const key = vendorKeys.part(vendor.id, 'agreements');
  const agreements = useQuery({ queryKey: key, queryFn: () => fetchAgreements(vendor.id) });
  const [editing, setEditing] = useState<Agreement | 'new' | null>(null);

  async function remove(agreement: Agreement) {
    await deleteAgreement(vendor.id, agreement.id);
    notifications.show({ color: 'teal', message: `"${agreement.title}" was deleted.` });
    await queryClient.invalidateQueries({ queryKey: key });
  }

  return (
    <>
      <Group justify="space-between" mb="sm">
        <Text size="sm" c="dimmed" maw={640}>
          Contracts with {vendor.legalName}. The breach-notice term says how soon the vendor must
          report a breach to the shop.
        </Text>
        {canWrite && (
          <Button
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => setEditing('new')}
          >
            Add contract
          </Button>
        )}
      </Group>
      {agreements.isPending && <Loader aria-label="Loading contracts" />}
      {agreements.isError && (
        <QueryError error={agreements.error} onRetry={() => void agreements.refetch()} />
      )}
      {agreements.data?.length === 0 && <Text c="dimmed">No contracts recorded yet.</Text>}
      <Stack gap="md">
        {agreements.data?.map((agreement) => (
          <AgreementCard
            key={agreement.id}
            agreement={agreement}
            canWrite={canWrite}
            isAdmin={isAdmin}
            onEdit={() => setEditing(agreement)}
            onDelete={() => remove(agreement)}
          />
        ))}
      </Stack>
      <AgreementModal
        vendorId={vendor.id}
        agreement={editing === 'new' ? null : editing}
        opened={editing !== null}
        onClose={() => setEditing(null)}
      />
    </>
  );
}
