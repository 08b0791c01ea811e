import { Button, Group, Select, Stack, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { linkInput } from '@contracts/incidents.js';
import { useAddLink, type Incident, type LinkKind } from '../../api/incidents.js';
import {
  fetchAllIntegrations,
  fetchVendors,
  integrationsKey,
  vendorKeys,
} from '../../api/vendors.js';
import { FormError } from '../../components/FormError.js';
import { useZodForm } from '../../hooks/useZodForm.js';
import { asRecord } from '../vendors/formValues.js';
import { linkKindOptions } from './labels.js';

const linkForm = z.preprocess((raw) => {
  const v = asRecord(raw);
  return { kind: v.kind, targetId: (v.targetId ?? '').trim() };
}, linkInput);

const empty = { kind: 'vendor', targetId: '' };
const pickerFilter = { limit: 500 } as const;

const idLabels: Record<LinkKind, string> = {
  vendor: 'Vendor',
  integration: 'Integration',
  alert: 'Alert id',
  finding: 'Finding id',
};

/** Links a vendor or integration by name, or an alert or finding by its id. */
export function LinkForm({ incident }: { incident: Incident }) {
  const form = useZodForm(linkForm, empty);
  const add = useAddLink(incident.id);
  const kind = form.values.kind as LinkKind;
  const linked = new Set(incident.links.map((link) => link.targetId));
  const vendors = useQuery({
    queryKey: vendorKeys.list(pickerFilter),
    queryFn: () => fetchVendors(pickerFilter),
    enabled: kind === 'vendor',
  });
  const integrations = useQuery({
    queryKey: integrationsKey,
    queryFn: fetchAllIntegrations,
    enabled: kind === 'integration',
  });
  const choices =
    kind === 'vendor'
      ? (vendors.data?.items ?? []).map((vendor) => ({
          value: vendor.id,
          label: vendor.legalName,
        }))
      : (integrations.data ?? []).map((integration) => ({
          value: integration.id,
          label: `${integration.name} (${integration.vendorName})`,
        }));

  function submit(input: z.output<typeof linkInput>) {
    add.mutate(input, {
      onSuccess: () => {
        notifications.show({ color: 'teal', message: 'Linked to the incident.' });
        form.reset();
      },
      onError: (error) => form.applyError(error),
    });
  }

  return (
    <form onSubmit={form.submitWith(submit)} noValidate aria-labelledby="add-link-heading">
      <Stack gap="xs">
        <Title order={3} size="h6" id="add-link-heading">
          Link something
        </Title>
        <FormError message={form.formError} title="Nothing was linked" />
        <Group align="flex-start" gap="sm" wrap="wrap">
          <Select
            label="Kind"
            name="kind"
            data={linkKindOptions}
            allowDeselect={false}
            value={form.values.kind}
            onChange={(value) => {
              if (!value) return;
              form.setValue('kind', value);
              form.setValue('targetId', '');
            }}
            error={form.errors.kind}
            w={150}
          />
          {kind === 'vendor' || kind === 'integration' ? (
            <Select
              label={idLabels[kind]}
              name="targetId"
              placeholder="Choose one"
              data={choices.filter((choice) => !linked.has(choice.value))}
              searchable
              nothingFoundMessage="Nothing to link"
              required
              value={form.values.targetId || null}
              onChange={(value) => form.setValue('targetId', value ?? '')}
              error={form.errors.targetId}
              miw={240}
              style={{ flex: 1 }}
            />
          ) : (
            <TextInput
              label={idLabels[kind]}
              required
              miw={240}
              style={{ flex: 1 }}
              {...form.field('targetId')}
            />
          )}
        </Group>
        <Group>
          <Button type="submit" size="xs" variant="light" loading={add.isPending}>
            Link
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
