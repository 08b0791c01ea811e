import {
  Button,
  Group,
  Modal,
  MultiSelect,
  Select,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { subprocessorInput } from '@contracts/vendors.js';
import {
  addSubprocessor,
  fetchVendors,
  vendorKeys,
  type SubprocessorInput,
  type VendorSummary,
} from '../../../api/vendors.js';
import { FormError } from '../../../components/FormError.js';
import { useZodForm } from '../../../hooks/useZodForm.js';
import { asRecord, list, listField, textareaField } from '../formValues.js';
import { useDataCategories } from '../useDataCategories.js';

const subprocessorForm = z.preprocess((raw): SubprocessorInput => {
  const v = asRecord(raw);
  return {
    subprocessorId: v.subprocessorId ?? '',
    categories: list(v.categories),
    location: v.location ?? '',
    purpose: v.purpose ?? '',
  };
}, subprocessorInput);

const empty = { subprocessorId: '', categories: '', location: '', purpose: '' };
const pickerFilter = { limit: 500 } as const;

export function SubprocessorModal({
  vendor,
  opened,
  onClose,
}: {
  vendor: VendorSummary;
  opened: boolean;
  onClose: () => void;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title="Add a subprocessor" size="lg" centered>
      {opened && <SubprocessorForm vendor={vendor} onDone={onClose} />}
    </Modal>
  );
}

function SubprocessorForm({ vendor, onDone }: { vendor: VendorSummary; onDone: () => void }) {
  const queryClient = useQueryClient();
  const categories = useDataCategories();
  const vendors = useQuery({
    queryKey: vendorKeys.list(pickerFilter),
    queryFn: () => fetchVendors(pickerFilter),
  });
  const vendorOptions = (vendors.data?.items ?? [])
    .filter((candidate) => candidate.id !== vendor.id)
    .map((candidate) => ({ value: candidate.id, label: candidate.legalName }));
  const form = useZodForm(subprocessorForm, empty);
  const mutation = useMutation({
    mutationFn: (input: SubprocessorInput) => addSubprocessor(vendor.id, input),
    onSuccess: async (link) => {
      notifications.show({
        color: 'teal',
        message: `${link.subprocessorName} is now a subprocessor of ${link.vendorName}.`,
      });
      await queryClient.invalidateQueries({ queryKey: vendorKeys.all });
      onDone();
    },
    onError: (error) => form.applyError(error),
  });

  return (
    <form onSubmit={form.submitWith((input) => mutation.mutate(input))} noValidate>
      <Stack>
        <FormError message={form.formError} title="Could not add the subprocessor" />
        <Select
          label="Subprocessor"
          description="The vendor this one passes data on to. Add it as a vendor first if it is missing."
          placeholder={vendors.isPending ? 'Loading vendors…' : 'Choose a vendor'}
          data={vendorOptions}
          searchable
          nothingFoundMessage="No such vendor"
          required
          data-autofocus
          name="subprocessorId"
          value={form.values.subprocessorId || null}
          onChange={(value) => form.setValue('subprocessorId', value ?? '')}
          error={
            form.errors.subprocessorId &&
            (form.values.subprocessorId ? form.errors.subprocessorId : 'choose a vendor')
          }
        />
        <MultiSelect
          label="Data categories passed on"
          data={categories.options}
          searchable
          clearable
          nothingFoundMessage="No such category"
          {...listField(form, 'categories')}
        />
        <TextInput
          label="Location"
          description="Where it processes the data, e.g. Ireland"
          required
          {...form.field('location')}
        />
        <Textarea label="Purpose" autosize minRows={2} {...textareaField(form, 'purpose')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            Add subprocessor
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
