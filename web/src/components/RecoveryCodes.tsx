import { Alert, Code, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { CopyButton } from './CopyButton.js';

/** Recovery codes are shown exactly once; the server keeps only their hashes. */
export function RecoveryCodes({ codes }: { codes: string[] }) {
  return (
    <Stack gap="sm" data-testid="recovery-codes">
      <Alert
        color="yellow"
        variant="light"
        icon={<IconAlertTriangle aria-hidden />}
        title="Save your recovery codes now"
      >
        Each code signs you in once if you lose your authenticator. They will not be shown again.
      </Alert>
      <SimpleGrid
        cols={2}
        spacing="xs"
        component="ul"
        style={{ listStyle: 'none', padding: 0, margin: 0 }}
        aria-label="Recovery codes"
      >
        {codes.map((code) => (
          <li key={code}>
            <Code fz="sm">{code}</Code>
          </li>
        ))}
      </SimpleGrid>
      <Group>
        <CopyButton value={codes.join('\n')} label="Copy recovery codes" />
        <Text size="xs" c="dimmed">
          Store them in a password manager or print them.
        </Text>
      </Group>
    </Stack>
  );
}
