import {
  Badge,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { z } from 'zod';
import type { scheduleSubprocessorInput } from '@contracts/trust.js';
import {
  useScheduleSubprocessor,
  useSyncSubprocessors,
  useTrustSettings,
  useTrustSubprocessors,
  useWithdrawSubprocessor,
  type Subprocessor,
} from '../../api/trust.js';
import { fetchVendors, vendorKeys, type VendorFilter } from '../../api/vendors.js';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { FormError } from '../../components/FormError.js';
import { LocalTime } from '../../components/LocalTime.js';
import { QueryError } from '../../components/QueryError.js';
import { AnchorLink } from '../../components/RouterLinks.js';
import { useZodForm } from '../../hooks/useZodForm.js';
import { textareaField } from '../vendors/formValues.js';
import { dateInDays, scheduleForm, type ScheduleFormValues, notifyFailure } from './trustForms.js';
import { QueryState, TrustTable } from './TrustSection.js';

const stateColours: Record<Subprocessor['state'], string> = {
  upcoming: 'blue',
  current: 'teal',
  removed: 'gray',
};

/** The public subprocessor list: scheduled from vendors, then kept in step by a daily job. */
export function SubprocessorsTab() {
  const overview = useTrustSubprocessors();
  const sync = useSyncSubprocessors();
  const items = overview.data?.items ?? [];
  const current = items.filter((item) => item.state === 'current');
  const upcoming = items.filter((item) => item.state === 'upcoming');
  const removed = items.filter((item) => item.state === 'removed');

  function runSync() {
    sync.mutate(undefined, {
      onSuccess: (result) =>
        notifications.show({
          color: 'teal',
          message: `Synced: ${result.promoted} went live, ${result.changed} changed, ${result.removed} removed.`,
        }),
      onError: (error) => notifyFailure(error, 'The sync did not run.'),
    });
  }

  return (
    <Stack gap="lg">
      <Paper withBorder radius="md" p="md" component="section" aria-labelledby="trust-subs">
        <Group justify="space-between" mb="md">
          <Title order={2} size="h4" id="trust-subs">
            Subprocessors
          </Title>
          <Button size="xs" variant="default" loading={sync.isPending} onClick={runSync}>
            Sync with vendors now
          </Button>
        </Group>
        <QueryState query={overview} loadingLabel="Loading the subprocessors" />
        {overview.data && (
          <Stack gap="lg">
            <SubprocessorTable title="Current" items={current} empty="None live yet." />
            <SubprocessorTable
              title="Upcoming"
              items={upcoming}
              empty="Nothing announced."
              withdrawable
            />
            <Stack gap="xs">
              <Title order={3} size="h5">
                Unannounced
              </Title>
              <Text size="sm" c="dimmed">
                Active vendors the public list does not show. They are never published until you
                schedule them.
              </Text>
              {overview.data.unannounced.length === 0 ? (
                <Text size="sm">Every active vendor is on the list.</Text>
              ) : (
                <Group gap="xs" aria-label="Unannounced vendors" role="list">
                  {overview.data.unannounced.map((vendor) => (
                    <Badge key={vendor.vendorId} variant="outline" color="orange" role="listitem">
                      {vendor.name}
                    </Badge>
                  ))}
                </Group>
              )}
            </Stack>
            {removed.length > 0 && <SubprocessorTable title="Removed" items={removed} empty="" />}
          </Stack>
        )}
      </Paper>
      <Paper withBorder radius="md" p="md" component="section" aria-labelledby="trust-schedule">
        <Title order={2} size="h4" id="trust-schedule">
          Schedule a subprocessor
        </Title>
        <Text size="sm" c="dimmed" mb="md">
          Announcing mails subscribers now; the vendor goes live on the public list on its go-live
          date.
        </Text>
        <ScheduleForm unannounced={overview.data?.unannounced.map((v) => v.vendorId) ?? []} />
      </Paper>
    </Stack>
  );
}

function SubprocessorTable({
  title,
  items,
  empty,
  withdrawable = false,
}: {
  title: string;
  items: Subprocessor[];
  empty: string;
  withdrawable?: boolean;
}) {
  const withdraw = useWithdrawSubprocessor();
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {title}
      </Title>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        <TrustTable
          label={`${title} subprocessors`}
          minWidth={720}
          columns={['Name', 'Purpose', 'Data', 'Location', 'Dates']}
          withActions={withdrawable}
        >
          {items.map((item) => (
            <Table.Tr key={item.id}>
              <Table.Th scope="row" fw={500}>
                <AnchorLink to="/vendors/$vendorId" params={{ vendorId: item.vendorId }} size="sm">
                  {item.name}
                </AnchorLink>
              </Table.Th>
              <Table.Td>{item.purpose}</Table.Td>
              <Table.Td>{item.categories.join(', ') || '—'}</Table.Td>
              <Table.Td>{item.location}</Table.Td>
              <Table.Td>
                <Badge variant="light" color={stateColours[item.state]} mr="xs">
                  {item.state}
                </Badge>
                <Text size="xs" c="dimmed" component="span">
                  {item.state === 'upcoming' && `goes live ${item.goLiveOn ?? ''}`}
                  {item.state === 'current' && (
                    <>
                      live since <LocalTime iso={item.liveSince} />
                    </>
                  )}
                  {item.state === 'removed' && (
                    <>
                      removed <LocalTime iso={item.removedAt} />
                    </>
                  )}
                </Text>
              </Table.Td>
              {withdrawable && (
                <Table.Td>
                  <ConfirmButton
                    size="xs"
                    variant="light"
                    aria-label={`Withdraw ${item.name}`}
                    title={`Withdraw ${item.name}?`}
                    message="Subscribers are told it will not become a subprocessor after all."
                    confirmLabel="Withdraw"
                    onConfirm={() => withdraw.mutateAsync(item.id)}
                  >
                    Withdraw
                  </ConfirmButton>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </TrustTable>
      )}
    </Stack>
  );
}

/** Only approved or active vendors can be announced; the server checks again. */
const vendorFilter = (status: 'approved' | 'active'): VendorFilter => ({ status, limit: 500 });

function useSchedulableVendors() {
  const approved = useQuery({
    queryKey: vendorKeys.list(vendorFilter('approved')),
    queryFn: () => fetchVendors(vendorFilter('approved')),
  });
  const active = useQuery({
    queryKey: vendorKeys.list(vendorFilter('active')),
    queryFn: () => fetchVendors(vendorFilter('active')),
  });
  const vendors = useMemo(
    () =>
      [...(active.data?.items ?? []), ...(approved.data?.items ?? [])]
        .map((v) => ({ value: v.id, label: v.tradingName ?? v.legalName }))
        .sort((a, b) => a.label.localeCompare(b.label)),
    [active.data, approved.data],
  );
  return {
    vendors,
    isPending: approved.isPending || active.isPending,
    error: approved.error ?? active.error,
  };
}

function ScheduleForm({ unannounced }: { unannounced: string[] }) {
  const settings = useTrustSettings();
  const noticeDays = settings.data?.noticeDays ?? 30;
  const earliest = dateInDays(noticeDays);
  const { vendors, isPending, error } = useSchedulableVendors();
  const schedule = useScheduleSubprocessor();
  const [scheduled, setScheduled] = useState(0);
  const initial = useMemo<ScheduleFormValues>(
    () => ({ vendorId: '', purpose: '', goLiveOn: earliest }),
    [earliest],
  );
  const options = useMemo(() => {
    const waiting = new Set(unannounced);
    return vendors.map((v) =>
      waiting.has(v.value) ? { ...v, label: `${v.label} (unannounced)` } : v,
    );
  }, [vendors, unannounced]);

  return (
    // A fresh form after each schedule, starting at the earliest date allowed.
    <ScheduleFields
      key={`${scheduled}-${earliest}`}
      initial={initial}
      options={options}
      vendorsLoading={isPending}
      vendorsError={error}
      noticeDays={noticeDays}
      earliest={earliest}
      busy={schedule.isPending}
      onSubmit={(input, onError) =>
        schedule.mutate(input, {
          onSuccess: (item) => {
            notifications.show({
              color: 'teal',
              message: `${item.name} announced; it goes live on ${item.goLiveOn ?? ''}.`,
            });
            setScheduled((n) => n + 1);
          },
          onError,
        })
      }
    />
  );
}

function ScheduleFields({
  initial,
  options,
  vendorsLoading,
  vendorsError,
  noticeDays,
  earliest,
  busy,
  onSubmit,
}: {
  initial: ScheduleFormValues;
  options: { value: string; label: string }[];
  vendorsLoading: boolean;
  vendorsError: unknown;
  noticeDays: number;
  earliest: string;
  busy: boolean;
  onSubmit: (
    input: z.output<typeof scheduleSubprocessorInput>,
    onError: (error: unknown) => void,
  ) => void;
}) {
  const form = useZodForm(scheduleForm, initial);
  return (
    <form
      onSubmit={form.submitWith((input) => onSubmit(input, form.applyError))}
      noValidate
      aria-label="Schedule a subprocessor"
    >
      <Stack gap="sm">
        <FormError message={form.formError} title="The subprocessor was not scheduled" />
        {vendorsError ? <QueryError error={vendorsError} /> : null}
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <Select
            name="vendorId"
            label="Vendor"
            description="Approved or active vendors"
            placeholder={vendorsLoading ? 'Loading vendors…' : 'Choose a vendor'}
            required
            searchable
            nothingFoundMessage="No approved or active vendor matches"
            data={options}
            value={form.values.vendorId || null}
            onChange={(value) => form.setValue('vendorId', value ?? '')}
            error={form.errors.vendorId}
          />
          <TextInput
            type="date"
            label="Go-live date"
            description={`At least ${noticeDays} days ahead: ${earliest} or later`}
            required
            min={earliest}
            {...form.field('goLiveOn')}
          />
        </SimpleGrid>
        <Textarea
          label="Purpose"
          description="What the public reads as the purpose; the vendor's services when empty"
          autosize
          minRows={2}
          maxRows={6}
          {...textareaField(form, 'purpose')}
        />
        <Group>
          <Button type="submit" loading={busy}>
            Schedule subprocessor
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
