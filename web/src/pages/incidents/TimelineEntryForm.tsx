import {
  Button,
  Group,
  Paper,
  Select,
  Stack,
  TagsInput,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMemo } from 'react';
import { z } from 'zod';
import { timelineInput } from '@contracts/incidents.js';
import { useWriteTimelineEntry, type TimelineInput } from '../../api/incidents.js';
import { FormError } from '../../components/FormError.js';
import { useZodForm } from '../../hooks/useZodForm.js';
import { localDateTimeToIso, localTimeZone } from '../../lib/format.js';
import { asRecord, list, listField, nullable, textareaField } from '../vendors/formValues.js';
import { confidenceOptions, timelineKindLabels, writtenKindOptions } from './labels.js';

type WrittenKind = TimelineInput['kind'];

const directionOptions = [
  { value: 'sent', label: 'Sent' },
  { value: 'received', label: 'Received' },
];

const entryForm = z.preprocess((raw): TimelineInput => {
  const v = asRecord(raw);
  const occurredAt = nullable(v.occurredAt);
  const zone = nullable(v.occurredTimeZone);
  const source = nullable(v.occurredSource);
  const supersedes = nullable(v.supersedes);
  const when = {
    // An unreadable time goes through as typed, so the contract names it.
    ...(occurredAt ? { occurredAt: localDateTimeToIso(occurredAt) ?? occurredAt } : {}),
    ...(zone ? { occurredTimeZone: zone } : {}),
    ...(source ? { occurredSource: source } : {}),
    confidence: v.confidence as TimelineInput['confidence'],
    ...(supersedes ? { supersedes: Number(supersedes) } : {}),
  };
  const kind = v.kind as WrittenKind;
  if (kind !== 'communication') return { kind, text: v.text ?? '', ...when };
  return {
    kind,
    direction: v.direction as 'sent' | 'received',
    channel: v.channel ?? '',
    parties: list(v.parties),
    ...(nullable(v.subject) ? { subject: nullable(v.subject) ?? '' } : {}),
    content: v.content ?? '',
    ...when,
  };
}, timelineInput);

/** Adds a note, a decision or a communication (kept verbatim) to the timeline. */
export function TimelineEntryForm({ incidentId }: { incidentId: string }) {
  const initial = useMemo(
    () => ({
      kind: 'note',
      text: '',
      direction: 'received',
      channel: '',
      parties: '',
      subject: '',
      content: '',
      occurredAt: '',
      occurredTimeZone: localTimeZone(),
      occurredSource: '',
      confidence: 'confirmed',
      supersedes: '',
    }),
    [],
  );
  const form = useZodForm(entryForm, initial);
  const write = useWriteTimelineEntry(incidentId);
  const kind = form.values.kind as WrittenKind;

  function submit(input: TimelineInput) {
    write.mutate(input, {
      onSuccess: () => {
        notifications.show({
          color: 'teal',
          message: `${timelineKindLabels[input.kind]} added to the timeline.`,
        });
        form.reset();
      },
      onError: (error) => form.applyError(error),
    });
  }

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="add-entry-heading">
      <Title order={3} size="h4" mb="sm" id="add-entry-heading">
        Add to the timeline
      </Title>
      <form onSubmit={form.submitWith(submit)} noValidate aria-labelledby="add-entry-heading">
        <Stack gap="sm">
          <FormError message={form.formError} title="Nothing was added" />
          <Select
            label="Kind"
            name="kind"
            data={writtenKindOptions}
            allowDeselect={false}
            value={form.values.kind}
            onChange={(value) => value && form.setValue('kind', value)}
            error={form.errors.kind}
            w={220}
          />
          {kind === 'communication' ? (
            <>
              <Group align="flex-start" gap="sm" wrap="wrap">
                <Select
                  label="Direction"
                  name="direction"
                  data={directionOptions}
                  allowDeselect={false}
                  value={form.values.direction}
                  onChange={(value) => value && form.setValue('direction', value)}
                  error={form.errors.direction}
                  w={140}
                />
                <TextInput
                  label="Channel"
                  placeholder="email, phone, letter"
                  required
                  maxLength={100}
                  w={200}
                  {...form.field('channel')}
                />
                <TagsInput
                  label="Parties"
                  description="Everyone on it; press Enter after each"
                  required
                  miw={280}
                  style={{ flex: 1 }}
                  {...listField(form, 'parties')}
                />
              </Group>
              <TextInput label="Subject" maxLength={500} {...form.field('subject')} />
              <Textarea
                label="Content"
                description="Verbatim, as sent or received"
                required
                autosize
                minRows={4}
                styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
                {...textareaField(form, 'content')}
              />
            </>
          ) : (
            <Textarea
              label={kind === 'decision' ? 'Decision' : 'Note'}
              required
              autosize
              minRows={3}
              {...textareaField(form, 'text')}
            />
          )}
          <Group align="flex-start" gap="sm" wrap="wrap">
            <TextInput
              label="Occurred at"
              description="Your time zone; empty means now"
              type="datetime-local"
              w={230}
              {...form.field('occurredAt')}
            />
            <TextInput
              label="Observed in time zone"
              description="Where it was observed, e.g. Europe/Berlin"
              maxLength={64}
              w={230}
              {...form.field('occurredTimeZone')}
            />
            <TextInput
              label="Source"
              description="How it is known; empty: recorded by hand"
              maxLength={500}
              w={260}
              {...form.field('occurredSource')}
            />
            <Select
              label="Confidence"
              name="confidence"
              data={confidenceOptions}
              allowDeselect={false}
              value={form.values.confidence}
              onChange={(value) => value && form.setValue('confidence', value)}
              error={form.errors.confidence}
              w={150}
            />
            <TextInput
              label="Corrects entry"
              description="Optional: the # it corrects"
              type="number"
              min={1}
              w={150}
              {...form.field('supersedes')}
            />
          </Group>
          <Group>
            <Button type="submit" loading={write.isPending}>
              Add to timeline
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
