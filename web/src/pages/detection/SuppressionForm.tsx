import { Button, Group, Paper, Select, Stack, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { z } from 'zod';
import { suppressionInput } from '@contracts/detection.js';
import { useAddSuppression, type SuppressionInput } from '../../api/detection.js';
import { FormError } from '../../components/FormError.js';
import { useZodForm } from '../../hooks/useZodForm.js';
import { endOfLocalDay } from '../../lib/format.js';
import { asRecord, nullable } from '../vendors/formValues.js';
import { localDayFromNow } from '../exposure/exposureText.js';
import { detectorOptions, suppressionSubjectOptions } from './labels.js';

type Subject = SuppressionInput['subject'];

const valueHints: Record<Subject, { label: string; placeholder: string }> = {
  all: { label: 'Value', placeholder: 'Not needed: the rule covers everything' },
  cidr: { label: 'Address or CIDR range', placeholder: '203.0.113.0/24' },
  account: { label: 'Account', placeholder: 'monitoring@shopco.example' },
  integration: { label: 'Integration id', placeholder: 'The integration UUID' },
};

const suppressionForm = z.preprocess((raw): SuppressionInput => {
  const v = asRecord(raw);
  const subject = (v.subject || 'all') as Subject;
  const expiresOn = nullable(v.expiresAt);
  return {
    subject,
    reason: (v.reason ?? '').trim(),
    ...(v.detector ? { detector: v.detector as SuppressionInput['detector'] } : {}),
    ...(subject !== 'all' && nullable(v.value) ? { value: nullable(v.value) ?? '' } : {}),
    ...(expiresOn ? { expiresAt: endOfLocalDay(expiresOn) ?? expiresOn } : {}),
  };
}, suppressionInput);

const initial = { detector: '', subject: 'cidr', value: '', reason: '', expiresAt: '' };

/** A rule that keeps a known-good source, account or integration from raising alerts. */
export function SuppressionForm() {
  const form = useZodForm(suppressionForm, initial);
  const add = useAddSuppression();
  const subject = form.values.subject as Subject;

  function submit(input: SuppressionInput) {
    add.mutate(input, {
      onSuccess: () => {
        notifications.show({ color: 'teal', message: 'Suppression rule added.' });
        form.reset();
      },
      onError: (error) => form.applyError(error),
    });
  }

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="add-rule-heading">
      <Title order={3} size="h4" mb="sm" id="add-rule-heading">
        Add a suppression rule
      </Title>
      <form onSubmit={form.submitWith(submit)} noValidate aria-labelledby="add-rule-heading">
        <Stack gap="sm">
          <FormError message={form.formError} title="The rule was not added" />
          <Group align="flex-start" gap="sm" wrap="wrap">
            <Select
              label="Detector"
              name="detector"
              placeholder="All detectors"
              data={detectorOptions}
              value={form.values.detector || null}
              onChange={(value) => form.setValue('detector', value ?? '')}
              error={form.errors.detector}
              clearable
              w={280}
            />
            <Select
              label="Subject"
              name="subject"
              data={suppressionSubjectOptions}
              value={form.values.subject}
              onChange={(value) => form.setValue('subject', value ?? 'all')}
              error={form.errors.subject}
              allowDeselect={false}
              w={220}
            />
            <TextInput
              label={valueHints[subject].label}
              placeholder={valueHints[subject].placeholder}
              required={subject !== 'all'}
              disabled={subject === 'all'}
              w={300}
              {...form.field('value')}
            />
          </Group>
          <Group align="flex-start" gap="sm" wrap="wrap">
            <TextInput
              label="Reason"
              description="Why this is not an attack; kept with the rule and in the audit log"
              required
              maxLength={500}
              w={520}
              {...form.field('reason')}
            />
            <TextInput
              label="Expires after"
              description="Optional: the rule ends after this day"
              type="date"
              min={localDayFromNow(0)}
              w={260}
              {...form.field('expiresAt')}
            />
          </Group>
          <Group>
            <Button
              type="submit"
              loading={add.isPending}
              leftSection={<IconPlus size={16} aria-hidden />}
            >
              Add rule
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
