import { Button, Group, Select, Stack, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { z } from 'zod';
import { triggerInput } from '@contracts/incidents.js';
import {
  useSetTrigger,
  type Incident,
  type TriggerInput,
  type TriggerName,
} from '../../api/incidents.js';
import { FormError } from '../../components/FormError.js';
import { useZodForm } from '../../hooks/useZodForm.js';
import { localDateTimeToIso, localTimeZone } from '../../lib/format.js';
import { asRecord, nullable } from '../vendors/formValues.js';
import { triggerLabels, triggerOptions } from './labels.js';

const VENDOR_NOTICE: TriggerName = 'vendor_notice_received';

const triggerForm = z.preprocess((raw): TriggerInput => {
  const v = asRecord(raw);
  const trigger = v.trigger as TriggerName;
  const at = nullable(v.at);
  const vendorId = nullable(v.vendorId);
  return {
    trigger,
    // An unreadable time goes through as typed, so the contract names it.
    at: at === null ? null : (localDateTimeToIso(at) ?? at),
    reason: v.reason ?? '',
    source: v.source ?? '',
    ...(trigger === VENDOR_NOTICE && vendorId ? { vendorId } : {}),
  };
}, triggerInput);

const empty = { trigger: 'aware', at: '', reason: '', source: '', vendorId: '' };

/** Sets a trigger time, or withdraws the one in force when the time is left empty. */
export function TriggerForm({
  incident,
  names,
}: {
  incident: Incident;
  names: ReadonlyMap<string, string>;
}) {
  const form = useZodForm(triggerForm, empty);
  const setTrigger = useSetTrigger(incident.id);
  const trigger = form.values.trigger as TriggerName;
  // An empty time withdraws the one in force; with none in force, a time is needed.
  const inForce = incident.triggers.some(
    (setting) =>
      setting.trigger === trigger &&
      setting.at !== null &&
      (trigger !== VENDOR_NOTICE || setting.vendorId === form.values.vendorId),
  );
  const withdrawing = inForce && form.values.at.trim() === '';
  const vendorOptions = incident.links
    .filter((link) => link.kind === 'vendor')
    .map((link) => ({ value: link.targetId, label: names.get(link.targetId) ?? link.targetId }));

  function submit(input: TriggerInput) {
    setTrigger.mutate(input, {
      onSuccess: () => {
        notifications.show({
          color: 'teal',
          message: `${triggerLabels[input.trigger]}: ${input.at === null ? 'time withdrawn' : 'time set'}.`,
        });
        form.reset();
      },
      onError: (error) => form.applyError(error),
    });
  }

  /** Checks the contract cannot: a vendor is chosen, and a time unless one is withdrawn. */
  function checkChoices(values: typeof empty) {
    if (trigger === VENDOR_NOTICE && !values.vendorId)
      return {
        vendorId: vendorOptions.length
          ? 'choose the vendor'
          : 'link the vendor to the incident first',
      };
    if (!inForce && !values.at.trim()) return { at: 'is required' };
    return {};
  }

  return (
    <form
      onSubmit={form.submitWith(submit, checkChoices)}
      noValidate
      aria-labelledby="set-trigger-heading"
    >
      <Stack gap="sm">
        <Title order={3} size="h5" id="set-trigger-heading">
          Set a trigger time
        </Title>
        <FormError message={form.formError} title="The trigger time was not set" />
        <Group align="flex-start" gap="sm" wrap="wrap">
          <Select
            label="Trigger"
            name="trigger"
            data={triggerOptions}
            allowDeselect={false}
            value={form.values.trigger}
            onChange={(value) => value && form.setValue('trigger', value)}
            error={form.errors.trigger}
            w={220}
          />
          <TextInput
            label="Time"
            description={`Your time zone (${localTimeZone()})${inForce ? '; empty withdraws it' : ''}`}
            type="datetime-local"
            w={240}
            {...form.field('at')}
          />
          {trigger === VENDOR_NOTICE && (
            <Select
              label="Vendor"
              name="vendorId"
              description="Whose breach notice it was"
              placeholder={vendorOptions.length ? 'Choose a linked vendor' : 'No vendor is linked'}
              data={vendorOptions}
              required
              value={form.values.vendorId || null}
              onChange={(value) => form.setValue('vendorId', value ?? '')}
              error={form.errors.vendorId}
              w={260}
            />
          )}
        </Group>
        <Group align="flex-start" gap="sm" wrap="wrap">
          <TextInput
            label="Source"
            description="Where the time comes from: a log, a letter, a meeting"
            required
            maxLength={500}
            miw={240}
            style={{ flex: 1 }}
            {...form.field('source')}
          />
          <TextInput
            label="Reason"
            description="Why this is the time"
            required
            maxLength={2000}
            miw={240}
            style={{ flex: 1 }}
            {...form.field('reason')}
          />
        </Group>
        <Group>
          <Button type="submit" variant="light" loading={setTrigger.isPending}>
            {withdrawing ? 'Withdraw time' : 'Set time'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
