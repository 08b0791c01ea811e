import { Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { customerLookupRequest } from '@contracts/datamap.js';
import { isApiError } from '../../api/client.js';
import { lookupCustomer, type Customer } from '../../api/datamap.js';
import { FormError } from '../../components/FormError.js';
import { CustomerRecord } from './CustomerRecord.js';

/**
 * Finds one customer by email and shows the decrypted record. Each lookup is audited on the
 * server, so it runs only when asked (a mutation), never on refocus or refetch.
 */
export function CustomerLookupCard({ canErase }: { canErase: boolean }) {
  const [email, setEmail] = useState('');
  const [emailError, setEmailError] = useState<string | null>(null);
  const [found, setFound] = useState<Customer | null>(null);
  const lookup = useMutation({
    mutationFn: lookupCustomer,
    onMutate: () => setFound(null),
    onSuccess: setFound,
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = customerLookupRequest.safeParse({ email });
    if (!parsed.success) {
      setEmailError(parsed.error.issues[0]?.message ?? 'must be an email address');
      return;
    }
    setEmailError(null);
    lookup.mutate(parsed.data.email);
  }

  const notFound = isApiError(lookup.error) && lookup.error.status === 404;
  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="sm">
        <Title order={2} size="h4">
          Find a customer
        </Title>
        <Text size="sm" c="dimmed">
          Look a customer up by email to answer an access or erasure request. The record is
          decrypted for you and the lookup is written to the audit log.
        </Text>
        <form onSubmit={submit} noValidate>
          <Group align="start" wrap="wrap">
            <TextInput
              label="Customer email"
              type="email"
              autoComplete="off"
              value={email}
              onChange={(event) => {
                setEmail(event.currentTarget.value);
                setEmailError(null);
              }}
              error={emailError}
              w={340}
            />
            <Button
              type="submit"
              mt={25}
              loading={lookup.isPending}
              leftSection={<IconSearch size={16} aria-hidden />}
            >
              Find customer
            </Button>
          </Group>
        </form>
        {notFound && (
          <Text size="sm" role="status">
            No customer has that email address.
          </Text>
        )}
        {lookup.isError && !notFound && (
          <FormError message={lookup.error.message} title="The lookup failed" />
        )}
        {found && <CustomerRecord customer={found} canErase={canErase} onChanged={setFound} />}
      </Stack>
    </Paper>
  );
}
