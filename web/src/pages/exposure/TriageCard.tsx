import {
  Button,
  Group,
  Paper,
  Radio,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { z } from 'zod';
import { findingStatusInput } from '@contracts/exposure.js';
import {
  useSetFindingStatus,
  type FindingDetail,
  type FindingStatusChange,
} from '../../api/exposure.js';
import { FormError } from '../../components/FormError.js';
import { useZodForm } from '../../hooks/useZodForm.js';
import { asRecord, nullable, textareaField } from '../vendors/formValues.js';
import { localDayFromNow } from './exposureText.js';

type Decision = FindingStatusChange['status'];

const decisions: { value: Decision; label: string; action: string; description: string }[] = [
  {
    value: 'open',
    label: 'Reopen',
    action: 'Reopen finding',
    description: 'Treat it as affecting the vendor again.',
  },
  {
    value: 'not_affected',
    label: 'Not affected',
    action: 'Mark not affected',
    description: 'The vendor does not use the vulnerable code, or it cannot be reached.',
  },
  {
    value: 'risk_accepted',
    label: 'Accept the risk until a date',
    action: 'Accept risk',
    description: 'Reopens by itself on the day after the date.',
  },
];

const triageForm = z.preprocess((raw): FindingStatusChange => {
  const v = asRecord(raw);
  const status = v.status as Decision;
  return {
    status,
    reason: (v.reason ?? '').trim(),
    acceptedUntil: status === 'risk_accepted' ? nullable(v.acceptedUntil) : null,
  };
}, findingStatusInput);

const successMessages: Record<Decision, string> = {
  open: 'The finding was reopened.',
  not_affected: 'The finding was marked not affected.',
  risk_accepted: 'The risk was accepted.',
};

/** Reopen, mark not affected, or accept the risk until a date; every change needs a reason. */
export function TriageCard({ finding }: { finding: FindingDetail }) {
  const choices = decisions.filter((decision) => decision.value !== finding.status);
  const initial = {
    status: choices[0]?.value ?? 'open',
    reason: '',
    acceptedUntil: finding.acceptedUntil ?? localDayFromNow(30),
  };
  // A new status from the server means a fresh form for the next decision.
  return (
    <TriageForm
      key={`${finding.status}:${finding.statusReason ?? ''}`}
      finding={finding}
      choices={choices}
      initial={initial}
    />
  );
}

function TriageForm({
  finding,
  choices,
  initial,
}: {
  finding: FindingDetail;
  choices: typeof decisions;
  initial: { status: Decision; reason: string; acceptedUntil: string };
}) {
  const form = useZodForm(triageForm, initial);
  const setStatus = useSetFindingStatus(finding.id);
  const accepting = form.values.status === 'risk_accepted';

  function submit(change: FindingStatusChange) {
    setStatus.mutate(change, {
      onSuccess: () =>
        notifications.show({ color: 'teal', message: successMessages[change.status] }),
      onError: (error) => form.applyError(error),
    });
  }

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="triage-heading">
      <Title order={2} size="h4" mb="xs" id="triage-heading">
        Triage
      </Title>
      {finding.status === 'fixed' && (
        <Text size="sm" c="dimmed" mb="sm">
          A newer SBOM no longer lists the affected version, so this finding is fixed. Only a person
          can say a finding does not apply; only an upload can say it is fixed.
        </Text>
      )}
      <form onSubmit={form.submitWith(submit)} noValidate>
        <Stack gap="sm">
          <FormError message={form.formError} title="Could not change the status" />
          <Radio.Group
            label="Decision"
            name="status"
            value={form.values.status}
            onChange={(value) => form.setValue('status', value)}
            error={form.errors.status}
          >
            <Stack gap="xs" mt={4}>
              {choices.map((choice) => (
                <Radio
                  key={choice.value}
                  value={choice.value}
                  label={choice.label}
                  description={choice.description}
                />
              ))}
            </Stack>
          </Radio.Group>
          <Textarea
            label="Reason"
            description="Kept with the finding and in the audit log"
            required
            autosize
            minRows={2}
            maw={640}
            {...textareaField(form, 'reason')}
          />
          {accepting && (
            <TextInput
              label="Accepted until"
              type="date"
              required
              min={localDayFromNow(0)}
              w={200}
              {...form.field('acceptedUntil')}
            />
          )}
          <Group>
            <Button type="submit" loading={setStatus.isPending}>
              {choices.find((choice) => choice.value === form.values.status)?.action ?? 'Save'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
