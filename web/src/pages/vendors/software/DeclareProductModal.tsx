import { Button, Group, Modal, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { declaredProductInput } from '@contracts/exposure.js';
import { useDeclareProduct, type DeclaredProduct } from '../../../api/exposure.js';
import { fetchIntegrations, vendorKeys, type VendorSummary } from '../../../api/vendors.js';
import { FormError } from '../../../components/FormError.js';
import { useZodForm } from '../../../hooks/useZodForm.js';
import { asRecord, nullable } from '../formValues.js';

const WHOLE_VENDOR = 'whole-vendor';
// Identifiers are read character by character; the label and errors stay in the body font.
const monospaceInput = { input: { fontFamily: 'var(--mantine-font-family-monospace)' } };

const productForm = z.preprocess((raw): DeclaredProduct => {
  const v = asRecord(raw);
  return {
    integrationId: !v.integrationId || v.integrationId === WHOLE_VENDOR ? null : v.integrationId,
    name: (v.name ?? '').trim(),
    version: (v.version ?? '').trim(),
    cpe: nullable(v.cpe),
    purl: nullable(v.purl),
  };
}, declaredProductInput);

const initial = { integrationId: WHOLE_VENDOR, name: '', version: '', cpe: '', purl: '' };

export function DeclareProductModal({
  vendor,
  opened,
  onClose,
}: {
  vendor: VendorSummary;
  opened: boolean;
  onClose: () => void;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title="Declare a product" size="lg" centered>
      {opened && <DeclareProductForm vendor={vendor} onDone={onClose} />}
    </Modal>
  );
}

/**
 * A product the vendor runs without an SBOM for it (an appliance, a hosted database), named
 * by a CPE 2.3 name or a package URL so it can be matched against the advisories.
 */
function DeclareProductForm({ vendor, onDone }: { vendor: VendorSummary; onDone: () => void }) {
  const form = useZodForm(productForm, initial);
  const declare = useDeclareProduct(vendor.id);
  const integrations = useQuery({
    queryKey: vendorKeys.part(vendor.id, 'integrations'),
    queryFn: () => fetchIntegrations(vendor.id),
  });
  const scopeOptions = [
    { value: WHOLE_VENDOR, label: 'Whole vendor' },
    ...(integrations.data ?? []).map((item) => ({ value: item.id, label: item.name })),
  ];

  function submit(input: DeclaredProduct) {
    declare.mutate(input, {
      onSuccess: (component) => {
        notifications.show({
          color: 'teal',
          message: `${component.name}${component.version ? ` ${component.version}` : ''} was declared.`,
        });
        onDone();
      },
      onError: (error) => form.applyError(error),
    });
  }

  return (
    <form onSubmit={form.submitWith(submit)} noValidate>
      <Stack>
        <FormError message={form.formError} title="Could not declare the product" />
        <Select
          label="Scope"
          data={scopeOptions}
          allowDeselect={false}
          name="integrationId"
          value={form.values.integrationId}
          onChange={(value) => form.setValue('integrationId', value ?? WHOLE_VENDOR)}
          error={form.errors.integrationId}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="Product name" required data-autofocus {...form.field('name')} />
          <TextInput label="Version" required {...form.field('version')} />
        </SimpleGrid>
        <Text size="sm" c="dimmed">
          Give a CPE 2.3 name, a package URL, or both: they are what advisories are matched on.
        </Text>
        <TextInput
          label="CPE 2.3 name"
          placeholder="cpe:2.3:a:apache:tomcat:8.5.38:*:*:*:*:*:*:*"
          styles={monospaceInput}
          {...form.field('cpe')}
        />
        <TextInput
          label="Package URL"
          placeholder="pkg:maven/org.apache.tomcat/tomcat-coyote@8.5.38"
          styles={monospaceInput}
          {...form.field('purl')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={declare.isPending}>
            Declare product
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
