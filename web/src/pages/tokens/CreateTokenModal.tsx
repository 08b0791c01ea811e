import {
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { z } from 'zod';
import { createTokenRequest } from '@contracts/identity.js';
import { createToken, type CreatedToken, type TokenScope } from '../../api/tokens.js';
import type { Role } from '../../api/users.js';
import { FormError } from '../../components/FormError.js';
import { SecretValue } from '../../components/SecretValue.js';
import { useZodForm } from '../../hooks/useZodForm.js';
import { scopesForRole } from '../../lib/roles.js';

const scopeHelp: Record<TokenScope, string> = {
  ingest: 'send events and logs',
  read: 'read data',
  write: 'change data',
  admin: 'manage users and settings',
};

const expiryOptions = [
  { value: '7', label: '7 days' },
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '365', label: '1 year' },
  { value: 'never', label: 'Never (not recommended)' },
];

const nameOnly = z.object({ name: createTokenRequest.shape.name });

export function CreateTokenModal({
  opened,
  onClose,
  role,
}: {
  opened: boolean;
  onClose: () => void;
  role: Role;
}) {
  const [created, setCreated] = useState<CreatedToken | null>(null);
  function close() {
    setCreated(null);
    onClose();
  }
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={created ? 'Token created' : 'Create an API token'}
      size="lg"
      centered
    >
      {created ? (
        <TokenSecret created={created} onDone={close} />
      ) : (
        <TokenForm role={role} onCreated={setCreated} onCancel={close} />
      )}
    </Modal>
  );
}

function TokenForm({
  role,
  onCreated,
  onCancel,
}: {
  role: Role;
  onCreated: (created: CreatedToken) => void;
  onCancel: () => void;
}) {
  const queryClient = useQueryClient();
  const allowed = scopesForRole(role);
  const form = useZodForm(nameOnly, { name: '' });
  const [scopes, setScopes] = useState<TokenScope[]>(['read']);
  const [scopeError, setScopeError] = useState<string | undefined>();
  const [expiry, setExpiry] = useState('90');
  const mutation = useMutation({
    mutationFn: createToken,
    onSuccess: async (result) => {
      onCreated(result);
      await queryClient.invalidateQueries({ queryKey: ['tokens'] });
    },
    onError: (error) => form.applyError(error),
  });

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const noScope = scopes.length === 0 ? 'choose at least one scope' : undefined;
    setScopeError(noScope);
    const input = form.validate();
    if (!input || noScope) return;
    mutation.mutate({
      name: input.name,
      scopes,
      expiresInDays: expiry === 'never' ? null : Number(expiry),
    });
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormError message={form.formError} title="Could not create the token" />
        <TextInput
          label="Name"
          description="Say where it is used, e.g. “Shop event ingest”."
          required
          data-autofocus
          {...form.field('name')}
        />
        <Checkbox.Group
          label="Scopes"
          value={scopes}
          onChange={setScopes}
          error={scopeError}
          required
        >
          <Stack gap="xs" mt="xs">
            {allowed.map((scope) => (
              <Checkbox key={scope} value={scope} label={`${scope}: ${scopeHelp[scope]}`} />
            ))}
          </Stack>
        </Checkbox.Group>
        <Select
          label="Expires after"
          data={expiryOptions}
          value={expiry}
          allowDeselect={false}
          onChange={(value) => value && setExpiry(value)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            Create token
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function TokenSecret({ created, onDone }: { created: CreatedToken; onDone: () => void }) {
  return (
    <Stack>
      <Alert
        color="yellow"
        variant="light"
        icon={<IconAlertTriangle aria-hidden />}
        title="Copy the token now"
      >
        This is the only time Cordon shows it. Only a hash is stored, so a lost token cannot be
        recovered: revoke it and create a new one.
      </Alert>
      <SecretValue label="Token secret" value={created.secret} testId="token-secret" />
      <Text size="sm" c="dimmed">
        Send it as <code>Authorization: Bearer &lt;token&gt;</code>. Keep it in a secrets manager,
        never in source code.
      </Text>
      <Group justify="flex-end">
        <Button onClick={onDone}>I have copied it</Button>
      </Group>
    </Stack>
  );
}
