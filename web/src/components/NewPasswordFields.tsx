import { PasswordInput } from '@mantine/core';
import type { ChangeEvent } from 'react';

interface FieldProps {
  name: string;
  value: unknown;
  onChange: (event: ChangeEvent<HTMLInputElement>) => void;
  error: string | undefined;
}

/** A new password and its confirmation, as set-up, invitations and the profile ask for them. */
export function NewPasswordFields({
  password,
  confirm,
  label = 'Password',
}: {
  password: FieldProps;
  confirm: FieldProps;
  label?: string;
}) {
  return (
    <>
      <PasswordInput
        label={label}
        description="At least 12 characters. A passphrase of several words works well."
        autoComplete="new-password"
        required
        {...password}
        value={String(password.value)}
      />
      <PasswordInput
        label={`Confirm ${label.toLowerCase()}`}
        autoComplete="new-password"
        required
        {...confirm}
        value={String(confirm.value)}
      />
    </>
  );
}

/** The cross-field check every such form runs before it submits. */
export function passwordMismatch(
  password: string,
  confirmation: string,
): { confirmPassword?: string } {
  return password === confirmation ? {} : { confirmPassword: 'must match the password' };
}
