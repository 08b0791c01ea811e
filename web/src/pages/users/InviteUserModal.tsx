import { Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { inviteRequest } from '@contracts/identity.js';
import { inviteUser, type InviteResult } from '../../api/users.js';
import { FormError } from '../../components/FormError.js';
import { SecretValue } from '../../components/SecretValue.js';
import { useZodForm } from '../../hooks/useZodForm.js';
import { roleOptions } from '../../lib/roles.js';

const emptyInvite = { email: '', displayName: '', role: 'viewer' };

export function InviteUserModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [result, setResult] = useState<InviteResult | null>(null);
  function close() {
    setResult(null);
    onClose();
  }
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={result ? 'Invitation sent' : 'Invite a user'}
      size="lg"
      centered
    >
      {result ? (
        <InviteSent result={result} onDone={close} />
      ) : (
        <InviteForm onInvited={setResult} onCancel={close} />
      )}
    </Modal>
  );
}

function InviteForm({
  onInvited,
  onCancel,
}: {
  onInvited: (result: InviteResult) => void;
  onCancel: () => void;
}) {
  const queryClient = useQueryClient();
  const form = useZodForm(inviteRequest, emptyInvite);
  const mutation = useMutation({
    mutationFn: inviteUser,
    onSuccess: async (result) => {
      onInvited(result);
      await queryClient.invalidateQueries({ queryKey: ['users'] });
    },
    onError: (error) => form.applyError(error),
  });

  const submit = form.submitWith((input) => mutation.mutate(input));

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormError message={form.formError} title="Could not invite" />
        <TextInput
          label="Name"
          autoComplete="off"
          required
          data-autofocus
          {...form.field('displayName')}
        />
        <TextInput
          label="Email"
          type="email"
          autoComplete="off"
          required
          {...form.field('email')}
        />
        <Select
          label="Role"
          data={roleOptions}
          allowDeselect={false}
          value={form.values.role}
          onChange={(value) => value && form.setValue('role', value)}
          error={form.errors.role}
          description="Viewers read; analysts work vendors, incidents and the audit log; admins also manage users and settings."
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            Send invitation
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function InviteSent({ result, onDone }: { result: InviteResult; onDone: () => void }) {
  return (
    <Stack>
      <Text size="sm">
        We emailed an invitation to <strong>{result.user.email}</strong>. If email does not reach
        them, send this link another way. It works once, expires in 7 days, and is shown only now.
      </Text>
      <SecretValue label="Invitation link" value={result.inviteUrl} testId="invite-url" />
      <Group justify="flex-end">
        <Button onClick={onDone}>Done</Button>
      </Group>
    </Stack>
  );
}
