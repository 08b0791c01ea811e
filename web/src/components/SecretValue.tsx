import { Code, Group, Stack, Text } from '@mantine/core';
import { useId } from 'react';
import { CopyButton } from './CopyButton.js';

/** A value shown once (token secret, invite link, set-up key), with a labelled copy button. */
export function SecretValue({
  label,
  value,
  testId,
}: {
  label: string;
  value: string;
  testId?: string;
}) {
  const id = useId();
  return (
    <Stack gap={4}>
      <Group justify="space-between" align="end">
        <Text size="sm" fw={500} id={id}>
          {label}
        </Text>
        <CopyButton value={value} label={`Copy ${label.toLowerCase()}`} />
      </Group>
      <Code
        block
        aria-labelledby={id}
        data-testid={testId}
        style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}
      >
        {value}
      </Code>
    </Stack>
  );
}
