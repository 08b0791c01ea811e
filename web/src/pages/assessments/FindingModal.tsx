import { Button, Group, Modal, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useMemo } from 'react';
import { z } from 'zod';
import { findingInput } from '@contracts/assessments.js';
import { SEVERITIES, visibleQuestions } from '@contracts/questionnaires.js';
import { addFinding, type AssessmentDetail, type FindingInput } from '../../api/assessments.js';
import { FormError } from '../../components/FormError.js';
import { useZodForm } from '../../hooks/useZodForm.js';
import { asRecord, nullable, textareaField } from '../vendors/formValues.js';
import { options } from '../vendors/labels.js';
import { useRefreshAssessment } from './useRefreshAssessment.js';

const severityOptions = options(SEVERITIES);

const findingForm = z.preprocess((raw): FindingInput => {
  const v = asRecord(raw);
  return {
    title: v.title ?? '',
    detail: v.detail ?? '',
    severity: v.severity as FindingInput['severity'],
    requestedRemediation: v.requestedRemediation ?? '',
    questionKey: nullable(v.questionKey),
  };
}, findingInput);

const initial = {
  title: '',
  detail: '',
  severity: 'medium',
  requestedRemediation: '',
  questionKey: '',
};

export function FindingModal({
  detail,
  opened,
  onClose,
}: {
  detail: AssessmentDetail;
  opened: boolean;
  onClose: () => void;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title="Add a finding" size="lg" centered>
      {opened && <FindingForm detail={detail} onDone={onClose} />}
    </Modal>
  );
}

function FindingForm({ detail, onDone }: { detail: AssessmentDetail; onDone: () => void }) {
  const refresh = useRefreshAssessment(detail.vendorId);
  const form = useZodForm(findingForm, initial);
  // Only questions the vendor actually saw can be what a finding is about.
  const questionOptions = useMemo(() => {
    const visible = visibleQuestions(detail.definition, detail.answers);
    return detail.definition.sections.flatMap((section) =>
      section.questions
        .filter((question) => visible.has(question.key))
        .map((question) => ({
          value: question.key,
          label: `${section.title}: ${question.text}`,
        })),
    );
  }, [detail.definition, detail.answers]);

  const mutation = useMutation({
    mutationFn: (input: FindingInput) => addFinding(detail.id, input),
    onSuccess: async (saved) => {
      notifications.show({ color: 'teal', message: `Finding "${saved.title}" was added.` });
      await refresh();
      onDone();
    },
    onError: (error) => form.applyError(error),
  });

  return (
    <form onSubmit={form.submitWith((input) => mutation.mutate(input))} noValidate>
      <Stack>
        <FormError message={form.formError} title="Could not save the finding" />
        <TextInput label="Title" required data-autofocus {...form.field('title')} />
        <Select
          label="Severity"
          required
          data={severityOptions}
          allowDeselect={false}
          name="severity"
          value={form.values.severity}
          onChange={(value) => value && form.setValue('severity', value)}
          error={form.errors.severity}
        />
        <Textarea label="Detail" autosize minRows={2} {...textareaField(form, 'detail')} />
        <Textarea
          label="Requested remediation"
          description="What the vendor is asked to do; they see it in the portal"
          autosize
          minRows={2}
          {...textareaField(form, 'requestedRemediation')}
        />
        <Select
          label="Related question"
          placeholder="None"
          data={questionOptions}
          clearable
          searchable
          nothingFoundMessage="No such question"
          name="questionKey"
          value={form.values.questionKey || null}
          onChange={(value) => form.setValue('questionKey', value ?? '')}
          error={form.errors.questionKey}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            Save finding
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
