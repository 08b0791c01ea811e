import { Button, Group, List, Loader, Paper, Text, ThemeIcon, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconCircleDashed } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { OFFBOARDING_STEPS } from '@contracts/vendors.js';
import {
  completeOffboardingStep,
  fetchOffboarding,
  vendorKeys,
  type OffboardingStep,
  type VendorSummary,
} from '../../../api/vendors.js';
import { LocalTime } from '../../../components/LocalTime.js';
import { QueryError } from '../../../components/QueryError.js';
import { offboardingStepLabels } from '../labels.js';
import { ReasonModal } from '../ReasonModal.js';
import { useVendorRole } from '../useVendorRole.js';

export function OffboardingCard({ vendor }: { vendor: VendorSummary }) {
  const { canWrite } = useVendorRole();
  const queryClient = useQueryClient();
  const key = vendorKeys.part(vendor.id, 'offboarding');
  const checklist = useQuery({ queryKey: key, queryFn: () => fetchOffboarding(vendor.id) });
  const [marking, setMarking] = useState<OffboardingStep | null>(null);
  const open = vendor.status === 'offboarding';

  async function markDone(step: OffboardingStep, note: string) {
    const result = await completeOffboardingStep(vendor.id, step, note);
    queryClient.setQueryData(key, result);
    notifications.show({ color: 'teal', message: `${offboardingStepLabels[step]}: done.` });
    await queryClient.invalidateQueries({ queryKey: vendorKeys.detail(vendor.id) });
  }

  const byStep = new Map((checklist.data ?? []).map((item) => [item.step, item]));
  return (
    <Paper withBorder radius="md" p="md" data-testid="offboarding-checklist">
      <Title order={2} size="h4" mb="sm">
        Offboarding checklist
      </Title>
      {checklist.isPending && <Loader size="sm" aria-label="Loading the checklist" />}
      {checklist.isError && (
        <QueryError error={checklist.error} onRetry={() => void checklist.refetch()} />
      )}
      {checklist.data && (
        <List spacing="sm" listStyleType="none">
          {OFFBOARDING_STEPS.map((step) => {
            const item = byStep.get(step);
            const done = Boolean(item?.doneAt);
            return (
              <List.Item
                key={step}
                icon={
                  <ThemeIcon color={done ? 'teal' : 'gray'} size={22} radius="xl" variant="light">
                    {done ? (
                      <IconCheck size={14} aria-hidden />
                    ) : (
                      <IconCircleDashed size={14} aria-hidden />
                    )}
                  </ThemeIcon>
                }
              >
                <Group gap="sm" justify="space-between" wrap="nowrap">
                  <div>
                    <Text size="sm" fw={500}>
                      {offboardingStepLabels[step]}{' '}
                      <Text span size="xs" c={done ? 'teal' : 'dimmed'}>
                        ({done ? 'done' : 'not done'})
                      </Text>
                    </Text>
                    {done && item && (
                      <Text size="xs" c="dimmed">
                        by {item.doneBy ?? 'unknown'} on <LocalTime iso={item.doneAt} />
                        {item.note && `: ${item.note}`}
                      </Text>
                    )}
                  </div>
                  {canWrite && open && !done && (
                    <Button
                      size="xs"
                      variant="light"
                      onClick={() => setMarking(step)}
                      aria-label={`Mark done: ${offboardingStepLabels[step]}`}
                    >
                      Mark done
                    </Button>
                  )}
                </Group>
              </List.Item>
            );
          })}
        </List>
      )}
      {open && (
        <Text size="xs" c="dimmed" mt="sm">
          The vendor can be moved to offboarded once every step is done.
        </Text>
      )}
      <ReasonModal
        opened={marking !== null}
        onClose={() => setMarking(null)}
        title={marking ? `Mark done: ${offboardingStepLabels[marking]}` : ''}
        message="Add a note for the record, e.g. where the deletion certificate is filed."
        label="Note"
        confirmLabel="Mark done"
        onSubmit={(note) => (marking ? markDone(marking, note) : Promise.resolve())}
      />
    </Paper>
  );
}
