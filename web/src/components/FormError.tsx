import { Alert } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';

/** A form-level error. Alerts have role="alert", so screen readers announce them at once. */
export function FormError({
  message,
  title = 'That did not work',
}: {
  message: string | null | undefined;
  title?: string;
}) {
  if (!message) return null;
  return (
    <Alert color="red" variant="light" title={title} icon={<IconAlertCircle aria-hidden />}>
      {message}
    </Alert>
  );
}
