import {
  Button,
  Group,
  Modal,
  MultiSelect,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { z } from 'zod';
import {
  ENVIRONMENTS,
  INTEGRATION_KINDS,
  INTEGRATION_STATUSES,
  integrationInput,
} from '@contracts/vendors.js';
import {
  integrationsKey,
  saveIntegration,
  vendorKeys,
  type Integration,
  type IntegrationInput,
} from '../../../api/vendors.js';
import { FormError } from '../../../components/FormError.js';
import { useZodForm } from '../../../hooks/useZodForm.js';
import { asRecord, joinList, list, listField, nullable } from '../formValues.js';
import { integrationKindLabels, options } from '../labels.js';
import { useDataCategories } from '../useDataCategories.js';

const kindOptions = options(INTEGRATION_KINDS, (kind) => integrationKindLabels[kind]);
const environmentOptions = options(ENVIRONMENTS);
const statusOptions = options(INTEGRATION_STATUSES);

const integrationForm = z.preprocess((raw): IntegrationInput => {
  const v = asRecord(raw);
  return {
    name: v.name ?? '',
    kind: v.kind as IntegrationInput['kind'],
    environment: v.environment as IntegrationInput['environment'],
    status: v.status as IntegrationInput['status'],
    endpoints: list(v.endpoints),
    domains: list(v.domains),
    declaredScopes: list(v.declaredScopes),
    declaredCategories: list(v.declaredCategories),
    credentialsRef: nullable(v.credentialsRef),
    owner: nullable(v.owner),
  };
}, integrationInput);

export function IntegrationModal({
  vendorId,
  integration,
  opened,
  onClose,
}: {
  vendorId: string;
  integration: Integration | null;
  opened: boolean;
  onClose: () => void;
}) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={integration ? `Edit ${integration.name}` : 'Add an integration'}
      size="xl"
      centered
    >
      {opened && <IntegrationForm vendorId={vendorId} integration={integration} onDone={onClose} />}
    </Modal>
  );
}

function IntegrationForm({
  vendorId,
  integration,
  onDone,
}: {
  vendorId: string;
  integration: Integration | null;
  onDone: () => void;
}) {
  const queryClient = useQueryClient();
  const categories = useDataCategories();
  const initial = useMemo(
    () => ({
      name: integration?.name ?? '',
      kind: integration?.kind ?? 'server_api_client',
      environment: integration?.environment ?? 'production',
      status: integration?.status ?? 'planned',
      endpoints: joinList(integration?.endpoints),
      domains: joinList(integration?.domains),
      declaredScopes: joinList(integration?.declaredScopes),
      declaredCategories: joinList(integration?.declaredCategories),
      credentialsRef: integration?.credentialsRef ?? '',
      owner: integration?.owner ?? '',
    }),
    [integration],
  );
  const form = useZodForm(integrationForm, initial);
  const mutation = useMutation({
    mutationFn: (input: IntegrationInput) => saveIntegration(vendorId, input, integration?.id),
    onSuccess: async (saved) => {
      notifications.show({ color: 'teal', message: `Integration ${saved.name} was saved.` });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: vendorKeys.all }),
        queryClient.invalidateQueries({ queryKey: integrationsKey }),
      ]);
      onDone();
    },
    onError: (error) => form.applyError(error),
  });

  const select = (name: 'kind' | 'environment' | 'status') => ({
    value: form.values[name],
    onChange: (value: string | null) => value && form.setValue(name, value),
    error: form.errors[name],
    allowDeselect: false,
  });

  return (
    <form onSubmit={form.submitWith((input) => mutation.mutate(input))} noValidate>
      <Stack>
        <FormError message={form.formError} title="Could not save the integration" />
        <TextInput label="Name" required data-autofocus {...form.field('name')} />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select label="Kind" data={kindOptions} {...select('kind')} />
          <Select label="Environment" data={environmentOptions} {...select('environment')} />
          <Select label="Integration status" data={statusOptions} {...select('status')} />
        </SimpleGrid>
        <MultiSelect
          label="Declared data categories"
          description="What the shop has agreed to send; anything else in the ledger raises an alert."
          data={categories.options}
          searchable
          clearable
          nothingFoundMessage="No such category"
          {...listField(form, 'declaredCategories')}
        />
        <TagsInput
          label="Endpoints"
          description="Press Enter after each URL, e.g. https://api.vendor.example/v1"
          splitChars={[' ']}
          {...listField(form, 'endpoints')}
        />
        <TagsInput
          label="Domains"
          description="Press Enter after each domain"
          splitChars={[',', ' ']}
          {...listField(form, 'domains')}
        />
        <TagsInput
          label="Scopes"
          description="The permissions it was granted, e.g. orders:read"
          splitChars={[',', ' ']}
          {...listField(form, 'declaredScopes')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label="Credentials reference"
            description="Where the secret is kept, e.g. vault:kv/vendor-x/api-key — never the secret"
            placeholder="vault:kv/vendor-x/api-key"
            autoComplete="off"
            spellCheck={false}
            {...form.field('credentialsRef')}
          />
          <TextInput label="Owner" description="Who runs it at the shop" {...form.field('owner')} />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            Save integration
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
