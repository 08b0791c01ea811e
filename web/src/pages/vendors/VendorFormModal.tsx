import {
  Button,
  Group,
  Modal,
  SimpleGrid,
  Stack,
  TagsInput,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useMemo } from 'react';
import { z } from 'zod';
import { vendorInput } from '@contracts/vendors.js';
import {
  createVendor,
  fetchVendorTags,
  updateVendor,
  vendorKeys,
  type Vendor,
  type VendorInput,
} from '../../api/vendors.js';
import { FormError } from '../../components/FormError.js';
import { useZodForm } from '../../hooks/useZodForm.js';
import { asRecord, joinList, list, listField, nullable, textareaField } from './formValues.js';

const vendorForm = z.preprocess((raw): VendorInput => {
  const v = asRecord(raw);
  return {
    legalName: v.legalName ?? '',
    tradingName: nullable(v.tradingName),
    website: nullable(v.website),
    domains: list(v.domains),
    country: nullable(v.country),
    services: v.services ?? '',
    businessOwner: nullable(v.businessOwner),
    securityContact: nullable(v.securityContact),
    notes: v.notes ?? '',
    tags: list(v.tags),
  };
}, vendorInput);

function initialValues(vendor: Vendor | undefined) {
  return {
    legalName: vendor?.legalName ?? '',
    tradingName: vendor?.tradingName ?? '',
    website: vendor?.website ?? '',
    domains: joinList(vendor?.domains),
    country: vendor?.country ?? '',
    services: vendor?.services ?? '',
    businessOwner: vendor?.businessOwner ?? '',
    securityContact: vendor?.securityContact ?? '',
    notes: vendor?.notes ?? '',
    tags: joinList(vendor?.tags),
  };
}

/** Adds a vendor (without `vendor`) or edits one. */
export function VendorFormModal({
  opened,
  onClose,
  vendor,
}: {
  opened: boolean;
  onClose: () => void;
  vendor?: Vendor;
}) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={vendor ? `Edit ${vendor.legalName}` : 'New vendor'}
      size="xl"
      centered
    >
      {opened && <VendorForm vendor={vendor} onDone={onClose} />}
    </Modal>
  );
}

function VendorForm({ vendor, onDone }: { vendor: Vendor | undefined; onDone: () => void }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const initial = useMemo(() => initialValues(vendor), [vendor]);
  const form = useZodForm(vendorForm, initial);
  const tags = useQuery({ queryKey: vendorKeys.tags, queryFn: fetchVendorTags });
  const mutation = useMutation({
    mutationFn: (input: VendorInput) =>
      vendor ? updateVendor(vendor.id, input) : createVendor(input),
    onSuccess: async (saved) => {
      notifications.show({
        color: 'teal',
        message: vendor ? `${saved.legalName} was saved.` : `${saved.legalName} was added.`,
      });
      await queryClient.invalidateQueries({ queryKey: vendorKeys.all });
      onDone();
      if (!vendor) await navigate({ to: '/vendors/$vendorId', params: { vendorId: saved.id } });
    },
    onError: (error) => form.applyError(error),
  });

  return (
    <form onSubmit={form.submitWith((input) => mutation.mutate(input))} noValidate>
      <Stack>
        <FormError message={form.formError} title="Could not save the vendor" />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="Legal name" required data-autofocus {...form.field('legalName')} />
          <TextInput label="Trading name" {...form.field('tradingName')} />
          <TextInput
            label="Website"
            placeholder="https://vendor.example"
            {...form.field('website')}
          />
          <TextInput
            label="Country"
            description="Two-letter ISO code, e.g. DE"
            maxLength={2}
            {...form.field('country')}
          />
          <TextInput label="Business owner" {...form.field('businessOwner')} />
          <TextInput label="Security contact" type="email" {...form.field('securityContact')} />
        </SimpleGrid>
        <TagsInput
          label="Domains"
          description="Press Enter after each domain, e.g. api.vendor.example"
          splitChars={[',', ' ']}
          clearable
          {...listField(form, 'domains')}
        />
        <TagsInput
          label="Tags"
          description="Press Enter after each tag"
          data={tags.data ?? []}
          splitChars={[',']}
          clearable
          {...listField(form, 'tags')}
        />
        <Textarea label="Services" autosize minRows={2} {...textareaField(form, 'services')} />
        <Textarea label="Notes" autosize minRows={2} {...textareaField(form, 'notes')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {vendor ? 'Save vendor' : 'Add vendor'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
