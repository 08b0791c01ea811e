import { Alert, List } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';

/** A save refused for missing required content: each element the server named, as a list. */
export function MissingContentAlert({ missing }: { missing: readonly string[] }) {
  if (missing.length === 0) return null;
  return (
    <Alert
      color="red"
      variant="light"
      title="Not saved: the notice lacks what the rule requires"
      icon={<IconAlertCircle aria-hidden />}
      data-testid="notice-missing-content"
    >
      <List size="sm" spacing={2}>
        {missing.map((message) => (
          <List.Item key={message}>{message}</List.Item>
        ))}
      </List>
    </Alert>
  );
}
