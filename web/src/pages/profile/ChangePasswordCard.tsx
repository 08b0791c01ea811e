import { Button, Group, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { changePasswordRequest } from '@contracts/identity.js';
import { changePassword } from '../../api/profile.js';
import { FormError } from '../../components/FormError.js';
import { NewPasswordFields, passwordMismatch } from '../../components/NewPasswordFields.js';
import { useZodForm } from '../../hooks/useZodForm.js';

const passwordForm = changePasswordRequest.extend({ confirmPassword: z.string() });
const empty = { currentPassword: '', newPassword: '', confirmPassword: '' };

export function ChangePasswordCard() {
  const queryClient = useQueryClient();
  const form = useZodForm(passwordForm, empty);
  const mutation = useMutation({
    mutationFn: changePassword,
    onSuccess: async () => {
      form.reset();
      notifications.show({
        color: 'teal',
        message: 'Password changed. Your other sessions were signed out.',
      });
      await queryClient.invalidateQueries({ queryKey: ['session'] });
      await queryClient.invalidateQueries({ queryKey: ['own-sessions'] });
    },
    onError: (error) => form.applyError(error),
  });

  const submit = form.submitWith(
    (input) =>
      mutation.mutate({ currentPassword: input.currentPassword, newPassword: input.newPassword }),
    (values) => passwordMismatch(values.newPassword, values.confirmPassword),
  );

  return (
    <Paper withBorder radius="md" p="md">
      <Title order={2} size="h4">
        Change password
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Changing it signs you out on every other device.
      </Text>
      <form onSubmit={submit} noValidate>
        <Stack maw={420}>
          <FormError message={form.formError} title="Password not changed" />
          <PasswordInput
            label="Current password"
            autoComplete="current-password"
            required
            {...form.field('currentPassword')}
          />
          <NewPasswordFields
            label="New password"
            password={form.field('newPassword')}
            confirm={form.field('confirmPassword')}
          />
          <Group>
            <Button type="submit" loading={mutation.isPending}>
              Change password
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
