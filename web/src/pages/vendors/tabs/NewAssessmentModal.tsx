import { Alert, Button, Group, Modal, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { z } from 'zod';
import { createAssessmentInput } from '@contracts/assessments.js';
import {
  assessmentKeys,
  createAssessment,
  fetchTemplates,
  sendAssessment,
  templateKeys,
  type Assessment,
  type CreateAssessmentInput,
} from '../../../api/assessments.js';
import { fetchIntegrations, vendorKeys, type VendorSummary } from '../../../api/vendors.js';
import { FormError } from '../../../components/FormError.js';
import { useZodForm } from '../../../hooks/useZodForm.js';
import { asRecord, nullable } from '../formValues.js';
import { AssessmentLinkSent, type SentAssessment } from './AssessmentLinkSent.js';

// Select values must be non-empty strings, so "no integration" and "no template" get names.
const WHOLE_VENDOR = 'whole-vendor';
const SUGGESTED = 'suggested';

const assessmentForm = z.preprocess((raw): CreateAssessmentInput => {
  const v = asRecord(raw);
  return {
    integrationId: !v.integrationId || v.integrationId === WHOLE_VENDOR ? null : v.integrationId,
    templateId: !v.templateId || v.templateId === SUGGESTED ? undefined : v.templateId,
    dueDate: v.dueDate ?? '',
    recipientEmail: (v.recipientEmail ?? '').trim(),
    recipientName: nullable(v.recipientName),
  };
}, createAssessmentInput);

/** `YYYY-MM-DD` of the local day `days` from today: what a date input shows. */
function localDayFromNow(days: number): string {
  const date = new Date();
  date.setDate(date.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function NewAssessmentModal({
  vendor,
  opened,
  onClose,
}: {
  vendor: VendorSummary;
  opened: boolean;
  onClose: () => void;
}) {
  const [sent, setSent] = useState<SentAssessment | null>(null);
  function close() {
    // The link is shown once: closing forgets it.
    setSent(null);
    onClose();
  }
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={sent ? 'Assessment sent' : 'New assessment'}
      size="lg"
      centered
    >
      {sent ? (
        <AssessmentLinkSent sent={sent} onDone={close} />
      ) : (
        opened && <NewAssessmentForm vendor={vendor} onSent={setSent} onCancel={close} />
      )}
    </Modal>
  );
}

function NewAssessmentForm({
  vendor,
  onSent,
  onCancel,
}: {
  vendor: VendorSummary;
  onSent: (sent: SentAssessment) => void;
  onCancel: () => void;
}) {
  const queryClient = useQueryClient();
  const integrations = useQuery({
    queryKey: vendorKeys.part(vendor.id, 'integrations'),
    queryFn: () => fetchIntegrations(vendor.id),
  });
  const templates = useQuery({ queryKey: templateKeys.all, queryFn: fetchTemplates });
  const initial = useMemo(
    () => ({
      integrationId: WHOLE_VENDOR,
      templateId: SUGGESTED,
      dueDate: localDayFromNow(30),
      recipientEmail: vendor.securityContact ?? '',
      recipientName: '',
    }),
    [vendor.securityContact],
  );
  const form = useZodForm(assessmentForm, initial);
  // A draft that was created but whose sending failed: retrying sends it, not a second draft.
  const [unsentDraft, setUnsentDraft] = useState<Assessment | null>(null);

  const mutation = useMutation({
    mutationFn: async (input: CreateAssessmentInput): Promise<SentAssessment> => {
      const assessment = unsentDraft ?? (await createAssessment(vendor.id, input));
      setUnsentDraft(assessment);
      return { assessment, link: await sendAssessment(assessment.id) };
    },
    onSuccess: (result) => onSent(result),
    onError: (error) => form.applyError(error),
    onSettled: () => queryClient.invalidateQueries({ queryKey: assessmentKeys.all }),
  });

  const suggestedLevel =
    vendor.riskTier === 'critical' || vendor.riskTier === 'high' ? 'full' : 'lite';
  const suggested = templates.data?.find((t) => t.builtIn && t.level === suggestedLevel);
  const templateOptions = [
    {
      value: SUGGESTED,
      label: `Suggested for the vendor's tier${suggested ? ` (${suggested.name})` : ''}`,
    },
    ...(templates.data ?? []).map((t) => ({ value: t.id, label: `${t.name} (v${t.version})` })),
  ];
  const integrationOptions = [
    { value: WHOLE_VENDOR, label: 'Whole vendor' },
    // A retired integration will not go live again, so there is nothing left to assess.
    ...(integrations.data ?? [])
      .filter((integration) => integration.status !== 'retired')
      .map((integration) => ({ value: integration.id, label: integration.name })),
  ];
  const select = (name: 'integrationId' | 'templateId') => ({
    name,
    value: form.values[name],
    onChange: (value: string | null) => value && form.setValue(name, value),
    error: form.errors[name],
    allowDeselect: false,
    disabled: unsentDraft !== null,
  });

  return (
    <form onSubmit={form.submitWith((input) => mutation.mutate(input))} noValidate>
      <Stack>
        <FormError message={form.formError} title="Could not create and send the assessment" />
        {unsentDraft && (
          <Alert color="yellow" variant="light" title="Created, not sent yet">
            The assessment was saved as a draft. Trying again sends that draft; change its details
            from its own page.
          </Alert>
        )}
        <Select
          label="Integration"
          description="Assess one integration, or the vendor as a whole"
          data={integrationOptions}
          searchable
          {...select('integrationId')}
        />
        <Select
          label="Questionnaire"
          description="Critical and high tiers get the full built-in questionnaire; others the lite one"
          data={templateOptions}
          searchable
          {...select('templateId')}
        />
        <TextInput
          label="Due date"
          type="date"
          required
          disabled={unsentDraft !== null}
          {...form.field('dueDate')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label="Recipient email"
            type="email"
            autoComplete="off"
            required
            disabled={unsentDraft !== null}
            {...form.field('recipientEmail')}
          />
          <TextInput
            label="Recipient name"
            autoComplete="off"
            disabled={unsentDraft !== null}
            {...form.field('recipientName')}
          />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            Create and send
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
