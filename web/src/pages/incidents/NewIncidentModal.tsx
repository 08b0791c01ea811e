import { Button, Checkbox, Group, Modal, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useNavigate } from '@tanstack/react-router';
import type { ChangeEvent } from 'react';
import { z } from 'zod';
import { incidentInput } from '@contracts/incidents.js';
import { useCreateIncident, type IncidentInput } from '../../api/incidents.js';
import { FormError } from '../../components/FormError.js';
import { useZodForm } from '../../hooks/useZodForm.js';
import { asRecord, flag, flagValue, textareaField } from '../vendors/formValues.js';
import { incidentSeverityOptions, incidentTypeOptions } from './labels.js';

const incidentForm = z.preprocess((raw): IncidentInput => {
  const v = asRecord(raw);
  return {
    title: v.title ?? '',
    type: v.type as IncidentInput['type'],
    severity: v.severity as IncidentInput['severity'],
    summary: v.summary ?? '',
    restricted: flag(v.restricted),
  };
}, incidentInput);

const empty = { title: '', type: 'other', severity: 'medium', summary: '', restricted: '' };

/** Opens an incident by hand (alerts open their own); the opener becomes its owner. */
export function NewIncidentModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="New incident" size="lg" centered>
      {opened && <NewIncidentForm onDone={onClose} />}
    </Modal>
  );
}

function NewIncidentForm({ onDone }: { onDone: () => void }) {
  const navigate = useNavigate();
  const form = useZodForm(incidentForm, empty);
  const create = useCreateIncident();

  function submit(input: IncidentInput) {
    create.mutate(input, {
      onSuccess: (incident) => {
        notifications.show({ color: 'teal', message: `Incident "${incident.title}" opened.` });
        onDone();
        void navigate({ to: '/incidents/$incidentId', params: { incidentId: incident.id } });
      },
      onError: (error) => form.applyError(error),
    });
  }

  return (
    <form onSubmit={form.submitWith(submit)} noValidate>
      <Stack>
        <FormError message={form.formError} title="The incident was not opened" />
        <TextInput label="Title" required maxLength={200} data-autofocus {...form.field('title')} />
        <Group grow align="flex-start">
          <Select
            label="Type"
            name="type"
            data={incidentTypeOptions}
            allowDeselect={false}
            value={form.values.type}
            onChange={(value) => value && form.setValue('type', value)}
            error={form.errors.type}
          />
          <Select
            label="Severity"
            name="severity"
            data={incidentSeverityOptions}
            allowDeselect={false}
            value={form.values.severity}
            onChange={(value) => value && form.setValue('severity', value)}
            error={form.errors.severity}
          />
        </Group>
        <Textarea
          label="Summary"
          description="What is known so far"
          autosize
          minRows={3}
          {...textareaField(form, 'summary')}
        />
        <Checkbox
          label="Restricted"
          description="Seen only by its owner and members, admins included: for an incident about an insider."
          name="restricted"
          checked={flag(form.values.restricted)}
          onChange={(event: ChangeEvent<HTMLInputElement>) =>
            form.setValue('restricted', flagValue(event.currentTarget.checked))
          }
          error={form.errors.restricted}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending}>
            Open incident
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
