import { Button, Group, Modal, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { decisionInput, type DecisionOutcome } from '@contracts/assessments.js';
import {
  decideAssessment,
  type AssessmentDetail,
  type DecisionInput,
} from '../../api/assessments.js';
import { ApiError } from '../../api/client.js';
import { FormError } from '../../components/FormError.js';
import { useVendorRole } from '../vendors/useVendorRole.js';
import { decisionChoiceLabels, decisionTrailLabels, isReviewable } from './assessmentText.js';
import { ConditionsEditor, emptyCondition, type ConditionRow } from './ConditionsEditor.js';
import { useRefreshAssessment } from './useRefreshAssessment.js';

/** What this user may decide now: judging answers needs them; accepting a risk needs an admin. */
export function decisionChoices(status: AssessmentDetail['status'], isAdmin: boolean) {
  const choices: DecisionOutcome[] = isReviewable(status)
    ? ['approve', 'approve_with_conditions', 'reject']
    : [];
  if (isAdmin && status !== 'cancelled') choices.push('risk_acceptance');
  return choices;
}

type Errors = Record<string, string>;

function toErrors(issues: { path: string; message: string }[], known: (key: string) => boolean) {
  const errors: Errors = {};
  const rest: string[] = [];
  for (const { path, message } of issues) {
    if (known(path)) errors[path] ??= message;
    else rest.push(path ? `${path}: ${message}` : message);
  }
  return { errors, rest };
}

export function DecisionModal({
  detail,
  opened,
  onClose,
}: {
  detail: AssessmentDetail;
  opened: boolean;
  onClose: () => void;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title="Record a decision" size="lg" centered>
      {opened && <DecisionForm detail={detail} onDone={onClose} />}
    </Modal>
  );
}

function DecisionForm({ detail, onDone }: { detail: AssessmentDetail; onDone: () => void }) {
  const { isAdmin } = useVendorRole();
  const refresh = useRefreshAssessment(detail.vendorId);
  const choices = decisionChoices(detail.status, isAdmin);
  const [outcome, setOutcome] = useState<DecisionOutcome | null>(null);
  const [reason, setReason] = useState('');
  const [conditions, setConditions] = useState<ConditionRow[]>([]);
  const [expiresOn, setExpiresOn] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);

  const known = (key: string) =>
    ['outcome', 'reason', 'conditions', 'expiresOn'].includes(key) ||
    /^conditions\.\d+\.(text|dueDate)$/.test(key);

  const mutation = useMutation({
    mutationFn: (input: DecisionInput) => decideAssessment(detail.id, input),
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: 'The decision was recorded.' });
      await refresh({ vendor: true });
      onDone();
    },
    onError: (error) => {
      if (!(error instanceof ApiError)) {
        setFormError('Something unexpected went wrong. Please try again.');
        return;
      }
      const found = toErrors(
        error.issues.map((issue) => ({
          path: issue.field.replace(/^body\./, ''),
          message: issue.message,
        })),
        known,
      );
      setErrors(found.errors);
      setFormError([error.message, ...found.rest].join('. '));
    },
  });

  function choose(next: DecisionOutcome) {
    setOutcome(next);
    setErrors({});
    if (next === 'approve_with_conditions' && conditions.length === 0)
      setConditions([emptyCondition()]);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!outcome) {
      setErrors({ outcome: 'Choose an outcome' });
      return;
    }
    // Conditions and expiry belong to one outcome each; the others send none.
    const input: DecisionInput = {
      outcome,
      reason,
      conditions:
        outcome === 'approve_with_conditions'
          ? conditions.map(({ text, dueDate }) => ({ text, dueDate }))
          : [],
      expiresOn: outcome === 'risk_acceptance' && expiresOn ? expiresOn : null,
    };
    const parsed = decisionInput.safeParse(input);
    if (!parsed.success) {
      const found = toErrors(
        parsed.error.issues.map((issue) => ({
          path: issue.path.join('.'),
          message: issue.message,
        })),
        known,
      );
      setErrors(found.errors);
      setFormError(found.rest.length ? found.rest.join('. ') : null);
      return;
    }
    setErrors({});
    setFormError(null);
    mutation.mutate(input);
  }

  if (choices.length === 0)
    return (
      <Text size="sm">
        This assessment cannot be decided now: the vendor has to submit it first.
      </Text>
    );

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormError message={formError} title="Could not save the decision" />
        {!isReviewable(detail.status) && (
          <Text size="sm">
            The vendor has not submitted yet, so the only decision open is to accept the risk. Their
            links stop working once it is recorded.
          </Text>
        )}
        <Select
          label="Outcome"
          required
          placeholder="Choose an outcome"
          data={choices.map((value) => ({ value, label: decisionChoiceLabels[value] }))}
          allowDeselect={false}
          name="outcome"
          value={outcome}
          onChange={(value) => value && choose(value)}
          error={errors.outcome}
        />
        <Textarea
          label="Reason"
          required
          autosize
          minRows={3}
          maxLength={5000}
          name="reason"
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          error={errors.reason}
        />
        {outcome === 'approve_with_conditions' && (
          <ConditionsEditor rows={conditions} onChange={setConditions} errors={errors} />
        )}
        {outcome === 'risk_acceptance' && (
          <TextInput
            label="Risk accepted until"
            description="Risk acceptances expire: choose when this one does"
            type="date"
            required
            min={new Date().toISOString().slice(0, 10)}
            name="expiresOn"
            value={expiresOn}
            onChange={(event) => setExpiresOn(event.currentTarget.value)}
            error={errors.expiresOn}
          />
        )}
        {outcome && (
          <Text size="xs" c="dimmed">
            Recorded as &ldquo;{decisionTrailLabels[outcome]}&rdquo;. Decisions are never edited: a
            later one replaces it.
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            Save decision
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
