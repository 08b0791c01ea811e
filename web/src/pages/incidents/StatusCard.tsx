import { Button, Group, Paper, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { z } from 'zod';
import { INCIDENT_STATUSES, statusInput } from '@contracts/incidents.js';
import {
  useSetIncidentStatus,
  type Incident,
  type IncidentStatus,
  type StatusChange,
} from '../../api/incidents.js';
import { FormError } from '../../components/FormError.js';
import { useZodForm } from '../../hooks/useZodForm.js';
import { asRecord, nullable, textareaField } from '../vendors/formValues.js';
import { incidentStatusLabels, lifecycleRank } from './labels.js';

const statusForm = z.preprocess((raw): StatusChange => {
  const v = asRecord(raw);
  const reason = nullable(v.reason);
  return { status: v.status as IncidentStatus, ...(reason ? { reason } : {}) };
}, statusInput);

/** Going back in the lifecycle, or closing, must say why; the server insists too. */
const needsReason = (from: IncidentStatus, to: IncidentStatus) =>
  to === 'closed' || lifecycleRank(to) < lifecycleRank(from);

/** Moves the incident through the NIST lifecycle, one status at a time or back. */
export function StatusCard({ incident }: { incident: Incident }) {
  // A new status from the server means a fresh form for the next move.
  return <StatusForm key={incident.status} incident={incident} />;
}

function StatusForm({ incident }: { incident: Incident }) {
  const current = incident.status;
  const next = INCIDENT_STATUSES[lifecycleRank(current) + 1];
  const form = useZodForm(statusForm, { status: next ?? INCIDENT_STATUSES[0], reason: '' });
  const setStatus = useSetIncidentStatus(incident.id);
  const target = form.values.status;
  const reasonRequired = needsReason(current, target);

  const choices = INCIDENT_STATUSES.filter((status) => status !== current).map((status) => ({
    value: status,
    label:
      lifecycleRank(status) < lifecycleRank(current)
        ? `${incidentStatusLabels[status]} (back)`
        : incidentStatusLabels[status],
  }));

  // mutateAsync: the new status remounts this form, which would drop mutate's callbacks.
  function submit(change: StatusChange) {
    setStatus.mutateAsync(change).then(
      () =>
        notifications.show({
          color: 'teal',
          message: `The incident is now ${incidentStatusLabels[change.status].toLowerCase()}.`,
        }),
      (error) => form.applyError(error),
    );
  }

  const missingReason = (values: { reason: string }) =>
    reasonRequired && !values.reason.trim()
      ? {
          reason:
            target === 'closed'
              ? 'is required to close an incident'
              : `is required to move an incident back to ${incidentStatusLabels[target].toLowerCase()}`,
        }
      : {};

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="status-heading">
      <Title order={2} size="h4" mb="xs" id="status-heading">
        Lifecycle
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Detected, analysing, contained, eradicated, recovered, closed (NIST SP 800-61). Going back
        or closing needs a reason.
      </Text>
      <form
        onSubmit={form.submitWith(submit, missingReason)}
        noValidate
        aria-labelledby="status-heading"
      >
        <Stack gap="sm">
          <FormError message={form.formError} title="The status was not changed" />
          <Group align="flex-start" gap="sm" wrap="wrap">
            <Select
              label="Move to"
              name="status"
              data={choices}
              allowDeselect={false}
              value={form.values.status}
              onChange={(value) => value && form.setValue('status', value)}
              error={form.errors.status}
              w={220}
            />
            <Textarea
              label="Reason"
              description={
                reasonRequired
                  ? 'Required to go back or to close; kept in the timeline'
                  : 'Optional; kept in the timeline'
              }
              required={reasonRequired}
              autosize
              minRows={1}
              maxLength={2000}
              miw={320}
              style={{ flex: 1 }}
              {...textareaField(form, 'reason')}
            />
          </Group>
          <Group>
            <Button type="submit" loading={setStatus.isPending}>
              Move to {incidentStatusLabels[target].toLowerCase()}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
