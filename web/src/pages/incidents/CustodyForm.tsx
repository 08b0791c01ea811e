import { Button, Group, Select, Stack, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { z } from 'zod';
import { custodyInput } from '@contracts/incidents.js';
import { useRecordCustody, type CustodyInput, type Evidence } from '../../api/incidents.js';
import { FormError } from '../../components/FormError.js';
import { useZodForm } from '../../hooks/useZodForm.js';
import { localDateTimeToIso, localTimeZone } from '../../lib/format.js';
import { asRecord, nullable } from '../vendors/formValues.js';
import { custodyActionLabels, recordedCustodyOptions } from './labels.js';

const custodyForm = z.preprocess((raw): CustodyInput => {
  const v = asRecord(raw);
  const at = nullable(v.at);
  return {
    action: v.action as CustodyInput['action'],
    from: v.from ?? '',
    to: v.to ?? '',
    purpose: v.purpose ?? '',
    location: v.location ?? '',
    // An unreadable time goes through as typed, so the contract names it.
    ...(at ? { at: localDateTimeToIso(at) ?? at } : {}),
  };
}, custodyInput);

const empty = { action: 'transferred', from: '', to: '', purpose: '', location: '', at: '' };

/** Records a hand-over of one file: who gave it to whom, why, and where it is now. */
export function CustodyForm({ evidence }: { evidence: Evidence }) {
  const form = useZodForm(custodyForm, empty);
  const record = useRecordCustody(evidence.incidentId, evidence.id);
  const headingId = `custody-${evidence.id}-form-heading`;

  function submit(input: CustodyInput) {
    record.mutate(input, {
      onSuccess: (event) => {
        notifications.show({
          color: 'teal',
          message: `${custodyActionLabels[event.action]}: recorded for ${evidence.fileName}.`,
        });
        form.reset();
      },
      onError: (error) => form.applyError(error),
    });
  }

  return (
    <form onSubmit={form.submitWith(submit)} noValidate aria-labelledby={headingId}>
      <Stack gap="xs">
        <Title order={5} size="h6" id={headingId}>
          Record a hand-over
        </Title>
        <FormError message={form.formError} title="The custody event was not recorded" />
        <Group align="flex-start" gap="sm" wrap="wrap">
          <Select
            label="Event"
            name="action"
            data={recordedCustodyOptions}
            allowDeselect={false}
            value={form.values.action}
            onChange={(value) => value && form.setValue('action', value)}
            error={form.errors.action}
            w={160}
          />
          <TextInput
            label="From"
            description="Who handed it over"
            required
            maxLength={300}
            w={220}
            {...form.field('from')}
          />
          <TextInput
            label="To"
            description="Who received it"
            required
            maxLength={300}
            w={220}
            {...form.field('to')}
          />
        </Group>
        <Group align="flex-start" gap="sm" wrap="wrap">
          <TextInput label="Purpose" required maxLength={500} w={260} {...form.field('purpose')} />
          <TextInput
            label="Location"
            description="Where it is kept now"
            required
            maxLength={300}
            w={220}
            {...form.field('location')}
          />
          <TextInput
            label="When"
            description={`Your time zone (${localTimeZone()}); empty means now`}
            type="datetime-local"
            w={240}
            {...form.field('at')}
          />
        </Group>
        <Group>
          <Button type="submit" size="xs" variant="light" loading={record.isPending}>
            Record custody event
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
