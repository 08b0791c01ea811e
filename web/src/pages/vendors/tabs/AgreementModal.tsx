import {
  Button,
  Checkbox,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { z } from 'zod';
import { AGREEMENT_TYPES, agreementInput } from '@contracts/vendors.js';
import {
  saveAgreement,
  vendorKeys,
  type Agreement,
  type AgreementInput,
} from '../../../api/vendors.js';
import { FormError } from '../../../components/FormError.js';
import { useZodForm } from '../../../hooks/useZodForm.js';
import { asRecord, flag, flagValue, nullable, numberOrNull, textareaField } from '../formValues.js';

const typeOptions = AGREEMENT_TYPES.map((type) => ({ value: type, label: type }));

const agreementForm = z.preprocess((raw): AgreementInput => {
  const v = asRecord(raw);
  return {
    type: v.type as AgreementInput['type'],
    title: v.title ?? '',
    signedOn: nullable(v.signedOn),
    effectiveOn: nullable(v.effectiveOn),
    expiresOn: nullable(v.expiresOn),
    autoRenews: flag(v.autoRenews),
    renewalNoticeDays: numberOrNull(v.renewalNoticeDays),
    terminationNoticeDays: numberOrNull(v.terminationNoticeDays),
    breachNoticeHours: numberOrNull(v.breachNoticeHours),
    auditRights: flag(v.auditRights),
    subprocessorApproval: flag(v.subprocessorApproval),
    notes: v.notes ?? '',
  };
}, agreementInput);

const text = (value: number | string | null | undefined) => (value == null ? '' : String(value));

export function AgreementModal({
  vendorId,
  agreement,
  opened,
  onClose,
}: {
  vendorId: string;
  agreement: Agreement | null;
  opened: boolean;
  onClose: () => void;
}) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={agreement ? `Edit ${agreement.title}` : 'Add a contract'}
      size="xl"
      centered
    >
      {opened && <AgreementForm vendorId={vendorId} agreement={agreement} onDone={onClose} />}
    </Modal>
  );
}

function AgreementForm({
  vendorId,
  agreement,
  onDone,
}: {
  vendorId: string;
  agreement: Agreement | null;
  onDone: () => void;
}) {
  const queryClient = useQueryClient();
  const initial = useMemo(
    () => ({
      type: agreement?.type ?? 'DPA',
      title: agreement?.title ?? '',
      signedOn: text(agreement?.signedOn),
      effectiveOn: text(agreement?.effectiveOn),
      expiresOn: text(agreement?.expiresOn),
      autoRenews: flagValue(agreement?.autoRenews ?? false),
      renewalNoticeDays: text(agreement?.renewalNoticeDays),
      terminationNoticeDays: text(agreement?.terminationNoticeDays),
      breachNoticeHours: text(agreement?.breachNoticeHours),
      auditRights: flagValue(agreement?.auditRights ?? false),
      subprocessorApproval: flagValue(agreement?.subprocessorApproval ?? false),
      notes: agreement?.notes ?? '',
    }),
    [agreement],
  );
  const form = useZodForm(agreementForm, initial);
  const mutation = useMutation({
    mutationFn: (input: AgreementInput) => saveAgreement(vendorId, input, agreement?.id),
    onSuccess: async (saved) => {
      notifications.show({ color: 'teal', message: `${saved.type} "${saved.title}" was saved.` });
      await queryClient.invalidateQueries({ queryKey: vendorKeys.part(vendorId, 'agreements') });
      onDone();
    },
    onError: (error) => form.applyError(error),
  });

  const check = (name: 'autoRenews' | 'auditRights' | 'subprocessorApproval') => ({
    name,
    checked: flag(form.values[name]),
    onChange: (event: React.ChangeEvent<HTMLInputElement>) =>
      form.setValue(name, flagValue(event.currentTarget.checked)),
    error: form.errors[name],
  });

  return (
    <form onSubmit={form.submitWith((input) => mutation.mutate(input))} noValidate>
      <Stack>
        <FormError message={form.formError} title="Could not save the contract" />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select
            label="Type"
            data={typeOptions}
            allowDeselect={false}
            value={form.values.type}
            onChange={(value) => value && form.setValue('type', value)}
            error={form.errors.type}
          />
          <TextInput
            label="Title"
            required
            data-autofocus
            style={{ gridColumn: 'span 2' }}
            {...form.field('title')}
          />
          <TextInput label="Signed on" type="date" {...form.field('signedOn')} />
          <TextInput label="Effective from" type="date" {...form.field('effectiveOn')} />
          <TextInput label="Expires on" type="date" {...form.field('expiresOn')} />
          <TextInput
            label="Breach notice (hours)"
            description="How soon the vendor must tell the shop of a breach"
            type="number"
            min={0}
            inputMode="numeric"
            {...form.field('breachNoticeHours')}
          />
          <TextInput
            label="Renewal notice (days)"
            type="number"
            min={0}
            inputMode="numeric"
            {...form.field('renewalNoticeDays')}
          />
          <TextInput
            label="Termination notice (days)"
            type="number"
            min={0}
            inputMode="numeric"
            {...form.field('terminationNoticeDays')}
          />
        </SimpleGrid>
        <Group gap="xl">
          <Checkbox label="Renews automatically" {...check('autoRenews')} />
          <Checkbox label="Audit rights" {...check('auditRights')} />
          <Checkbox
            label="Subprocessors need the shop's approval"
            {...check('subprocessorApproval')}
          />
        </Group>
        <Textarea label="Notes" autosize minRows={2} {...textareaField(form, 'notes')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            Save contract
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
