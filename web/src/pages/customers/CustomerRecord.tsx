import { Alert, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { Customer } from '../../api/datamap.js';
import { jurisdictionName } from '../../components/jurisdictions.js';
import { LocalTime } from '../../components/LocalTime.js';
import { EraseCustomerButton } from './EraseCustomerButton.js';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{children ?? '—'}</Text>
    </div>
  );
}

/** One decrypted customer record, with erasure for admins. */
export function CustomerRecord({
  customer,
  canErase,
  onChanged,
}: {
  customer: Customer;
  canErase: boolean;
  onChanged: (customer: Customer) => void;
}) {
  return (
    <Paper withBorder radius="md" p="md" aria-label={`Customer ${customer.externalId}`}>
      <Stack gap="sm">
        {customer.erasedAt && (
          <Alert color="gray" variant="light" title="Erased">
            This customer's personal data was erased <LocalTime iso={customer.erasedAt} />. Only a
            tombstone remains.
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
          <Field label="External id">
            <Text span size="sm" ff="monospace">
              {customer.externalId}
            </Text>
          </Field>
          <Field label="Name">{customer.name}</Field>
          <Field label="Email">{customer.email}</Field>
          <Field label="Phone">{customer.phone}</Field>
          <Field label="Jurisdiction">
            {customer.country ? jurisdictionName(customer.country, customer.region) : null}
          </Field>
          <Field label="Locale">{customer.locale}</Field>
          <Field label="Customer since">
            {customer.customerSince ? <LocalTime iso={customer.customerSince} /> : null}
          </Field>
          <Field label="Last updated">
            <LocalTime iso={customer.updatedAt} />
          </Field>
        </SimpleGrid>
        {canErase && !customer.erasedAt && (
          <Group justify="flex-end">
            <EraseCustomerButton customer={customer} onErased={onChanged} />
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
