import { Alert, Button, Group, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { ApiError } from '../api/client.js';

/** Shown when a page's data fails to load; offers a retry. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const message = error instanceof ApiError ? error.message : 'The data could not be loaded.';
  const requestId = error instanceof ApiError ? error.requestId : null;
  return (
    <Alert
      color="red"
      variant="light"
      title="Could not load this page"
      icon={<IconAlertTriangle aria-hidden />}
    >
      <Text size="sm">{message}</Text>
      {requestId && (
        <Text size="xs" c="dimmed" mt={4}>
          Request id: {requestId}
        </Text>
      )}
      {onRetry && (
        <Group mt="sm">
          <Button size="xs" variant="light" color="red" onClick={onRetry}>
            Try again
          </Button>
        </Group>
      )}
    </Alert>
  );
}
