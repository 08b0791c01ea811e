import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { VENDOR_TRANSITIONS, type VendorStatus } from '@contracts/vendors.js';
import { changeVendorStatus, vendorKeys, type VendorSummary } from '../../../api/vendors.js';
import { VendorStatusBadge } from '../../../components/VendorBadges.js';
import { ReasonModal } from '../ReasonModal.js';
import { useVendorRole } from '../useVendorRole.js';

const hints: Partial<Record<VendorStatus, string>> = {
  offboarding:
    'Starts the offboarding checklist: revoke credentials, get a deletion certificate, update the published subprocessor list.',
  offboarded: 'Every offboarding step must be done first.',
  suspended: 'Suspend while something is wrong; data should stop flowing to the vendor.',
};

export function StatusCard({ vendor }: { vendor: VendorSummary }) {
  const { canWrite } = useVendorRole();
  const queryClient = useQueryClient();
  const [target, setTarget] = useState<VendorStatus | null>(null);
  const next = VENDOR_TRANSITIONS[vendor.status];

  async function change(status: VendorStatus, reason: string) {
    const updated = await changeVendorStatus(vendor.id, status, reason);
    notifications.show({
      color: 'teal',
      message: `${updated.legalName} is now ${updated.status}.`,
    });
    await queryClient.invalidateQueries({ queryKey: vendorKeys.all });
  }

  return (
    <Paper withBorder radius="md" p="md">
      <Title order={2} size="h4" mb="sm">
        Status
      </Title>
      <Stack gap="sm">
        <Group gap="xs">
          <Text size="sm">Currently</Text>
          <VendorStatusBadge status={vendor.status} size="md" />
        </Group>
        {canWrite && next.length > 0 && (
          <Group gap="xs">
            {next.map((status) => (
              <Button
                key={status}
                size="xs"
                variant="light"
                onClick={() => setTarget(status)}
                aria-label={`Change status to ${status}`}
              >
                Move to {status}
              </Button>
            ))}
          </Group>
        )}
      </Stack>
      <ReasonModal
        opened={target !== null}
        onClose={() => setTarget(null)}
        title={`Move ${vendor.legalName} to ${target ?? ''}`}
        message={(target && hints[target]) ?? 'The reason is kept in the audit log.'}
        minLength={1}
        confirmLabel={`Move to ${target ?? ''}`}
        onSubmit={(reason) => (target ? change(target, reason) : Promise.resolve())}
      />
    </Paper>
  );
}
